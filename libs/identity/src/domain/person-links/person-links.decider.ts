/**
 * A person's identity stream (`identity-<personId>`): records linked to them by the matcher,
 * splits reviewers make, and the first step of a restore or merge recorded elsewhere that changes
 * them (change-begun.ts). The facts a split is checked against (which people were merged into
 * this one, which records and cases are theirs now) come from the person index, on the command.
 */
import type { Decider } from '../../../../command-handling/src/decider';
import { conflict, invalid, Rejection, type RejectionDetail } from '../../../../command-handling/src/rejections';
import {
  applyPersonChanges,
  recordedDetails,
  recordedRemoval,
} from '../../../../case-lifecycle/src/domain/person.decider';
import { requireInstant } from '../../../../case-lifecycle/src/domain/input-checks';
import type { PersonDetails } from '../../../../case-lifecycle/src/domain/events/person-events';
import type {
  CaseNamingBegun,
  PersonRecordDetailsRecorded,
  PersonRecordLinked,
  PersonLinkEvent,
} from './identity-events';
import { IDENTITY_RULES } from './identity-rules';
import { requireReason } from './reason';
import {
  mergeBegun,
  restoreBegun,
  restoreWithdrawn,
  type BeginMergeData,
  type BeginRestoreData,
  type WithdrawRestoreData,
} from './change-begun';
import { restoredOnto, type RestoreSplitOffData } from './restore-split-off';
import type { CaseAndItsRecord, PersonNow, RecordsAndCases, SplitFacts } from './split-facts';
import type { SortedPerson, SortedRecord } from './sort-at-restore';
import type { IdentifierKind } from '../identifiers';

export interface PersonLinksState {
  readonly linkedRecordIds: readonly string[];
  /** Each linked record's details as they stand now: a change records only what differs. */
  readonly recordDetails: Readonly<Record<string, PersonDetails>>;
  readonly splits: number;
  /** Revision of the stream's last event folded (-1: none): what a split's facts are checked against. */
  readonly revision: number;
}

export type { CaseAndItsRecord, PersonNow, RecordsAndCases, SplitFacts, SplitOffPerson } from './split-facts';

export type PersonLinksCommand =
  | { readonly type: 'link-record'; readonly data: PersonRecordLinked['data'] }
  | { readonly type: 'record-record-details'; readonly data: PersonRecordDetailsRecorded['data'] }
  | {
      readonly type: 'split-person';
      readonly data: {
        readonly personId: string;
        /**
         * Restore a merged person (who takes back the records and cases that were theirs, and
         * those linked, and the people merged in, while merged sorted to go back with them), or
         * start a new one (its id chosen by the caller).
         */
        readonly into:
          | {
              readonly restore: string;
              readonly takesBack: RecordsAndCases;
              readonly linkedWhileMerged?: readonly SortedRecord[];
              readonly mergedWhileOne?: readonly SortedPerson[];
            }
          | { readonly newPersonId: string };
        readonly recordIds: readonly string[];
        readonly caseIds: readonly string[];
        /** Kinds the reviewer stated were recorded in error, letting the split part their values. */
        readonly identifiersInError?: readonly IdentifierKind[];
        readonly reason: string;
        readonly now: SplitFacts;
        /** The revision of this stream the person index had folded when `now` was read from it. */
        readonly factsAtRevision: number;
        readonly occurredAt: string;
      };
    }
  | {
      /** Puts what a split moved to a person of their own back on the person it was split off. */
      readonly type: 'restore-split-off';
      readonly data: RestoreSplitOffData;
    }
  | {
      /** Before a restore is recorded, on the stream of each person it gives something back to. */
      readonly type: 'begin-restore';
      readonly data: BeginRestoreData;
    }
  | {
      /** On the split-off person's stream, when a restore begun will not be recorded. */
      readonly type: 'withdraw-restore';
      readonly data: WithdrawRestoreData;
    }
  | {
      /** Before a confirmation is recorded on its review's stream, on the stream of each of the two people it merges. */
      readonly type: 'begin-merge';
      readonly data: BeginMergeData;
    }
  | {
      /** Before a MARAC case naming someone is written, on the stream of the person it is about. */
      readonly type: 'begin-case-naming';
      readonly data: CaseNamingBegun['data'];
    };

type SplitData = Extract<PersonLinksCommand, { type: 'split-person' }>['data'];

/**
 * A new person must stand for someone: with no record they have no name, and with no case no
 * panel can see them (only admins could, so no coordinator could ever split them back).
 */
