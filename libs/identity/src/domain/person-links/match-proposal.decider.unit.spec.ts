import { deciderSpecification } from '../../../../command-handling/src/testing/decider-specification';
import type { PersonIdentifiers } from '../../../../case-lifecycle/src/domain/events/person-events';
import type { MatchLevels } from '../matching';
import type { MatchEvent } from './identity-events';
import { IDENTITY_RULES } from './identity-rules';
import { chooseSurvivor, matchProposalDecider, type MatchProposalCommand } from './match-proposal.decider';

const spec = deciderSpecification(matchProposalDecider);
const levels = { forename: 'nickname', surname: 'exact' } as unknown as MatchLevels;
const AT = '2024-06-01T10:00:00Z';
const propose: MatchProposalCommand = {
  type: 'propose-match',
  data: { proposalId: 'm-1', personIds: ['p-old', 'p-new'], score: 3.2, levels, guards: [], occurredAt: AT },
};
const proposed: MatchEvent = { type: 'match-proposed', data: propose.data };
const confirm = (
  reason: string,
  currentPersonIds: [string, string] = ['p-old', 'p-new'],
  identifiers: [PersonIdentifiers[], PersonIdentifiers[]] = [[{ pnc: '1979/0163001B' }], [{}]],
): MatchProposalCommand => ({
  type: 'confirm-match',
  data: { reason, currentPersonIds, registeredAt: { 'p-old': 10, 'p-new': 42 }, identifiers, occurredAt: AT },
});
const reject = (reason: string, currentPersonIds: [string, string] = ['p-old', 'p-new']): MatchProposalCommand => ({
  type: 'reject-match',
  data: { reason, currentPersonIds, occurredAt: AT },
});
const reopen = (reason: string, currentPersonIds: [string, string] = ['p-old', 'p-new']): MatchProposalCommand => ({
  type: 'reopen-match',
  data: { reason, currentPersonIds, occurredAt: AT },
});
const rejected: MatchEvent = {
  type: 'match-rejected',
  data: { proposalId: 'm-1', personIds: ['p-old', 'p-new'], reason: 'different people', occurredAt: AT },
};
const confirmed: MatchEvent = {
  type: 'match-confirmed',
  data: {
    proposalId: 'm-1',
    personIds: ['p-old', 'p-new'],
    survivorId: 'p-old',
    mergedId: 'p-new',
    registeredAt: { 'p-old': 10, 'p-new': 42 },
    reason: 'same NHS number on the GP letter',
    occurredAt: AT,
  },
};
const reopened = (previously: 'confirmed' | 'rejected', reason: string): MatchEvent => ({
  type: 'match-reopened',
  data: { proposalId: 'm-1', personIds: ['p-old', 'p-new'], previously, reason, occurredAt: AT },
});

