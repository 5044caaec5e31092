/**
 * One proposed pair of people (`personmatch-<proposalId>`): proposed once, then confirmed
 * (a merge) or rejected (never proposed again, because the pair's stream already exists). A
 * decision may be reopened, so that no reviewer's mistake is permanent: a rejection at any time,
 * a confirmation once a restoring split has made the pair two people again. An open proposal
 * whose scored record a split has moved off its second person is proposed again on a later
 * record that scores (`evidenceMoved`): the same review, before a reviewer once more.
 */
import type { Decider } from '../../../../command-handling/src/decider';
import { conflict, notFound } from '../../../../command-handling/src/rejections';
import type { PersonIdentifiers } from '../../../../case-lifecycle/src/domain/events/person-events';
import { conflictingIdentifierKinds } from './identifier-conflict';
import type { MatchEvent, MatchProposed, WithdrawalCause } from './identity-events';
import { IDENTITY_RULES } from './identity-rules';
import { requireReason } from './reason';

export type MatchProposalState =
  | { readonly status: 'none' }
  | {
      readonly status: 'open' | 'confirmed' | 'rejected';
      readonly proposalId: string;
      readonly personIds: readonly [string, string];
      /** How many `match-proposed` the stream holds: the first, and each on newer evidence. */
      readonly timesProposed: number;
    };

export type MatchProposalCommand =
  | {
      readonly type: 'propose-match';
      readonly data: MatchProposed['data'];
      /**
       * The pair's open proposal was scored on a record a split has since moved off its second
       * person (the resolver followed it; proposal-evidence.ts), after it had been proposed this
       * many times. It is proposed again on this record only if nobody proposed it again meanwhile.
       */
      readonly evidenceMoved?: { readonly timesProposed: number };
    }
  | {
      readonly type: 'confirm-match';
      readonly data: {
        readonly reason: string;
        /** Who each proposed person is now (either may have been merged since the proposal). */
        readonly currentPersonIds: readonly [string, string];
        /** Global log position of each current person's registration: the older one survives. */
        readonly registeredAt: Readonly<Record<string, number>>;
        /** The identifiers on every record each current person holds now, in `currentPersonIds` order. */
        readonly identifiers: readonly [readonly PersonIdentifiers[], readonly PersonIdentifiers[]];
        readonly occurredAt: string;
      };
    }
  | {
      readonly type: 'reject-match';
      readonly data: {
        readonly reason: string;
        /** Who each proposed person is now: other confirmations may have made them one already. */
        readonly currentPersonIds: readonly [string, string];
        readonly occurredAt: string;
      };
    }
  | {
      readonly type: 'reopen-match';
      readonly data: {
        readonly reason: string;
        /** Who each proposed person is now: a confirmed pair must have been split apart again. */
        readonly currentPersonIds: readonly [string, string];
        readonly occurredAt: string;
      };
    }
  | {
      /**
       * A merge begun on the two people (`merge-begun`) that will not be recorded. Appended only at
       * the revision the merge expects (the caller pins it): once anything else is recorded here,
       * the merge is settled as never to be, and there is nothing to withdraw.
       */
      readonly type: 'withdraw-merge';
      readonly data: { readonly cause: WithdrawalCause; readonly occurredAt: string };
    };

/** The person registered first survives a merge; ties (never expected) fall back to the id. */
export function chooseSurvivor(
  [a, b]: readonly [string, string],
  registeredAt: Readonly<Record<string, number>>,
): { survivorId: string; mergedId: string } {
  const at = (id: string): number => registeredAt[id] ?? Number.MAX_SAFE_INTEGER;
  const aFirst = at(a) < at(b) || (at(a) === at(b) && a < b);
  return aFirst ? { survivorId: a, mergedId: b } : { survivorId: b, mergedId: a };
}

function known(ids: readonly string[], registeredAt: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(ids.flatMap((id) => (registeredAt[id] === undefined ? [] : [[id, registeredAt[id]]])));
}

interface OpenProposal {
  readonly proposalId: string;
  readonly personIds: readonly [string, string];
}

function requireOpen(state: MatchProposalState): OpenProposal {
  if (state.status === 'none') throw notFound('match-review-exists', 'no such match review');
  if (state.status !== 'open') {
    throw conflict(IDENTITY_RULES.proposalOpen, `this match review is already ${state.status}`);
  }
  return state;
}