function requireWholeNewPerson({ recordIds, caseIds }: RecordsAndCases, now: PersonNow): void {
  if (recordIds.length === 0 && caseIds.length === 0) {
    throw invalid(
      'restore',
      IDENTITY_RULES.somethingToSplit,
      'say what to split off: restore a merged person, or list recordIds and caseIds for a new person',
    );
  }
  if (recordIds.length === 0) {
    throw invalid(
      'recordIds',
      IDENTITY_RULES.newPersonRecord,
      'a new person needs at least one record: list recordIds',
    );
  }
  // The case naming a perpetrator whose record is split off names the new person from then on.
  const perpetrators = now.perpetratorRecordIds ?? [];
  if (caseIds.length === 0 && !recordIds.every((id) => perpetrators.includes(id))) {
    throw invalid('caseIds', IDENTITY_RULES.newPersonCase, 'a new person needs at least one case: list caseIds');
  }
}

/**
 * The same holds for the person left behind, whatever the split (an unmerge that also names the
 * survivor's own records or cases could carry off all of them). Only what the split names is
 * held against it: a person who had no case before is not stuck with their merge.
 */
function requireSomethingLeft(named: RecordsAndCases, takesBack: RecordsAndCases, now: PersonNow): void {
  const left = (all: readonly string[], moved: readonly string[], restored: readonly string[]) =>
    all.filter((id) => !moved.includes(id) && !restored.includes(id));
  if (named.recordIds.length > 0 && left(now.recordIds, named.recordIds, takesBack.recordIds).length === 0) {
    throw invalid('recordIds', IDENTITY_RULES.keepOneRecord, 'at least one record must stay with this person');
  }
  if (named.caseIds.length > 0 && left(now.caseIds, named.caseIds, takesBack.caseIds).length === 0) {
    throw invalid('caseIds', IDENTITY_RULES.keepOneCase, 'at least one case must stay with this person');
  }
}

/**
 * A case and the record its referral brought in move together, or neither does: that record is the
 * person the referral described, so a case parted from it is about someone holding none of the
 * details it was referred with (and the tracker and agenda, which name a case by that record, named
 * neither case while such a split stood). What a restore takes back moves too. A MARAC
 * perpetrator's record is not its case's, and a case or record whose partner someone else holds
 * already (parted before this rule) is not held to it.
 */
function requireCasesWithTheirRecords(
  named: RecordsAndCases,
  takesBack: RecordsAndCases,
  pairs: readonly CaseAndItsRecord[],
): void {
  const moves = (id: string, kind: keyof RecordsAndCases) => named[kind].includes(id) || takesBack[kind].includes(id);
  const recordsLeft = pairs.filter((p) => named.caseIds.includes(p.caseId) && !moves(p.recordId, 'recordIds'));
  const casesLeft = pairs.filter((p) => named.recordIds.includes(p.recordId) && !moves(p.caseId, 'caseIds'));
  const details: RejectionDetail[] = [];
  if (recordsLeft.length > 0)
    details.push({
      field: 'recordIds',
      rule: IDENTITY_RULES.caseWithItsRecord,
      message: `a case moves with the record its referral brought in (${listed(recordsLeft)}): add ${ids(recordsLeft, 'recordId')} to recordIds, or do not move ${ids(recordsLeft, 'caseId')}`,
    });
  if (casesLeft.length > 0)
    details.push({
      field: 'caseIds',
      rule: IDENTITY_RULES.caseWithItsRecord,
      message: `a record a case's referral brought in moves with that case (${listed(casesLeft)}): add ${ids(casesLeft, 'caseId')} to caseIds, or do not move ${ids(casesLeft, 'recordId')}`,
    });
  if (details.length > 0)
    throw new Rejection('invalid', IDENTITY_RULES.caseWithItsRecord, details.map((d) => d.message).join('; '), details);
}

const ids = (pairs: readonly CaseAndItsRecord[], kind: keyof CaseAndItsRecord) => pairs.map((p) => p[kind]).join(', ');
const listed = (pairs: readonly CaseAndItsRecord[]) =>
  pairs.map((p) => `case ${p.caseId} with record ${p.recordId}`).join(', ');

/**
 * A split is checked against facts the person index read, which this stream does not hold (merges
 * live on match streams). Anything recorded here since (another reviewer's split, a record linked)
 * may have made them untrue: a second restore of one merged person, or records already moved to one
 * new person carried on to another. Refused rather than decided again on the same stale facts.
 */
