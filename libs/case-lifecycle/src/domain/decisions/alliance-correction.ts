/**
 * Operation Alliance corrections of facts about the engagement (where the child lives, whether they
 * were known to YOS): facts the evaluation counts, not case work, so a closed case takes them too.
 */
import { ruleRefused } from '../../../../command-handling/src/rejections';
import { isBefore } from '../input-checks';
import type { CaseRecord, CaseState } from '../case-state';
import { existingCase, openCase } from './case-guards';

/**
 * The evaluation counts closed cases too (most of its engagements are), so a closed case's facts
 * are put right like an open one's. A declined referral stays refused, as for any other fact.
 */
export function caseOfCorrection(state: CaseState, caseId: string): CaseRecord {
  const record = existingCase(state, caseId);
  return record.phase === 'closed' ? record : openCase(state, caseId);
}

/**
 * After the closure the scheme no longer follows the child, so what became of them then is not
 * its to record: a correction on a closed case is dated from the engagement up to the closure.
 */
export function requireNotAfterClosure(
  record: CaseRecord,
  occurredAt: string,
  rule: string,
  what: string,
  hint: string,
): void {
  const { closedAt } = record;
  if (closedAt === null || !isBefore(closedAt, occurredAt)) return;
  throw ruleRefused(
    rule,
    `the case was closed at ${closedAt}: ${what} on a closed case holds from the engagement up to the closure (${hint})`,
    'occurredAt',
  );
}