describe('match proposal decider', () => {
  it('proposes a pair once', () => {
    spec.given().when(propose).then([proposed]);
    spec.given(proposed).when(propose).thenNothingHappens();
  });

  it('proposes an open pair again on newer evidence once the record it was scored on moved, only as shown', () => {
    const again: MatchProposalCommand = {
      type: 'propose-match',
      data: { ...propose.data, score: 4.1 },
      evidenceMoved: { timesProposed: 1 },
    };
    spec
      .given(proposed)
      .when(again)
      .then([{ type: 'match-proposed', data: { ...propose.data, score: 4.1 } }]);
    // Someone else proposed it again meanwhile: theirs stands.
    spec.given(proposed, proposed).when(again).thenNothingHappens();
    // Decided stays decided: a rejected pair is never proposed again, a confirmed one is reopened.
    spec.given(proposed, rejected).when(again).thenNothingHappens();
    spec.given(proposed, confirmed).when(again).thenNothingHappens();
  });

  it('withdraws a merge begun and not recorded without deciding anything: the review stays open', () => {
    const withdraw: MatchProposalCommand = { type: 'withdraw-merge', data: { cause: 'failed', occurredAt: AT } };
    const withdrawn: MatchEvent = {
      type: 'merge-withdrawn',
      data: { proposalId: 'm-1', personIds: ['p-old', 'p-new'], cause: 'failed', occurredAt: AT },
    };
    spec.given(proposed).when(withdraw).then([withdrawn]);
    spec.given(proposed, withdrawn).when(confirm('same NHS number on the GP letter')).then([confirmed]);
    spec.given().when(withdraw).thenNothingHappens();
  });

  it('never proposes a rejected pair again', () => {
    spec.given(proposed, rejected).when(propose).thenNothingHappens();
    spec
      .given(proposed, rejected)
      .when(confirm('changed my mind'))
      .thenRejects('conflict', IDENTITY_RULES.proposalOpen);
  });

  it('refuses to reject two people other confirmed merges have made one: undo the merge first', () => {
    spec
      .given(proposed)
      .when(reject('different mothers on the birth records', ['p-older', 'p-older']))
      .thenRejects('conflict', IDENTITY_RULES.undoMergeFirst);
  });

  it('confirms by merging the newer person into the older, with the reason', () => {
    spec.given(proposed).when(confirm('  same NHS number on the GP letter ')).then([confirmed]);
  });

  it('refuses a decision without a reason, on an unknown review, twice, or on people already one', () => {
    spec.given(proposed).when(confirm('  ')).thenRejects('invalid', IDENTITY_RULES.reasonRequired);
    spec.given(proposed).when(reject('')).thenRejects('invalid', IDENTITY_RULES.reasonRequired);
    spec.given().when(reject('no')).thenRejects('not-found');
    const confirmed = matchProposalDecider.decide(
      confirm('yes'),
      matchProposalDecider.evolve({ status: 'none' }, proposed),
    );
    spec
      .given(proposed, ...confirmed)
      .when(reject('no'))
      .thenRejects('conflict', IDENTITY_RULES.proposalOpen);
    spec
      .given(proposed)
      .when(confirm('yes', ['p-old', 'p-old']))
      .thenRejects('conflict', IDENTITY_RULES.alreadyOnePerson);
  });

  it('refuses to merge people holding different valid values of one identifier, in any format', () => {
    const conflicting = confirm(
      'same NHS number on the GP letter',
      ['p-old', 'p-new'],
      [[{ pnc: '1979/0163001B' }, { nhs: '943 476 5919' }], [{ pnc: '02/73319Z', nhs: '9434765919' }]],
    );
    spec.given(proposed).when(conflicting).thenRejects('conflict', IDENTITY_RULES.identifierConflict);
    // One PNC ID written two ways, and an NHS number only one of them was recorded with.
    const agreeing = confirm(
      'same NHS number on the GP letter',
      ['p-old', 'p-new'],
      [[{ pnc: '1979/0163001B' }], [{ pnc: '79/163001B', nhs: '9434765919' }]],
    );
    spec.given(proposed).when(agreeing).then([confirmed]);
    // A person who already holds both values shares one with the other.
    const oneShared = confirm(
      'same NHS number on the GP letter',
      ['p-old', 'p-new'],
      [[{ crn: 'X482106' }, { crn: 'X654321' }], [{ crn: 'x654321' }]],
    );
    spec.given(proposed).when(oneShared).then([confirmed]);
  });

  it('reopens a rejection with the reason, after which the pair can be confirmed', () => {
    spec
      .given(proposed, rejected)
      .when(reopen(' birth certificate was misread '))
      .then([reopened('rejected', 'birth certificate was misread')]);
    spec
      .given(proposed, rejected, reopened('rejected', 'misread'))
      .when(confirm('same NHS number on the GP letter'))
      .then([confirmed]);
    spec.given(proposed, rejected, reopened('rejected', 'misread')).when(propose).thenNothingHappens();
  });

  it('reopens a confirmation once a split has made the pair two people again, and it can be confirmed again', () => {
    spec
      .given(proposed, confirmed)
      .when(reopen('unmerged by mistake', ['p-old', 'p-new']))
      .then([reopened('confirmed', 'unmerged by mistake')]);
    spec
      .given(proposed, confirmed, reopened('confirmed', 'unmerged by mistake'))
      .when(confirm('same NHS number on the GP letter'))
      .then([confirmed]);
    spec
      .given(proposed, confirmed, reopened('confirmed', 'unmerged by mistake'))
      .when(reject('different people after all'))
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['match-rejected']));
  });

  it('refuses to reopen an open review, a merge still in place, an unknown review, or without a reason', () => {
    spec.given(proposed).when(reopen('why not')).thenRejects('conflict', IDENTITY_RULES.proposalDecided);
    spec
      .given(proposed, rejected, reopened('rejected', 'misread'))
      .when(reopen('again'))
      .thenRejects('conflict', IDENTITY_RULES.proposalDecided);
    spec
      .given(proposed, confirmed)
      .when(reopen('changed my mind', ['p-old', 'p-old']))
      .thenRejects('conflict', IDENTITY_RULES.undoMergeFirst);
    spec.given().when(reopen('no such review')).thenRejects('not-found');
    spec.given(proposed, rejected).when(reopen('  ')).thenRejects('invalid', IDENTITY_RULES.reasonRequired);
  });

  it('lets the person registered first survive, whichever way round the pair is', () => {
    expect(chooseSurvivor(['b', 'a'], { a: 5, b: 9 })).toEqual({ survivorId: 'a', mergedId: 'b' });
    expect(chooseSurvivor(['a', 'b'], { a: 9, b: 5 })).toEqual({ survivorId: 'b', mergedId: 'a' });
    expect(chooseSurvivor(['y', 'x'], {})).toEqual({ survivorId: 'x', mergedId: 'y' });
  });
});
