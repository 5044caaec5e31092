import { apiForSuite } from './support/api-suite';
import { iomReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';
import { dayOf, daysAgo } from './iom-enforcement-days';

interface IomItem {
  caseId: string;
  iom: { engagementLevel: string | null; nonEngagementSince: string | null; enforcement: string[] };
}

describe('IOM tracker: non-engagement and the enforcement rule', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS });
  const post = (url: string, body: object) => client.post(url, tokens.coordinator, body);
  const cohort = (query: string) => client.get(`/v1/panels/IOM/cohort${query}`, tokens.coordinator);
  const referred = async (surname: string, dateOfBirth: string): Promise<string> => {
    const made = await post(
      '/v1/referrals',
      iomReferral({}, { referredAt: daysAgo(240), person: person({ surname, dateOfBirth }) }),
    );
    expect(made.status).toBe(201);
    return made.body.caseId as string;
  };
  const engagement = async (caseId: string, level: string, occurredAt: string) =>
    expect((await post(`/v1/cases/${caseId}/engagement`, { level, occurredAt })).status).toBe(200);

  let lapsed: string;
  let lapsedEngagedAt: string;
  let recent: string;
  let recentEngagedAt: string;
  let neverEngaged: string;
  let neverFrom: string;
  let engagingAgain: string;
  beforeAll(async () => {
    // Engaging ~4 months ago, recorded not engaging ~2 months ago: 3+ months since last engaging.
    lapsed = await referred('Lapsed', '1990-03-03');
    lapsedEngagedAt = daysAgo(125);
    await engagement(lapsed, 'some-engagement-and-motivation', lapsedEngagedAt);
    await engagement(lapsed, 'no-attendance-or-engagement', daysAgo(60));
    await engagement(lapsed, 'no-attendance-or-engagement', daysAgo(10));
    // Engaging a month ago, not engaging now: under 3 months.
    recent = await referred('Recent', '1991-04-04');
    recentEngagedAt = daysAgo(30);
    await engagement(recent, 'active-engagement-and-change', recentEngagedAt);
    await engagement(recent, 'no-attendance-or-engagement', daysAgo(1));
    // Never recorded engaging: runs from the first record of no engagement.
    neverEngaged = await referred('Never', '1992-05-05');
    neverFrom = daysAgo(100);
    await engagement(neverEngaged, 'no-attendance-or-engagement', neverFrom);
    // Not engaging long ago, engaging since: nothing owed.
    engagingAgain = await referred('Again', '1993-06-06');
    await engagement(engagingAgain, 'no-attendance-or-engagement', daysAgo(200));
    await engagement(engagingAgain, 'maintaining-positive-change', daysAgo(5));
  });

  const items = async (query = ''): Promise<Map<string, IomItem['iom']>> => {
    const response = await cohort(query).expect(200);
    return new Map((response.body.items as IomItem[]).map((item) => [item.caseId, item.iom]));
  };

  it('shows since when each case has not engaged, and background checks once that is 3 months or more', async () => {
    const all = await items();
    expect(all.get(lapsed)).toMatchObject({
      engagementLevel: 'no-attendance-or-engagement',
      nonEngagementSince: dayOf(lapsedEngagedAt),
      enforcement: ['background-checks'],
    });
    expect(all.get(recent)).toMatchObject({ nonEngagementSince: dayOf(recentEngagedAt), enforcement: [] });
    expect(all.get(neverEngaged)).toMatchObject({
      nonEngagementSince: dayOf(neverFrom),
      enforcement: ['background-checks'],
    });
    expect(all.get(engagingAgain)).toMatchObject({ nonEngagementSince: null, enforcement: [] });
  });

  it('filters the tracker to the cases due background checks', async () => {
    const due = await items('?enforcement=background-checks');
    expect([...due.keys()].sort()).toEqual([lapsed, neverEngaged].sort());
  });

  it('answers as of a past day with the rule applied on that day', async () => {
    // 70 days ago the lapsed case was last recorded engaging.
    const before = await items(`?asOf=${dayOf(daysAgo(70))}`);
    expect(before.get(lapsed)).toMatchObject({ engagementLevel: 'some-engagement-and-motivation', enforcement: [] });
    // 40 days ago: not engaging since 125 days ago, 85 days: under three months.
    const then = await items(`?asOf=${dayOf(daysAgo(40))}`);
    expect(then.get(lapsed)).toMatchObject({ nonEngagementSince: dayOf(lapsedEngagedAt), enforcement: [] });
    // 20 days ago: the lapsed case was due, and so was the one not yet recorded engaging again; the
    // one never engaging had not been so for three months yet (80 days).
    const dueThen = await items(`?asOf=${dayOf(daysAgo(20))}&enforcement=background-checks`);
    expect([...dueThen.keys()].sort()).toEqual([lapsed, engagingAgain].sort());
  });

  it('refuses the enforcement filter on a panel without it, and an unknown value, naming the field', async () => {
    const marac = await client.get('/v1/panels/MARAC/cohort?enforcement=background-checks', tokens.coordinator);
    expect(marac.status).toBe(400);
    expect(marac.body.errors).toEqual([expect.objectContaining({ field: 'enforcement', rule: 'panel-has-filter' })]);
    const unknown = await cohort('?enforcement=curfew-check');
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('enforcement');
  });
});
