import request from 'supertest';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

/** The published Operation Alliance table, 19 Oct – 31 Dec 2020 (shared/domain/README.md). */
const MONTHS = [
  { month: '2020-10', engaged: 11, ages: [3, 8], residence: [4, 1, 6], yos: [2, 3], outcomes: [8, 0, 3, 0] },
  { month: '2020-11', engaged: 53, ages: [19, 34], residence: [17, 16, 20], yos: [16, 17], outcomes: [16, 14, 8, 15] },
  { month: '2020-12', engaged: 29, ages: [7, 22], residence: [13, 7, 9], yos: [13, 7], outcomes: [7, 12, 3, 7] },
] as const;
const OUTCOMES = [
  'intervention-arranged',
  'awaiting-intervention',
  'would-not-engage',
  'out-of-area-mash-referral',
] as const;
const BOROUGHS = ['Enfield', 'Haringey', 'Barnet'] as const;

/** The i-th child of a month takes the i-th slot of each breakdown, so every cell is hit exactly. */
function pick<T>(counts: readonly number[], values: readonly T[], index: number): T | undefined {
  let upTo = 0;
  for (let k = 0; k < counts.length; k++) {
    upTo += counts[k] ?? 0;
    if (index < upTo) return values[k];
  }
  return undefined;
}

describe('Operation Alliance engagement evaluation', () => {
  let api: TestApi;
  let coordinator: string;
  let analyst: string;
  beforeAll(async () => {
    api = await startTestApi();
    coordinator = await tokenFor(COORDINATOR_ALL_PANELS);
    analyst = await tokenFor({ sub: 'analyst-1', roles: ['analyst'] });
    for (const [m, month] of MONTHS.entries()) {
      for (let i = 0; i < month.engaged; i++) {
        const day = month.month === '2020-10' ? 19 + (i % 12) : 1 + (i % 28);
        const at = `${month.month}-${String(day).padStart(2, '0')}T15:00:00Z`;
        const age = pick(month.ages, [13, 17], i) as number;
        const knownToYos = pick(month.yos, [true, false], i) ?? null;
        const made = await request(api.app.getHttpServer())
          .post('/v1/referrals')
          .set('Authorization', `Bearer ${coordinator}`)
          .send({
            panel: 'ALLIANCE',
            referredAt: at,
            referrer: { name: 'Outreach worker', agency: 'Haringey Council' },
            reason: 'Engaged in custody',
            person: { forenames: `Child${m}x${i}`, surname: `Synthetic${m}y${i}`, dateOfBirth: `${2020 - age}-01-01` },
            alliance: { custodySuite: 'Wood Green', residence: pick(month.residence, BOROUGHS, i), knownToYos },
          })
          .expect(201);
        const outcome = pick(month.outcomes, OUTCOMES, i);
        await request(api.app.getHttpServer())
          .post(`/v1/cases/${made.body.caseId}/engagement-outcome`)
          .set('Authorization', `Bearer ${coordinator}`)
          .send({ outcome, occurredAt: at })
          .expect(200);
      }
    }
  }, 120_000);
  afterAll(async () => {
    await api.close();
  });

  it('reproduces the published October–December 2020 table from recorded events', async () => {
    const response = await request(api.app.getHttpServer())
      .get('/v1/analytics/alliance/engagement?from=2020-10-19&to=2020-12-31&cost=19200')
      .set('Authorization', `Bearer ${analyst}`)
      .expect(200);
    const { months, total } = response.body;
    expect(months.map((m: { month: string; engaged: number }) => [m.month, m.engaged])).toEqual([
      ['2020-10', 11],
      ['2020-11', 53],
      ['2020-12', 29],
    ]);
    expect(months[1]).toMatchObject({
      ageBands: { '9-10': 0, '11-15': 19, '16-18': 34 },
      residence: { Enfield: 17, Haringey: 16, other: 20 },
      knownToYos: { yes: 16, no: 17 },
      outcomes: {
        'intervention-arranged': 16,
        'awaiting-intervention': 14,
        'would-not-engage': 8,
        'out-of-area-mash-referral': 15,
      },
    });
    expect(total).toMatchObject({
      engaged: 93,
      ageBands: { '9-10': 0, '11-15': 29, '16-18': 64 },
      residence: { Enfield: 34, Haringey: 24, other: 35 },
      knownToYos: { yes: 31, no: 27, shareYes: 0.5345 },
      outcomes: {
        'intervention-arranged': 31,
        'awaiting-intervention': 26,
        'would-not-engage': 14,
        'out-of-area-mash-referral': 22,
      },
      engagementRate: 0.4366,
      refusalRate: 0.1972,
      costPerEngaged: 206.45,
    });
    // The paper prints £620 per positive outcome; 19,200 / 31 is 619.35 (see the evaluation notes).
    expect(total.costPerPositiveOutcome).toBeCloseTo(619.35, 2);
    expect(Math.round(total.engagementRate * 100)).toBe(44);
    expect(Math.round(total.refusalRate * 100)).toBe(20);
  });

  it('is for analysts: a coordinator gets 403, and a bad period 400', async () => {
    await request(api.app.getHttpServer())
      .get('/v1/analytics/alliance/engagement?from=2020-10-19&to=2020-12-31')
      .set('Authorization', `Bearer ${coordinator}`)
      .expect(403);
    const bad = await request(api.app.getHttpServer())
      .get('/v1/analytics/alliance/engagement?from=2020-13-01&to=2020-12-31')
      .set('Authorization', `Bearer ${analyst}`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('from');
  });
});