function decideReopen(
  state: MatchProposalState,
  data: Extract<MatchProposalCommand, { type: 'reopen-match' }>['data'],
): MatchEvent[] {
  if (state.status === 'none') throw notFound('match-review-exists', 'no such match review');
  if (state.status === 'open') {
    throw conflict(IDENTITY_RULES.proposalDecided, 'this match review is open: confirm or reject it instead');
  }
  const reason = requireReason(data.reason);
  const [a, b] = data.currentPersonIds;
  // Reopening a merge still in place would offer to merge one person with themselves.
  if (state.status === 'confirmed' && a === b) {
    throw conflict(
      IDENTITY_RULES.undoMergeFirst,
      'these two are still one person: split with restore to undo the merge before reopening',
    );
  }
  return [
    {
      type: 'match-reopened',
      data: {
        proposalId: state.proposalId,
        personIds: state.personIds,
        previously: state.status,
        reason,
        occurredAt: data.occurredAt,
      },
    },
  ];
}

/**
 * A reviewer may not merge what the matcher may never link: people with different valid values of
 * one identifier. One of them may have gained the other value since the proposal (a record linked
 * to them, a merge), so it is checked on the people as they are now.
 */
function requireNoIdentifierConflict([a, b]: readonly [readonly PersonIdentifiers[], readonly PersonIdentifiers[]]) {
  const kinds = conflictingIdentifierKinds(a, b);
  if (kinds.length > 0) {
    throw conflict(
      IDENTITY_RULES.identifierConflict,
      `these two people hold different ${kinds.join(', ')} values, so they are two people: split off the record that brought the other value first, or reject the match`,
    );
  }
}

/**
 * An existing stream means the pair was proposed before: if decided, it stays decided (a rejected
 * pair is never proposed again; a reviewer reopens). Only an open proposal whose evidence moved
 * is proposed again: it is out of the queue, and no reviewer can confirm it, until it is.
 */
function proposeAgain(
  state: MatchProposalState,
  { evidenceMoved }: Extract<MatchProposalCommand, { type: 'propose-match' }>,
): boolean {
  return state.status === 'open' && evidenceMoved !== undefined && evidenceMoved.timesProposed === state.timesProposed;
}

function decide(command: MatchProposalCommand, state: MatchProposalState): readonly MatchEvent[] {
  switch (command.type) {
    case 'propose-match':
      return state.status === 'none' || proposeAgain(state, command)
        ? [{ type: 'match-proposed', data: command.data }]
        : [];
    case 'confirm-match': {
      const open = requireOpen(state);
      const reason = requireReason(command.data.reason);
      const [a, b] = command.data.currentPersonIds;
      if (a === b) throw conflict(IDENTITY_RULES.alreadyOnePerson, 'these records are already one person');
      requireNoIdentifierConflict(command.data.identifiers);
      return [
        {
          type: 'match-confirmed',
          data: {
            proposalId: open.proposalId,
            personIds: open.personIds,
            ...chooseSurvivor([a, b], command.data.registeredAt),
            // What the survivor was chosen by, for the fold to choose again if a race moved either.
            registeredAt: known([a, b], command.data.registeredAt),
            reason,
            occurredAt: command.data.occurredAt,
          },
        },
      ];
    }
    case 'reject-match': {
      const open = requireOpen(state);
      const reason = requireReason(command.data.reason);
      // "Two different people" about one person contradicts the record: undo the merges first.
      if (command.data.currentPersonIds[0] === command.data.currentPersonIds[1]) {
        throw conflict(
          IDENTITY_RULES.undoMergeFirst,
          'other confirmed matches have made these two one person: split with restore before rejecting',
        );
      }
      return [
        {
          type: 'match-rejected',
          data: { proposalId: open.proposalId, personIds: open.personIds, reason, occurredAt: command.data.occurredAt },
        },
      ];
    }
    case 'reopen-match':
      return decideReopen(state, command.data);
    case 'withdraw-merge': {
      if (state.status === 'none') return [];
      const { proposalId, personIds } = state;
      return [{ type: 'merge-withdrawn', data: { proposalId, personIds, ...command.data } }];
    }
  }
}

function evolve(state: MatchProposalState, event: MatchEvent): MatchProposalState {
  switch (event.type) {
    case 'match-proposed':
      return {
        status: 'open',
        proposalId: event.data.proposalId,
        personIds: event.data.personIds,
        timesProposed: (state.status === 'none' ? 0 : state.timesProposed) + 1,
      };
    case 'match-confirmed':
      return state.status === 'none' ? state : { ...state, status: 'confirmed' };
    case 'match-rejected':
      return state.status === 'none' ? state : { ...state, status: 'rejected' };
    case 'match-reopened':
      return state.status === 'none' ? state : { ...state, status: 'open' };
    default:
      return state;
  }
}

export const matchProposalDecider: Decider<MatchProposalState, MatchProposalCommand, MatchEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve,
  decide,
};
