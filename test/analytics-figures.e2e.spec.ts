/**
 * The analysts' figures against the live tracker and the case's own dates (review s9-analytics):
 * the cohort on a date counts open cases as the tracker does, with the IOM status the referral
 * form gave and the rating that happened last; decisions are not dated before the referral; a
 * date of birth after the referral is no age; a period is measured by its dates.
 */
import { apiForSuite } from './support/api-suite';
import { referredToMarac } from './support/marac';
import { iomReferral, person } from './support/referrals';
import { ANALYST, COORDINATOR_ALL_PANELS } from './support/tokens';

const ELIGIBLE = { ogrs2: 80, ovp2: 35, robberyOrBurglaryLast2Years: false, currentStatus: 'licence' };

interface Refusal {
  status: number;
  body: { errors?: { field?: string; rule: string }[] };
}
const woman = (forenames: string, surname: string, dateOfBirth: string, postcode: string) =>
  person({ forenames, surname, dateOfBirth, postcode });
const refusal = (response: Refusal) => ({
  status: response.status,
  errors: response.body.errors?.map(({ field, rule }) => ({ field, rule })),
});

describe('analytics figures: the cohort on a date, decision dates, ages and periods', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS, analyst: ANALYST });
  const refer = async (forenames: string, surname: string, dateOfBirth: string, referredAt: string) => {
    const made = await client.post(
      '/v1/referrals',
      tokens.coordinator,
      iomReferral(ELIGIBLE, {
        referredAt,
        person: person({ forenames, surname, dateOfBirth, sex: 'male' }),
      }),
    );
    expect({ status: made.status, errors: made.body.errors }).toEqual({ status: 201, errors: undefined });
    return made.body.caseId as string;
  };
  const decide = async (caseId: string, path: string, body: object) => {
    const answer = await client.post(`/v1/cases/${caseId}/${path}`, tokens.coordinator, body);
    expect({ path, status: answer.status, body: answer.body }).toMatchObject({ status: 200 });
  };
  const revision = async (caseId: string) =>
    (await client.get(`/v1/cases/${caseId}`, tokens.coordinator).expect(200)).body.revision as number;
  const cohortOn = async (panel: string, asOf: string) =>
    (await client.get(`/v1/analytics/cohort?panel=${panel}&asOf=${asOf}`, tokens.analyst, null).expect(200)).body;

  it('counts the open cases the live tracker lists: a rejected referral is out, on the day and for ever after', async () => {
    const adopted = await refer('Osric', 'Blenkinsop', '1970-01-01', '2023-01-03T10:00:00Z');
    await decide(adopted, 'iom/adopt', { reason: 'core', occurredAt: '2023-01-05T10:00:00Z' });
    const rejected = await refer('Evander', 'Throckmorton', '1971-02-02', '2023-01-04T10:00:00Z');
    await decide(rejected, 'iom/reject', { category: 'capacity', occurredAt: '2023-01-10T10:00:00Z' });
    await refer('Thaddeus', 'Fotheringay', '1972-03-03', '2023-01-06T10:00:00Z');

    expect(await cohortOn('IOM', '2023-01-09')).toMatchObject({ openCases: 3, people: 3, declined: 0 });
    const after = { openCases: 2, people: 2, accepted: 1, awaitingDecision: 1, declined: 1 };
    expect(await cohortOn('IOM', '2023-01-10')).toMatchObject(after);
    // the furthest a cohort can be asked for is today (UK), a day to come is refused
    const todayInUk = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
    expect(await cohortOn('IOM', todayInUk)).toMatchObject(after);
    const tracker = await client.get('/v1/panels/IOM/cohort?asOf=2023-01-10&limit=100', tokens.coordinator).expect(200);
    expect(tracker.body.items).toHaveLength(2);
  });

  it('counts an IOM case under the status its referral form gave, as the tracker shows it', async () => {
    const caseId = await refer('Peregrine', 'Winterbottom', '1973-04-04', '2022-05-02T10:00:00Z');
    expect(await cohortOn('IOM', '2022-05-02')).toMatchObject({ byStatus: { 'engaging-with-sentence': 1 } });
    const tracker = await client.get('/v1/panels/IOM/cohort?asOf=2022-05-02', tokens.coordinator).expect(200);
    expect(tracker.body.items).toEqual([expect.objectContaining({ caseId, currentStatus: 'engaging-with-sentence' })]);
    await decide(caseId, 'status', { status: 'custody', occurredAt: '2022-05-20T10:00:00Z' });
    expect(await cohortOn('IOM', '2022-05-20')).toMatchObject({ byStatus: { custody: 1 } });
  });

  it('takes the rating that happened last on a day, not the one recorded last, as the tracker does', async () => {
    const victim = woman('Tamsin', 'Ollerenshaw', '1988-02-11', 'N4 2AA');
    const { caseId } = await referredToMarac(client, tokens.coordinator, victim, '2021-06-01T10:00:00Z');
    await decide(caseId, 'accept', { occurredAt: '2021-06-02T10:00:00Z' });
    await decide(caseId, 'risk-rating', { rating: 'green', occurredAt: '2021-06-25T15:00:00Z' });
    // Entered later from the meeting's minutes: that morning's rating, superseded in the afternoon.
    await decide(caseId, 'risk-rating', { rating: 'red', occurredAt: '2021-06-25T09:00:00Z' });
    expect(await cohortOn('MARAC', '2021-06-25')).toMatchObject({ byRiskRating: { green: 1 } });
    const tracker = await client.get('/v1/panels/MARAC/cohort?asOf=2021-06-25', tokens.coordinator).expect(200);
    expect(tracker.body.items).toEqual([expect.objectContaining({ caseId, rag: 'green' })]);
  });

  it('refuses an IOM decision or a closure dated before the referral, 400 naming occurredAt, appending nothing', async () => {
    const caseId = await refer('Lorcan', 'Quartermaine', '1974-05-05', '2024-03-10T10:00:00Z');
    const before = await revision(caseId);
    const early = { occurredAt: '2024-01-05T10:00:00Z' };
    for (const [path, body] of [
      ['iom/adopt', { reason: 'core', ...early }],
      ['iom/reject', { category: 'capacity', ...early }],
      // 23:30Z on 9 March is still 9 March in London (GMT).
      ['iom/adopt', { reason: 'core', occurredAt: '2024-03-09T23:30:00Z' }],
    ] as const) {
      expect(refusal(await client.post(`/v1/cases/${caseId}/${path}`, tokens.coordinator, body))).toEqual({
        status: 400,
        errors: [{ field: 'occurredAt', rule: 'iom-decision-from-referral' }],
      });
    }
    expect(await revision(caseId)).toBe(before);
    await decide(caseId, 'iom/adopt', { reason: 'core', occurredAt: '2024-03-10T08:00:00Z' });
    const adopted = await revision(caseId);
    const close = { exitStatus: 'success', occurredAt: '2024-02-10T10:00:00Z' };
    expect(refusal(await client.post(`/v1/cases/${caseId}/close`, tokens.coordinator, close))).toEqual({
      status: 400,
      errors: [{ field: 'occurredAt', rule: 'closure-from-referral' }],
    });
    expect(await revision(caseId)).toBe(adopted);
    const january = await client
      .get('/v1/analytics/iom/cohort?from=2024-01-01&to=2024-02-29', tokens.analyst, null)
      .expect(200);
    expect(january.body.total).toMatchObject({ entries: 0, exits: 0 });
  });

  it('refuses an IOM decision or a closure in the future, and a closure before the adoption, appending nothing', async () => {
    const caseId = await refer('Ruairi', 'Cadwallader', '1975-06-06', '2024-04-02T10:00:00Z');
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const before = await revision(caseId);
    for (const [path, body] of [
      ['iom/adopt', { reason: 'core', occurredAt: future }],
      ['iom/reject', { category: 'capacity', occurredAt: future }],
    ] as const) {
      expect(refusal(await client.post(`/v1/cases/${caseId}/${path}`, tokens.coordinator, body))).toEqual({
        status: 400,
        errors: [{ field: 'occurredAt', rule: 'iom-decision-not-in-future' }],
      });
    }
    expect(await revision(caseId)).toBe(before);
    await decide(caseId, 'iom/adopt', { reason: 'core', occurredAt: '2024-04-20T10:00:00Z' });
    const adopted = await revision(caseId);
    for (const [occurredAt, rule] of [
      [future, 'closure-not-in-future'],
      ['2024-04-10T10:00:00Z', 'closure-after-decision'],
    ] as const) {
      const close = { exitStatus: 'success', occurredAt };
      expect(refusal(await client.post(`/v1/cases/${caseId}/close`, tokens.coordinator, close))).toEqual({
        status: 400,
        errors: [{ field: 'occurredAt', rule }],
      });
    }
    expect(await revision(caseId)).toBe(adopted);
  });

  it('leaves out the age of a person born after the referral date: "not recorded", as the export does', async () => {
    const victim = woman('Iolanthe', 'Marchbanks', '2021-05-05', 'N6 6FF');
    await referredToMarac(client, tokens.coordinator, victim, '2018-01-10T10:00:00Z');
    const report = await client
      .get('/v1/analytics/marac/repeat-rate?from=2018-01-01&to=2018-01-31', tokens.analyst, null)
      .expect(200);
    expect(report.body.equality.ageAtReferral).toEqual({ 'under-16': 0, '16-17': 0, '18+': 0, 'not recorded': 1 });
  });

  it('measures "at most 25 years" by the dates of the period, not its year numbers', async () => {
    const period = (from: string, to: string) =>
      client.get(`/v1/analytics/iom/cohort?from=${from}&to=${to}`, tokens.analyst, null);
    expect((await period('2000-01-01', '2024-12-31')).status).toBe(200);
    for (const to of ['2025-01-01', '2025-12-31']) {
      expect(refusal(await period('2000-01-01', to))).toEqual({
        status: 400,
        errors: [{ field: 'to', rule: 'period-at-most-25-years' }],
      });
    }
  });
});
