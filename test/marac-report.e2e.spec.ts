import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

/** Synthetic victims; the same name and date of birth resolve to the same person, which makes repeats. */
const VICTIMS = {
  ann: person({ forenames: 'Ann', surname: 'Testcase', dateOfBirth: '1990-02-03', ethnicity: 'White British' }),
  bea: person({ forenames: 'Bea', surname: 'Testcase', dateOfBirth: '2007-09-01' }), // 16 in March 2024
  cal: person({ forenames: 'Cal', surname: 'Testcase', dateOfBirth: '1985-05-05', sex: 'male' }),
  dee: person({ forenames: 'Dee', surname: 'Testcase', dateOfBirth: '1979-12-12' }),
};
const REFERRALS: [keyof typeof VICTIMS, string, string][] = [
  ['ann', '2023-06-01T10:00:00Z', 'Metropolitan Police'],
  ['ann', '2024-05-02T10:00:00Z', 'Metropolitan Police'], // repeat: within 12 months
  ['bea', '2024-03-10T10:00:00Z', 'IDVA service'],
  ['cal', '2023-06-30T10:00:00Z', 'Metropolitan Police'],
  ['cal', '2024-07-01T10:00:00Z', 'Metropolitan Police'], // the day after the anniversary: not a repeat
  ['dee', '2024-02-01T10:00:00Z', 'Housing'],
  ['dee', '2024-02-20T10:00:00Z', 'Housing'], // repeat
];

describe('MARAC repeat-rate report', () => {
  let api: TestApi;
  let analyst: string;
  let coordinator: string;
  beforeAll(async () => {
    api = await startTestApi();
    coordinator = await tokenFor(COORDINATOR_ALL_PANELS);
    analyst = await tokenFor({ sub: 'analyst-1', roles: ['analyst'] });
    for (const [victim, referredAt, agency] of REFERRALS) {
      await request(api.app.getHttpServer())
        .post('/v1/referrals')
        .set('Authorization', `Bearer ${coordinator}`)
        .send(
          maracReferral(
            { referredAt, person: VICTIMS[victim], referrer: { name: 'Synthetic Referrer', agency } },
            { incidentAt: referredAt },
          ),
        )
        .expect(201);
    }
  }, 60_000);
  afterAll(async () => {
    await api.close();
  });

  const get = (query: string, token = analyst) =>
    request(api.app.getHttpServer())
      .get(`/v1/analytics/marac/repeat-rate?${query}`)
      .set('Authorization', `Bearer ${token}`);

  it('answers the repeat rate against the SafeLives band, with source agencies, volume and equality', async () => {
    const { body } = await get('from=2024-01-01&to=2024-12-31&population=1250').expect(200);
    expect(body).toMatchObject({
      from: '2024-01-01',
      to: '2024-12-31',
      referrals: 5,
      repeats: 2,
      rate: 0.4,
      band: { low: 0.28, high: 0.4 },
      withinBand: true,
      repeatsFlaggedAtReferral: 2,
      bySourceAgency: { police: 2, idva: 1, housing: 2 },
      perPopulation: { population: 1250, casesPer10000AdultWomen: 40, recommendedPer10000AdultWomenPerYear: 40 },
      equality: {
        sex: { female: 4, male: 1 },
        aged16To17: 1,
        ageAtReferral: { 'under-16': 0, '16-17': 1, '18+': 4, 'not recorded': 0 },
        ethnicity: { white: 1, 'not recorded': 4 },
        disability: { 'not recorded': 5 },
      },
    });
    expect(body.months).toHaveLength(12);
    expect(body.months[1]).toEqual({ month: '2024-02', referrals: 2, repeats: 1, rate: 0.5 });
    // No names, dates of birth or ids reach a report.
    expect(JSON.stringify(body)).not.toMatch(/Testcase|Ann|1990-02-03|person-|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('answers CSV on ?format=csv and on Accept: text/csv, and records each run in the audit trail', async () => {
    const csv = await get('from=2024-01-01&to=2024-12-31&format=csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    // Report CSVs open with a byte-order mark so Excel reads names as UTF-8.
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    expect(csv.text.replace(/^\uFEFF/, '').split('\r\n')).toEqual(
      expect.arrayContaining(['period,measure,value', 'period,referrals,5', 'period,repeats,2', '2024-02,repeats,1']),
    );
    const accepted = await get('from=2024-01-01&to=2024-06-30').set('Accept', 'text/csv').expect(200);
    expect(accepted.text).toContain('period,referrals,4');

    const store = api.app.get<EventStore>(EVENT_STORE);
    const runs = (await store.readAll()).filter(
      (e) => e.type === 'report-run' && (e.data as { subject?: string }).subject === 'marac-repeat-rate',
    );
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.at(-1)?.metadata.actor.id).toBe('analyst-1');
    expect((runs.at(-1)?.data as { parameters: Record<string, unknown> }).parameters).toMatchObject({
      from: '2024-01-01',
      to: '2024-06-30',
      format: 'csv',
    });
  });

  it('is for analysts, and refuses a bad period or population naming the field', async () => {
    await get('from=2024-01-01&to=2024-12-31', coordinator).expect(403);
    const reversed = await get('from=2024-12-31&to=2024-01-01').expect(400);
    expect(reversed.body.errors[0]).toMatchObject({ field: 'from', rule: 'period-order' });
    const population = await get('from=2024-01-01&to=2024-12-31&population=-5').expect(400);
    expect(population.body.errors[0].field).toBe('population');
    const format = await get('from=2024-01-01&to=2024-12-31&format=xml').expect(400);
    expect(format.body.errors[0].field).toBe('format');
  });
});
