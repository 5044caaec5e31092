import type { PersonSplit } from '../../../../../identity/src/domain/person-links';

/** A `person-split` that moves one case (no record) from `personId` to `intoPersonId`, not an unmerge. */
export const caseMoved = (
  personId: string,
  intoPersonId: string,
  caseId: string,
  occurredAt: string,
): PersonSplit['data'] => ({
  personId,
  intoPersonId,
  restored: false,
  recordIds: [],
  caseIds: [caseId],
  reason: 'Case recorded against the wrong person',
  occurredAt,
});
