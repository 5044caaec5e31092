import { apiForSuite } from './support/api-suite';
import { confirmedAsOnePerson } from './support/match-reviews';
import { hollingsworth, syntheticPnc } from './support/people';
import { iomReferral, person } from './support/referrals';
import { ANALYST, COORDINATOR_ALL_PANELS } from './support/tokens';

interface Item {
  caseId: string;
  iom: { decision: string | null; eligible: boolean };
}

const ukToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

/**
 * Eligible-not-adopted is the list the IOM panel uses to say why eligible nominals are not managed,
 * and the analysts' report counts the same gap. A coordinator types in old paper referrals after
 * the fact, and reviewers merge records long after the referrals were made: neither may change who
 * is in the gap except as the facts, in the order they happened, say. Synthetic people only.
 */
describe('IOM eligible-not-adopted: evidence in the order it happened, and nominals already managed', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS, analyst: ANALYST });
  const post = async (url: string, body: object) => {
    const answer = await client.post(url, tokens.coordinator, body);
    expect({ url, status: answer.status, errors: answer.body.errors }).toMatchObject({ url, errors: undefined });
    expect(answer.status).toBeLessThan(300);
    return answer;
  };
  const caseIds = async (url: string): Promise<string[]> =>
    ((await client.get(url, tokens.coordinator).expect(200)).body.items as Item[]).map((item) => item.caseId);
  /** Every view of the gap: the list, the tracker's filter, the tracker today and on a past day. */
  const gapViews = async (pastDay: string) => ({
    list: await caseIds('/v1/panels/IOM/eligible-not-adopted?limit=500'),
    filter: await caseIds('/v1/panels/IOM/cohort?eligibility=eligible-not-adopted&limit=500'),
    asOfToday: await caseIds(`/v1/panels/IOM/eligible-not-adopted?asOf=${ukToday()}&limit=500`),
    asOfPastDay: await caseIds(`/v1/panels/IOM/cohort?eligibility=eligible-not-adopted&asOf=${pastDay}&limit=500`),
  });
  const inEveryView = (caseId: string, views: Record<string, string[]>) =>
    Object.fromEntries(Object.entries(views).map(([view, ids]) => [view, ids.includes(caseId)]));
  const everywhere = { list: true, filter: true, asOfToday: true, asOfPastDay: true };
  const nowhere = { list: false, filter: false, asOfToday: false, asOfPastDay: false };
  const report = async (from: string, to: string) =>
    (await client.get(`/v1/analytics/iom/cohort?from=${from}&to=${to}`, tokens.analyst, null).expect(200)).body
      .eligibleNotAdopted;

  it('keeps a standing rejection of an eligible nominal when his older referral is typed in later', async () => {
    const nominal = person({
      forenames: 'Ryan',
      surname: 'Latecomer',
      dateOfBirth: '1991-09-09',
      sex: 'male',
      identifiers: { pnc: syntheticPnc(929292) },
    });
    // October: referred eligible (OGRS 80, OVP 35) and rejected for capacity two days later.
    const october = await client.refer(
      tokens.coordinator,
      iomReferral({ ogrs2: 80, ovp2: 35 }, { referredAt: '2024-10-16T10:00:00Z', person: nominal }),
    );
    await post(`/v1/cases/${october.caseId}/iom/reject`, {
      category: 'capacity',
      reason: 'No capacity this quarter',
      occurredAt: '2024-10-18T10:00:00Z',
    });
    expect(inEveryView(october.caseId, await gapViews('2024-11-01'))).toEqual(everywhere);

    // His paper referral from August (OGRS 40: not eligible then), which the panel had rejected, typed in now.
    const august = await client.refer(
      tokens.coordinator,
      iomReferral({ ogrs2: 40, ovp2: 20 }, { referredAt: '2024-08-09T10:00:00Z', person: nominal }),
    );
    expect(august.personId).toBe(october.personId);
    await post(`/v1/cases/${august.caseId}/iom/reject`, {
      category: 'not-suitable',
      reason: 'Below threshold',
      occurredAt: '2024-08-12T10:00:00Z',
    });

    // October's evaluation is the latest word on him: the August one was true only before it.
    const views = await gapViews('2024-11-01');
    expect(inEveryView(october.caseId, views)).toEqual(everywhere);
    expect(inEveryView(august.caseId, views)).toEqual(nowhere);
    const rejected = await caseIds('/v1/panels/IOM/cohort?eligibility=rejected&limit=500');
    expect(rejected).toEqual(expect.arrayContaining([october.caseId, august.caseId]));
    // The analysts count the same gap: one eligible rejection, for capacity.
    expect(await report('2024-01-01', '2024-12-31')).toEqual({
      rejected: 1,
      byReason: { capacity: 1 },
      awaitingDecision: 0,
    });
  });

  it('leaves out a pending duplicate referral while the nominal is managed on another IOM case, and lists it once he is not', async () => {
    const first = await client.refer(
      tokens.coordinator,
      iomReferral(
        {},
        {
          referredAt: '2023-02-01T10:00:00Z',
          person: hollingsworth({
            forenames: 'Gareth',
            surname: 'Penhale',
            dateOfBirth: '1984-07-14',
            postcode: 'W3 7QS',
            identifiers: { pnc: syntheticPnc(454545) },
          }),
        },
      ),
    );
    await post(`/v1/cases/${first.caseId}/iom/adopt`, { reason: 'Core cohort', occurredAt: '2023-02-08T10:00:00Z' });
    // A second referral with his date of birth one day out: a new record until a reviewer merges it.
    const second = await client.refer(
      tokens.coordinator,
      iomReferral(
        {},
        {
          referredAt: '2023-05-02T10:00:00Z',
          person: hollingsworth({
            forenames: 'Gareth',
            surname: 'Penhale',
            dateOfBirth: '1984-07-15',
            postcode: 'N1 9GU',
          }),
        },
      ),
    );
    expect(second.personId).not.toBe(first.personId);
    expect(inEveryView(second.caseId, await gapViews('2023-06-01'))).toEqual(everywhere);
    expect(await report('2023-01-01', '2023-06-30')).toMatchObject({ awaitingDecision: 1 });

    await confirmedAsOnePerson(client, tokens.coordinator, first.personId, second.personId);
    // He is in the cohort: the duplicate is no gap, in the list or in the analysts' count.
    expect(inEveryView(second.caseId, await gapViews('2023-06-01'))).toEqual(nowhere);
    expect(await report('2023-01-01', '2023-06-30')).toMatchObject({ awaitingDecision: 0 });
    // The tracker still shows the duplicate beside his adopted case, for the panel to close.
    const tracker = await client.get('/v1/panels/IOM/cohort?limit=500', tokens.coordinator).expect(200);
    const his = (tracker.body.items as Item[]).filter((item) => [first.caseId, second.caseId].includes(item.caseId));
    expect(his.map((item) => [item.caseId, item.iom.decision])).toEqual([
      [first.caseId, 'adopted'],
      [second.caseId, null],
    ]);

    // His IOM period ends: the pending referral awaits a decision for a nominal no one manages.
    await post(`/v1/cases/${first.caseId}/close`, {
      exitStatus: 'moved-out-of-area',
      occurredAt: '2023-07-03T10:00:00Z',
    });
    const after = await gapViews('2023-08-01');
    expect(inEveryView(second.caseId, after)).toEqual(everywhere);
    const beforeClosure = await caseIds('/v1/panels/IOM/eligible-not-adopted?asOf=2023-06-01&limit=500');
    expect(beforeClosure).not.toContain(second.caseId);
    expect(await report('2023-01-01', '2023-06-30')).toMatchObject({ awaitingDecision: 0 });
    expect(await report('2023-01-01', '2023-12-31')).toMatchObject({ awaitingDecision: 1 });
  });
});
