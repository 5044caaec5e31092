/**
 * A person's identity stream (`identity-<personId>`): records linked to them by the matcher and
 * splits reviewers make. The facts a split is checked against (which people were merged into
 * this one, which records and cases are theirs now) come from the person index, on the command.
 */
import type { Decider } from '../../../../command-handling/src/decider';
import { invalid } from '../../../../command-handling/src/rejections';
import type { PersonRecordLinked, PersonLinkEvent } from './identity-events';
import { IDENTITY_RULES } from './identity-rules';
import { requireReason } from './reason';

export interface PersonLinksState {
  readonly linkedRecordIds: readonly string[];
  readonly splits: number;
}

export interface PersonNow {
  /** People merged into this one, directly or through others: the ones a split may restore. */
  readonly mergedPersonIds: readonly string[];
  readonly recordIds: readonly string[];
  readonly caseIds: readonly string[];
}

export type PersonLinksCommand =
  | { readonly type: 'link-record'; readonly data: PersonRecordLinked['data'] }
  | {
      readonly type: 'split-person';
      readonly data: {
        readonly personId: string;
        /** Restore a merged person, or start a new one (its id chosen by the caller). */
        readonly into: { readonly restore: string } | { readonly newPersonId: string };
        readonly recordIds: readonly string[];
        readonly caseIds: readonly string[];
        readonly reason: string;
        readonly now: PersonNow;
        readonly occurredAt: string;
      };
    };

function decideSplit(data: Extract<PersonLinksCommand, { type: 'split-person' }>['data']): PersonLinkEvent[] {
  const reason = requireReason(data.reason);
  const { now } = data;
  const unknownRecord = data.recordIds.find((id) => !now.recordIds.includes(id));
  if (unknownRecord !== undefined) {
    throw invalid('recordIds', IDENTITY_RULES.recordOfPerson, `record ${unknownRecord} is not one of this person's`);
  }
  const unknownCase = data.caseIds.find((id) => !now.caseIds.includes(id));
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
    if (data.recordIds.length === 0 && data.caseIds.length === 0) {
      throw invalid(
        'restore',
        IDENTITY_RULES.somethingToSplit,
        'say what to split off: restore a merged person, or list recordIds or caseIds for a new person',
      );
    }
    if (data.recordIds.length > 0 && data.recordIds.length >= now.recordIds.length) {
      throw invalid('recordIds', IDENTITY_RULES.keepOneRecord, 'at least one record must stay with this person');
    }
  }
  return [
    {
      type: 'person-split',
      data: {
        personId: data.personId,
        intoPersonId: 'restore' in data.into ? data.into.restore : data.into.newPersonId,
        restored: 'restore' in data.into,
        recordIds: [...new Set(data.recordIds)],
        caseIds: [...new Set(data.caseIds)],
        reason,
        occurredAt: data.occurredAt,
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
    case 'split-person':
      return decideSplit(command.data);
  }
}

function evolve(state: PersonLinksState, event: PersonLinkEvent): PersonLinksState {
  switch (event.type) {
    case 'person-record-linked':
      return { ...state, linkedRecordIds: [...state.linkedRecordIds, event.data.recordId] };
    case 'person-split':
      return { ...state, splits: state.splits + 1 };
    default:
      return state;
  }
}

export const personLinksDecider: Decider<PersonLinksState, PersonLinksCommand, PersonLinkEvent> = {
  initialState: () => ({ linkedRecordIds: [], splits: 0 }),
  evolve,
  decide,
};
