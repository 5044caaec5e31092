import type { IndexedPerson } from '../../../identity/src/application/person-index.query';

/**
 * When the earliest of the records a disclosure about a person alone passes on was referred: the
 * panel held nothing of the person before, so a decision dated earlier would tell the register, and
 * the recipient's view, that the details were given out before anyone had them. A record is dated
 * by the referral of the case that brought it in (of whichever panel). Null, bounding nothing, when
 * nothing is behind the disclosure or a record has no such date (a monthly upload, an import, a case
 * the index does not list): what a partnership held before any referral may be shared as of then.
 */
export function referralBehindRecords(person: IndexedPerson, recordIds: readonly string[]): string | null {
  const referredAt = new Map([...person.cases, ...person.namedOn].map((c) => [c.caseId, c.referredAt]));
  let earliest: string | null = null;
  for (const recordId of recordIds) {
    const sourceCaseId = person.records.find((r) => r.recordId === recordId)?.sourceCaseId ?? null;
    const at = sourceCaseId === null ? undefined : referredAt.get(sourceCaseId);
    if (at === undefined) return null;
    if (earliest === null || Date.parse(at) < Date.parse(earliest)) earliest = at;
  }
  return earliest;
}
