import type { MatchEvent, PersonSplit } from '../../../../identity/src/domain/person-links';

/** Reviewers' decisions and splits as the log holds them, for folding into `PeopleNow` in specs. */
export const confirmedMatch = (proposalId: string, survivorId: string, mergedId: string): MatchEvent => ({
  type: 'match-confirmed',
  data: {
    proposalId,
    personIds: [survivorId, mergedId],
    survivorId,
    mergedId,
    reason: 'reviewer confirms one person',
    occurredAt: '2024-02-01T10:00:00Z',
  },
});

export const rejectedMatch = (proposalId: string, personIds: [string, string]): MatchEvent => ({
  type: 'match-rejected',
  data: { proposalId, personIds, reason: 'two different people', occurredAt: '2024-01-20T10:00:00Z' },
});

/** A split that restores `intoPersonId`, merged into `personId` earlier. */
export const restoringSplit = (personId: string, intoPersonId: string): PersonSplit['data'] => ({
  personId,
  intoPersonId,
  restored: true,
  recordIds: [],
  caseIds: [],
  reason: 'merged in error',
  occurredAt: '2024-02-02T10:00:00Z',
});

/** A split that moves `caseIds` (and `recordIds`) from `personId` to a new person, `intoPersonId`. */
export const movingSplit = (
  personId: string,
  intoPersonId: string,
  moved: { recordIds?: string[]; caseIds: string[] },
): PersonSplit['data'] => ({
  personId,
  intoPersonId,
  restored: false,
  recordIds: moved.recordIds ?? [],
  caseIds: moved.caseIds,
  reason: 'these cases are about someone else',
  occurredAt: '2024-02-03T10:00:00Z',
});
