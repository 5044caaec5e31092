import { uploadedToIom } from './support/iom-upload';
import { syntheticPnc } from './support/people';
import { iomReferral, person } from './support/referrals';
import { apiForSuite } from './support/api-suite';
import { ANALYST, COORDINATOR_ALL_PANELS } from './support/tokens';

const HEADER = 'CRN,PNC,Forenames,Surname,Date of birth,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years';
const PANEL_DAY = '2024-03-28T10:00:00Z';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- items are read field by field, as the API answers them
type Item = Record<string, any> & { caseId: string; displayName: string };

/**
 * The IOM panel sits on 28 March. The April probation file arrives before the coordinator types
 * up the March decisions: it leaves out two nominals the panel found eligible, and finds eligible
 * one it did not. The decisions are recorded as the panel made them, judged on the standing of
 * 28 March, and the tracker (that day and now) and the analysts' report read them alike.
 * Synthetic people only; 80/40 meets the London 2021 core-cohort rule, 30/10 does not.
 */
describe('IOM decisions typed up after the next upload (the real import)', () => {
  const { api, client, tokens } = apiForSuite({ iom: COORDINATOR_ALL_PANELS, analyst: ANALYST });
  const pnc = { ronan: syntheticPnc(515151), sean: syntheticPnc(515152), cara: syntheticPnc(515153) };

  const nominal = (
    forenames: string,
    dateOfBirth: string,
    pncOf: string,
    crn: string,
    scores: Record<string, unknown> = {},
  ) =>
    iomReferral(scores, {
      referredAt: '2024-03-01T10:00:00Z',
      person: person({ forenames, surname: 'Typedup', dateOfBirth, sex: 'male', identifiers: { pnc: pncOf, crn } }),
    });
  const decide = (caseId: string, route: string, body: object) =>
    client.post(`/v1/cases/${caseId}/iom/${route}`, tokens.iom, { ...body, occurredAt: PANEL_DAY });
  const cohort = async (query: string): Promise<Item[]> =>
    (await client.get(`/v1/panels/IOM/cohort?limit=500&q=typedup${query}`, tokens.iom, 'cohort review').expect(200))
      .body.items;
  const byName = (items: Item[]) =>
    Object.fromEntries(
      items.map((item) => [
        item.displayName,
        { eligible: item.iom.eligible, decision: item.iom.decision, expiry: item.iom.cohortExpiry?.month ?? null },
      ]),
    );
  const names = (items: Item[]) => items.map((item) => item.displayName).sort();
  const report = async (from: string, to: string) =>
    (await client.get(`/v1/analytics/iom/cohort?from=${from}&to=${to}`, tokens.analyst, 'IOM evaluation').expect(200))
      .body;

  it('records the March panel as it decided, and reads it alike that day and after', async () => {
    const t = tokens.iom;
    const ronan = await client.refer(t, nominal('Ronan', '1989-09-09', pnc.ronan, 'R515151'));
    const sean = await client.refer(t, nominal('Sean', '1979-07-07', pnc.sean, 'S515152'));
    const cara = await client.refer(t, nominal('Cara', '1991-01-01', pnc.cara, 'C515153', { ogrs2: 30, ovp2: 10 }));
    const row = (name: string, born: string, pncOf: string, crn: string, scores: string) =>
      `${crn},${pncOf},${name},Typedup,${born},${scores}`;
    const [ronanRow, seanRow] = [
      row('Ronan', '1989-09-09', pnc.ronan, 'R515151', '80,40,N'),
      row('Sean', '1979-07-07', pnc.sean, 'S515152', '80,40,N'),
    ];
    const caraRow = (scores: string) => row('Cara', '1991-01-01', pnc.cara, 'C515153', scores);
    await uploadedToIom(api, t, '2024-03', [HEADER, ronanRow, seanRow, caraRow('30,10,N')].join('\n'));
    // Received after the panel sat: Ronan and Sean are gone, Cara now meets the rule.
    await uploadedToIom(api, t, '2024-04', [HEADER, caraRow('80,40,N')].join('\n'));

    const answers = {
      ronanAdopted: (await decide(ronan.caseId, 'adopt', { reason: 'Agreed at the March panel' })).status,
      caraAsEligible: (await decide(cara.caseId, 'adopt', { reason: 'Agreed at the March panel' })).body.rule,
      caraByDiscretion: (
        await decide(cara.caseId, 'adopt-by-discretion', { category: 'other', reason: 'Agreed at the March panel' })
      ).status,
      seanRejected: (await decide(sean.caseId, 'reject', { category: 'capacity', reason: 'No capacity in March' }))
        .status,
    };
    expect(answers).toEqual({
      ronanAdopted: 200,
      caraAsEligible: 'iom-core-cohort-eligibility',
      caraByDiscretion: 200,
      seanRejected: 200,
    });
    const history = await client.get(`/v1/cases/${sean.caseId}/events`, t).expect(200);
    const rejection = (history.body.items as Item[]).find((event) => event.type === 'iom-case-rejected');
    expect(rejection?.data).toMatchObject({ eligibleWhenRejected: true, occurredAt: PANEL_DAY });

    // 29 March: the panel's day as it was. Now: the April file has spoken since.
    expect(byName(await cohort('&asOf=2024-03-29'))).toEqual({
      'Ronan Typedup': { eligible: true, decision: 'adopted', expiry: null },
      'Cara Typedup': { eligible: false, decision: 'discretionary', expiry: null },
    });
    expect(byName(await cohort(''))).toEqual({
      'Ronan Typedup': { eligible: false, decision: 'adopted', expiry: '2024-04' },
      'Cara Typedup': { eligible: true, decision: 'discretionary', expiry: null },
    });
    expect({
      panelDay: byName(await cohort('&asOf=2024-03-29&eligibility=rejected')),
      now: byName(await cohort('&eligibility=rejected')),
    }).toEqual({
      panelDay: { 'Sean Typedup': { eligible: true, decision: 'rejected', expiry: null } },
      now: { 'Sean Typedup': { eligible: false, decision: 'rejected', expiry: '2024-04' } },
    });
    // Sean is the gap on the panel's day; the April file has since left him out.
    expect({
      panelDay: names(await cohort('&asOf=2024-03-29&eligibility=eligible-not-adopted')),
      now: names(await cohort('&eligibility=eligible-not-adopted')),
      discretionary: names(await cohort('&asOf=2024-03-29&eligibility=discretionary')),
    }).toEqual({ panelDay: ['Sean Typedup'], now: [], discretionary: ['Cara Typedup'] });

    // The analysts count what the tracker listed on the panel's day: one eligible entry, one by
    // discretion, one eligible nominal not adopted for capacity.
    const march = await report('2024-03-01', '2024-03-31');
    expect({ total: march.total, eligibleNotAdopted: march.eligibleNotAdopted }).toMatchObject({
      total: { entries: 2, entriesByDiscretion: 1, entriesByDiscretionCategory: { other: 1 } },
      eligibleNotAdopted: { rejected: 1, byReason: { capacity: 1 }, awaitingDecision: 0 },
    });
    const april = await report('2024-04-01', '2024-04-30');
    expect({ entries: april.total.entries, eligibleNotAdopted: april.eligibleNotAdopted }).toEqual({
      entries: 0,
      eligibleNotAdopted: { rejected: 0, byReason: {}, awaitingDecision: 0 },
    });
  });
});
