import { forbidden } from '../../../command-handling/src/rejections';
import type { Principal } from '../../../platform/src/auth/principal';
import { holdingsOf, type IndexedPerson } from './person-index.query';
import { holdsNothing, onYourPanels } from '../domain/person-links';
import { mayViewPerson } from './person-visibility';

const RULE = 'split-within-your-panels';

export interface SplitScope {
  readonly restore?: string;
  readonly recordIds?: readonly string[];
  readonly caseIds?: readonly string[];
  /** On a restore: people merged in while the two were one that go back (records-linked-while-merged.ts). */
  readonly personIds?: readonly string[];
}

/**
 * A split carries records and cases away from every panel that knows the person, so a coordinator
 * may only pull apart what their own panels hold: a restored person must have a case on one of
 * them (as a reviewer must see both people to merge them), and each record or case moved must
 * come from one of them. Another panel's victim record must not be detached from its case by
 * someone who cannot see that case. Ids that are not this person's are left to the decider (400).
 * A restored person who holds nothing now (all of it split off them since) takes nothing back and
 * has no case on anyone's panels: no coordinator could ever undo that merge, and their id would
 * stand for this person for good, so any coordinator who may see this person may undo it.
 */
export function requireSplitWithinPanels(
  principal: Principal,
  person: IndexedPerson,
  request: SplitScope,
  restored: IndexedPerson | undefined,
): void {
  if (principal.roles.includes('admin')) return;
  const ours = onYourPanels(principal);
  if (
    restored !== undefined &&
    person.mergedPersonIds.includes(restored.personId) &&
    !holdsNothing(holdingsOf(restored)) &&
    !mayViewPerson(principal, restored)
  )
    throw forbidden(RULE, `${restored.personId} has no case on your panels: a coordinator of theirs must restore them`);
  for (const recordId of request.recordIds ?? []) {
    const record = person.records.find((r) => r.recordId === recordId);
    if (record !== undefined && !ours(record.sourcePanel))
      throw forbidden(RULE, `record ${recordId} came from ${record.sourcePanel}, not one of your panels`);
  }
  for (const caseId of request.caseIds ?? []) {
    const found = person.cases.find((c) => c.caseId === caseId);
    if (found !== undefined && !ours(found.panel))
      throw forbidden(RULE, `case ${caseId} is on ${found.panel}, not one of your panels`);
  }
}

/**
 * A person split off someone the caller sees, who holds only what the caller may not see: the
 * refusal names neither the panels nor the records, which are no business of theirs.
 */
export const splitOffBeyondYourPanels = () =>
  forbidden(
    RULE,
    'what was split off this person is held for panels other than yours: a coordinator of those panels, or an admin, must restore it',
  );
