import type { MatchEvent } from '../../../../identity/src/domain/person-links';
import { proposalIdFor } from './proposal-id';
import { ProposalsOnRecord, type PeopleNow } from './proposals-on-record';

const AT = '2024-06-01T10:00:00Z';
const proposalId = proposalIdFor('p', 'q');
const proposed: MatchEvent = {
  type: 'match-proposed',
  data: { proposalId, personIds: ['p', 'q'], score: 3, levels: {} as never, guards: [], occurredAt: AT },
};
/** Q has since been merged into S (synthetic ids). */
const now: PeopleNow = { current: (id) => (id === 'q' ? 's' : id), personOfRecord: () => undefined };

describe('proposals on record', () => {
  it('keeps a proposal before reviewers when a merge of its pair was begun and withdrawn', () => {
    const proposals = new ProposalsOnRecord();
    proposals.apply(proposed, 'e-1');
    const withdrawn: MatchEvent = {
      type: 'merge-withdrawn',
      data: { proposalId, personIds: ['p', 'q'], cause: 'failed', occurredAt: AT },
    };
    proposals.apply(withdrawn, 'e-2');

    // P~S is the same two people as the open P~Q: proposing it would queue them twice.
    expect(proposals.alreadyProposed('p', 's', now, () => 'mine')).toBe(true);
  });
});