function requireFactsCurrent(
  factsAtRevision: number,
  state: PersonLinksState,
  decision: 'split' | 'confirmation' = 'split',
): void {
  if (state.revision > factsAtRevision)
    throw conflict(
      IDENTITY_RULES.personChanged,
      `this person changed after the facts your ${decision} was decided on were read (another split, or a record linked): nothing was recorded; re-read the person and try again`,
    );
}

/** What an unmerge sorted to go back with the restored person, beyond what they held before the merge. */
function goingBack(linked: readonly SortedRecord[]): RecordsAndCases {
  const back = linked.filter((sorted) => sorted.goesBack);
  return {
    recordIds: back.map((sorted) => sorted.recordId),
    caseIds: back.flatMap((sorted) => (sorted.caseId === undefined ? [] : [sorted.caseId])),
  };
}

/** Everyone an unmerge sorts must be merged into this person, and not be the one restored. */
function requirePeopleMergedIn(people: readonly SortedPerson[], restore: string, now: PersonNow): void {
  const stranger = people.find((p) => p.personId === restore || !now.mergedPersonIds.includes(p.personId));
  if (stranger !== undefined)
    throw invalid(
      'personIds',
      IDENTITY_RULES.restoreMergedPerson,
      `${stranger.personId} was not merged into this person while ${restore} was, so it cannot be sorted`,
    );
}

function decideSplit(data: SplitData, state: PersonLinksState): PersonLinkEvent[] {
  requireFactsCurrent(data.factsAtRevision, state);
  const reason = requireReason(data.reason);
  const { now } = data;
  const linked = 'restore' in data.into ? (data.into.linkedWhileMerged ?? []) : [];
  const people = 'restore' in data.into ? (data.into.mergedWhileOne ?? []) : [];
  if ('restore' in data.into) requirePeopleMergedIn(people, data.into.restore, now);
  const sorted = goingBack(linked);
  // What a person merged in holds goes with them (their merge pointer), never by the lists: a
  // later restore of them takes back what is held under their ids, not what a split moved.
  const theirs = new Set(people.flatMap((p) => [...p.recordIds, ...p.caseIds]));
  const withThem = people.filter((p) => p.goesBack);
  // A record or case named twice is one record or case: it must not count twice below.
  const recordIds = [...new Set([...data.recordIds, ...sorted.recordIds])].filter((id) => !theirs.has(id));
  const caseIds = [...new Set([...data.caseIds, ...sorted.caseIds])].filter((id) => !theirs.has(id));
  const unknownRecord = recordIds.find((id) => !now.recordIds.includes(id));
  if (unknownRecord !== undefined) {
    throw invalid('recordIds', IDENTITY_RULES.recordOfPerson, `record ${unknownRecord} is not one of this person's`);
  }
  const unknownCase = caseIds.find((id) => !now.caseIds.includes(id));
  if (unknownCase !== undefined) {
    throw invalid('caseIds', IDENTITY_RULES.caseOfPerson, `case ${unknownCase} is not one of this person's`);
  }
  if ('restore' in data.into) {
    if (!now.mergedPersonIds.includes(data.into.restore)) {
      throw invalid(
        'restore',
        IDENTITY_RULES.restoreMergedPerson,
        `${data.into.restore} was not merged into this person, so it cannot be split off`,
      );
    }
  } else {
    requireWholeNewPerson({ recordIds, caseIds }, now);
  }
  const restored = 'restore' in data.into ? data.into.takesBack : { recordIds: [], caseIds: [] };
  const takesBack = {
    recordIds: [...restored.recordIds, ...withThem.flatMap((p) => p.recordIds)],
    caseIds: [...restored.caseIds, ...withThem.flatMap((p) => p.caseIds)],
  };
  // Only what the reviewer named is held against what is left, as before records were sorted.
  requireSomethingLeft(
    { recordIds: [...new Set(data.recordIds)], caseIds: [...new Set(data.caseIds)] },
    { recordIds: [...takesBack.recordIds, ...sorted.recordIds], caseIds: [...takesBack.caseIds, ...sorted.caseIds] },
    now,
  );
  requireCasesWithTheirRecords({ recordIds, caseIds }, takesBack, now.casesWithTheirRecords);
  const intoPersonId = 'restore' in data.into ? data.into.restore : data.into.newPersonId;
  return [
    {
      type: 'person-split',
      data: {
        personId: data.personId,
        intoPersonId,
        restored: 'restore' in data.into,
        recordIds,
        caseIds,
        ...(linked.length === 0
          ? {}
          : {
              linkedWhileMerged: linked.map(({ recordId, caseId, goesBack, by }) => ({
                recordId,
                ...(caseId === undefined ? {} : { caseId }),
                to: goesBack ? intoPersonId : data.personId,
                by,
              })),
            }),
        ...(people.length === 0
          ? {}
          : {
              mergedWhileOne: people.map(({ personId, goesBack, by }) => ({
                personId,
                to: goesBack ? intoPersonId : data.personId,
                by,
              })),
            }),
        ...((data.identifiersInError ?? []).length === 0 ? {} : { identifiersInError: data.identifiersInError }),
        reason,
        occurredAt: data.occurredAt,
      },
    },
  ];
}

