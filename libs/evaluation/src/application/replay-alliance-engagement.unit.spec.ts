import { allianceEngagementFeed } from './replay-alliance-engagement';
import { PERIOD, engage, event, replay, yosCheck } from './testing/alliance-events';

describe('Alliance engagement feed: known to YOS checked or corrected after the engagement', () => {
  it('counts the latest answer dated by the end of the period, not one dated after it', () => {
    const feed = allianceEngagementFeed(PERIOD);
    const events = [
      ...engage('a', '2020-11-02T10:00:00Z', { outcome: 'would-not-engage' }),
      yosCheck('a', true, null, '2020-11-03T10:00:00Z'),
      // Recorded before the outcome: still applies once the engagement is counted.
      ...engage('b', '2020-11-04T10:00:00Z', { knownToYos: true }),
      yosCheck('b', false, true, '2020-11-05T10:00:00Z'),
      event('b', 'alliance-engagement-outcome-recorded', {
        engagementId: 'eng-b',
        outcome: 'intervention-arranged',
        previousOutcome: null,
        followUpDueAt: null,
        occurredAt: '2020-11-06T10:00:00Z',
      }),
      // Checked on 1 December (UK date), after the period: the engagement's answer stands.
      ...engage('c', '2020-11-07T10:00:00Z', { outcome: 'intervention-arranged' }),
      yosCheck('c', true, null, '2020-12-01T00:30:00Z'),
    ];
    replay(feed, events);
    expect(feed.result().total.knownToYos).toEqual({ yes: 1, no: 1, notChecked: 1, shareYes: 0.5 });
  });

  it('takes the latest check by when it was made, whatever order they were recorded in', () => {
    const feed = allianceEngagementFeed(PERIOD);
    replay(feed, [
      ...engage('a', '2020-11-02T10:00:00Z', { outcome: 'would-not-engage' }),
      yosCheck('a', false, null, '2020-11-20T10:00:00Z'),
      // Back-dated: an earlier check recorded later does not overrule the later one.
      yosCheck('a', true, false, '2020-11-10T10:00:00Z'),
    ]);
    expect(feed.result().months[0]?.knownToYos).toMatchObject({ yes: 0, no: 1 });
  });
});
