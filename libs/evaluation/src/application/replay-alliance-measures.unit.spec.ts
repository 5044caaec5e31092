import { PeopleNow } from '../domain/people-now';
import { confirmedMatch } from '../domain/testing/identity-decisions';
import { peopleNowFeed } from './case-feeds';
import { allianceEngagementFeed } from './replay-alliance-engagement';
import { PERIOD, engage, event, replay } from './testing/alliance-events';

describe('Alliance engagement feed: measures added beside the table', () => {
  it('counts children as now known, engagements awaiting an outcome at the period end, and follow-ups in 48 h', () => {
    const feed = allianceEngagementFeed(PERIOD);
    const people = new PeopleNow();
    const events = [
      // One child recorded twice, confirmed later as one person.
      ...engage('a', '2020-11-02T10:00:00Z', { personId: 'p-1', outcome: 'intervention-arranged' }),
      event('a', 'alliance-custody-release-recorded', {
        engagementId: 'eng-a',
        occurredAt: '2020-11-03T10:00:00Z',
        followUpDueAt: '2020-11-05T10:00:00Z',
      }),
      // 47 h after release, 71 h after engagement: in time, counted from the release.
      event('a', 'alliance-follow-up-completed', { engagementId: 'eng-a', occurredAt: '2020-11-05T09:00:00Z' }),
      ...engage('b', '2020-11-20T10:00:00Z', { personId: 'p-2', outcome: 'awaiting-intervention' }),
      // No release recorded: 49 h after the engagement is late.
      event('b', 'alliance-follow-up-completed', { engagementId: 'eng-b', occurredAt: '2020-11-22T11:00:00Z' }),
      // Out of area: owes no follow-up.
      ...engage('c', '2020-11-21T10:00:00Z', { outcome: 'out-of-area-mash-referral' }),
      // Outcome only in December: counted in the table (as now known) and awaiting at the period end.
      ...engage('d', '2020-11-28T10:00:00Z', { outcome: 'would-not-engage', outcomeAt: '2020-12-02T10:00:00Z' }),
      // No outcome at all: not in the table, awaiting.
      ...engage('e', '2020-11-29T10:00:00Z'),
    ];
    const identity = peopleNowFeed(people);
    replay(feed, events);
    replay(identity, events);
    people.matchDecided(confirmedMatch('proposal-1', 'p-1', 'p-2'));

    const { total, months } = feed.result(people);
    expect(total.engaged).toBe(4);
    expect(total).toMatchObject({
      distinctChildren: 3,
      awaitingOutcome: 2,
      followUpOwed: 3,
      followedUpWithin48Hours: 1,
      followUpAnchoredOnEngagement: 2,
    });
    expect(months).toEqual([expect.objectContaining({ month: '2020-11', distinctChildren: 3, awaitingOutcome: 2 })]);
  });
});