/** Undoes a split, on the split-off person's stream: facts read before it moved on are refused. */
function decideRestoreSplitOff(data: RestoreSplitOffData, state: PersonLinksState): PersonLinkEvent[] {
  requireFactsCurrent(data.factsAtRevision, state);
  return restoredOnto(data);
}

/** New details of one of the records linked here: every field given, changed or not (`recordedDetails`). */
function decideRecordDetails(data: PersonRecordDetailsRecorded['data'], state: PersonLinksState): PersonLinkEvent[] {
  const current = state.recordDetails[data.recordId];
  if (current === undefined) {
    throw invalid(
      'recordId',
      IDENTITY_RULES.recordOfPerson,
      `record ${data.recordId} was not linked to person ${data.personId}`,
    );
  }
  const occurredAt = requireInstant(data.occurredAt, 'occurredAt');
  const changes = recordedDetails(data.changes);
  const removal = recordedRemoval(data, changes, current.identifiers);
  if (Object.keys(changes).length === 0 && removal.identifiersRemoved === undefined) return [];
  return [
    {
      type: 'person-record-details-recorded',
      data: {
        personId: data.personId,
        recordId: data.recordId,
        changes,
        ...removal,
        ...(data.source === undefined ? {} : { source: data.source }),
        ...(data.namedOn === undefined ? {} : { namedOn: data.namedOn }),
        occurredAt,
      },
    },
  ];
}

function decide(command: PersonLinksCommand, state: PersonLinksState): readonly PersonLinkEvent[] {
  switch (command.type) {
    case 'link-record':
      // A retried referral links its record once.
      return state.linkedRecordIds.includes(command.data.recordId)
        ? []
        : [{ type: 'person-record-linked', data: command.data }];
    case 'record-record-details':
      return decideRecordDetails(command.data, state);
    case 'split-person':
      return decideSplit(command.data, state);
    case 'restore-split-off':
      return decideRestoreSplitOff(command.data, state);
    case 'begin-restore':
      requireFactsCurrent(command.data.factsAtRevision, state);
      return restoreBegun(command.data);
    case 'withdraw-restore':
      return restoreWithdrawn(command.data, state.revision);
    case 'begin-merge':
      requireFactsCurrent(command.data.factsAtRevision, state, 'confirmation');
      return mergeBegun(command.data);
    case 'begin-case-naming':
      return [{ type: 'case-naming-begun', data: command.data }];
  }
}

function evolve(state: PersonLinksState, event: PersonLinkEvent): PersonLinksState {
  return { ...fold(state, event), revision: state.revision + 1 };
}

function fold(state: PersonLinksState, event: PersonLinkEvent): PersonLinksState {
  switch (event.type) {
    case 'person-record-linked':
      return {
        ...state,
        linkedRecordIds: [...state.linkedRecordIds, event.data.recordId],
        recordDetails: { ...state.recordDetails, [event.data.recordId]: event.data.details },
      };
    case 'person-record-details-recorded': {
      const before = state.recordDetails[event.data.recordId];
      if (before === undefined) return state;
      const after = applyPersonChanges(before, event.data);
      return { ...state, recordDetails: { ...state.recordDetails, [event.data.recordId]: after } };
    }
    case 'person-split':
      return { ...state, splits: state.splits + 1 };
    default:
      return state;
  }
}

export const personLinksDecider: Decider<PersonLinksState, PersonLinksCommand, PersonLinkEvent> = {
  initialState: () => ({ linkedRecordIds: [], recordDetails: {}, splits: 0, revision: -1 }),
  evolve,
  decide,
};
