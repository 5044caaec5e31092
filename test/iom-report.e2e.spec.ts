import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { iomReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

interface Nominal {
  readonly name: string;
  readonly sex: 'male' | 'female';
  readonly dateOfBirth: string;
  readonly referredAt: string;
  readonly scores: { ogrs2: number; ovp2: number; robberyOrBurglaryLast2Years: boolean };
  readonly steps: [path: string, body: Record<string, unknown>][];
}

const TYPED_VICTIM_ADDRESS = 'lives with victim Efua Quaye at 12 Elm Rd, N15 5AA';

/** Synthetic IOM nominals (no identifiers, so each resolves to a person of their own). */
const NOMINALS: Nominal[] = [
  {
    name: 'Able',
    sex: 'male',
    dateOfBirth: '2001-06-01', // 22 in January 2024
    referredAt: '2024-01-05T10:00:00Z',
    scores: { ogrs2: 80, ovp2: 35, robberyOrBurglaryLast2Years: false },
    steps: [
      ['iom/adopt', { reason: 'Core cohort', occurredAt: '2024-01-10T10:00:00Z' }],
      ['close', { exitStatus: 'success', occurredAt: '2024-03-15T10:00:00Z' }],
    ],
  },
  {
    name: 'Baker',
    sex: 'female',
    dateOfBirth: '1980-01-01', // 44
    referredAt: '2024-01-20T10:00:00Z',
    scores: { ogrs2: 80, ovp2: 10, robberyOrBurglaryLast2Years: false },
    steps: [
      [
        'iom/adopt-by-discretion',
        { category: 'serious-violence', reason: 'Local priority', occurredAt: '2024-02-01T10:00:00Z' },
      ],
    ],
  },
  {
    name: 'Carter',
    sex: 'male',
    dateOfBirth: '1990-01-01',
    referredAt: '2024-01-25T10:00:00Z',
    scores: { ogrs2: 60, ovp2: 40, robberyOrBurglaryLast2Years: true },
    steps: [
      [
        'iom/reject',
        // The panel's words name a victim and her address: they must never reach an analyst.
        {
          category: 'managed-under-mappa',
          reason: `Managed by MAPPA; ${TYPED_VICTIM_ADDRESS}`,
          occurredAt: '2024-02-05T10:00:00Z',
        },
      ],
    ],
  },
  {
    name: 'Dale',
    sex: 'male',
    dateOfBirth: '1995-01-01',
    referredAt: '2024-03-01T10:00:00Z',
    scores: { ogrs2: 90, ovp2: 50, robberyOrBurglaryLast2Years: false },
    steps: [],
  },
  {
    name: 'Eden',
    sex: 'male',
    dateOfBirth: '1999-01-01',
    referredAt: '2024-03-02T10:00:00Z',
    scores: { ogrs2: 76, ovp2: 5, robberyOrBurglaryLast2Years: false },
    steps: [],
  },
];

const ANY_OVP = { id: 'any-ovp', ogrsAlone: 75, ogrsWithRobberyOrBurglary: 50, ovpMinimum: 0 };

describe('IOM cohort and counterfactual reports', () => {
  let api: TestApi;
  let analyst: string;
  let coordinator: string;
  const http = () => request(api.app.getHttpServer());
  beforeAll(async () => {
    api = await startTestApi();
    coordinator = await tokenFor(COORDINATOR_ALL_PANELS);
    analyst = await tokenFor({ sub: 'analyst-1', roles: ['analyst'] });
    for (const n of NOMINALS) {
      const made = await http()
        .post('/v1/referrals')
        .set('Authorization', `Bearer ${coordinator}`)
        .send(
          iomReferral(n.scores, {
            referredAt: n.referredAt,
            person: person({ forenames: n.name, surname: 'Nominal', dateOfBirth: n.dateOfBirth, sex: n.sex }),
          }),
        )
        .expect(201);
      for (const [path, body] of n.steps) {
        await http()
          .post(`/v1/cases/${made.body.caseId}/${path}`)
          .set('Authorization', `Bearer ${coordinator}`)
          .send(body)
          .expect(200);
      }
    }
  }, 60_000);
  afterAll(async () => {
    await api.close();
  });

  it('answers cohort size per month, entries, exits by status, demographics and eligible-not-adopted reasons', async () => {
    const { body } = await http()
      .get('/v1/analytics/iom/cohort?from=2024-01-01&to=2024-03-31')
      .set('Authorization', `Bearer ${analyst}`)
      .expect(200);
    expect(body.months).toEqual([
      { month: '2024-01', cohortAtMonthEnd: 1, entries: 1, exits: 0, exitsByStatus: {} },
      { month: '2024-02', cohortAtMonthEnd: 2, entries: 1, exits: 0, exitsByStatus: {} },
      { month: '2024-03', cohortAtMonthEnd: 1, entries: 0, exits: 1, exitsByStatus: { success: 1 } },
    ]);
    expect(body.total).toEqual({
      entries: 2,
      entriesByDiscretion: 1,
      entriesByDiscretionCategory: { 'serious-violence': 1 },
      exits: 1,
      exitsByStatus: { success: 1 },
    });
    expect(body.demographics).toEqual({
      people: 2,
      sex: { male: 1, female: 1 },
      ageBands: { 'under-18': 0, '18-24': 1, '25-34': 0, '35-49': 1, '50+': 0, 'not recorded': 0 },
      ethnicity: { 'not recorded': 2 },
    });
    expect(body.eligibleNotAdopted).toEqual({
      rejected: 1,
      byReason: { 'managed-under-mappa': 1 },
      awaitingDecision: 1,
    });
    expect(JSON.stringify(body)).not.toMatch(/Nominal|Able|person-|[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(JSON.stringify(body)).not.toMatch(/elm rd|quaye|efua|n15|mappa;|local priority/i);

    const csv = await http()
      .get('/v1/analytics/iom/cohort?from=2024-01-01&to=2024-03-31&format=csv')
      .set('Authorization', `Bearer ${analyst}`)
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text).toContain('2024-02,cohortAtMonthEnd,2');
    expect(csv.text).toContain('period,eligibleNotAdopted.byReason.managed-under-mappa,1');
    expect(csv.text).not.toMatch(/elm rd|quaye|efua|n15|mappa;|local priority/i);
  });

  it('answers the counterfactual synchronously: recorded policy against "any OVP", per month', async () => {
    const { body } = await http()
      .get(
        '/v1/analytics/iom/counterfactual?from=2024-01-01&to=2024-03-31&ogrsAlone=75&ogrsWithRobberyOrBurglary=50&ovpMinimum=0&policy=any-ovp',
      )
      .set('Authorization', `Bearer ${analyst}`)
      .expect(200);
    expect(body.baseline).toBe('recorded');
    expect(
      body.months.map((m: Record<string, unknown>) => [
        m.month,
        m.baseline,
        m.alternative,
        m.onlyAlternative,
        m.onlyBaseline,
        m.difference,
      ]),
    ).toEqual([
      ['2024-01', 2, 3, 1, 0, 1],
      ['2024-02', 2, 3, 1, 0, 1],
      ['2024-03', 2, 4, 2, 0, 2],
    ]);
    // The same person keeps one pseudonym through a result; pseudonyms are keyed hashes, never ids.
    expect(body.months[0].wouldComeIn).toEqual(body.months[1].wouldComeIn);
    expect(body.months[2].wouldComeIn).toEqual(expect.arrayContaining(body.months[0].wouldComeIn));
    expect(body.months[0].wouldComeIn[0]).toMatch(/^p-[0-9a-f]{16}$/);
    const bad = await http()
      .get('/v1/analytics/iom/counterfactual?from=2024-01-01&to=2024-03-31&ogrsAlone=175&ovpMinimum=0')
      .set('Authorization', `Bearer ${analyst}`)
      .expect(400);
    expect(bad.body.errors[0].field).toBe('ogrsAlone');
  });

  it('runs the counterfactual-cohort job through /v1/jobs: JSON summary of counts and CSV files, audited', async () => {
    const started = await http()
      .post('/v1/jobs/counterfactual-cohort')
      .set('Authorization', `Bearer ${analyst}`)
      .send({ from: '2024-01-01', to: '2024-03-31', policy: ANY_OVP })
      .expect(202);
    let job = started.body;
    for (let i = 0; i < 100 && job.state !== 'completed' && job.state !== 'failed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = (await http().get(`/v1/jobs/${started.body.id}`).set('Authorization', `Bearer ${analyst}`)).body;
    }
    expect(job.state).toBe('completed');
    expect(job.result.summary.months[2]).toEqual({
      month: '2024-03',
      asOf: '2024-03-31',
      baseline: 2,
      alternative: 4,
      inBoth: 2,
      onlyAlternative: 2,
      onlyBaseline: 0,
      difference: 2,
    });
    expect(job.progress).toMatchObject({ unit: 'events', percent: 100 });
    const months = await http()
      .get(`/v1/jobs/${started.body.id}/files/counterfactual-months.csv`)
      .set('Authorization', `Bearer ${analyst}`)
      .expect(200);
    expect(months.text.split('\r\n')[3]).toBe('2024-03,2024-03-31,2,4,2,2,0,2');
    const people = await http()
      .get(`/v1/jobs/${started.body.id}/files/counterfactual-people.csv`)
      .set('Authorization', `Bearer ${analyst}`)
      .expect(200);
    const rows = people.text.trim().split('\r\n');
    expect(rows[0]).toBe('month,change,pseudonym');
    expect(rows.slice(1)).toHaveLength(4); // 1 + 1 + 2 people coming in, none dropping out
    expect(people.text).not.toMatch(/Nominal|person-/);

    const store = api.app.get<EventStore>(EVENT_STORE);
    const audited = (await store.readAll()).filter(
      (e) => e.type === 'report-run' && (e.data as { subject?: string }).subject === 'iom-counterfactual-cohort',
    );
    expect(audited.map((e) => e.metadata.actor.id)).toContain('analyst-1');
  });

  it('rebuilds the IOM cohort as of a day from history, counts only', async () => {
    const { body } = await http()
      .get('/v1/analytics/cohort?panel=IOM&asOf=2024-02-15')
      .set('Authorization', `Bearer ${analyst}`)
      .expect(200);
    expect(body).toMatchObject({
      panel: 'IOM',
      asOf: '2024-02-15',
      openCases: 2,
      people: 2,
      accepted: 2,
      declined: 1,
      awaitingDecision: 0,
    });
    const april = await http()
      .get('/v1/analytics/cohort?panel=IOM&asOf=2024-04-01')
      .set('Authorization', `Bearer ${analyst}`)
      .expect(200);
    // Able's case closed on 15 March; Dale and Eden were referred in March and await a decision.
    expect(april.body).toMatchObject({ openCases: 3, accepted: 1, declined: 1, awaitingDecision: 2 });
    const bad = await http()
      .get('/v1/analytics/cohort?panel=IOM&asOf=2024-02-30')
      .set('Authorization', `Bearer ${analyst}`)
      .expect(400);
    expect(bad.body.errors[0].field).toBe('asOf');
  });

  it('the Alliance report answers CSV too, and its runs are audited', async () => {
    const csv = await http()
      .get('/v1/analytics/alliance/engagement?from=2024-01-01&to=2024-02-29&format=csv')
      .set('Authorization', `Bearer ${analyst}`)
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')).toEqual(expect.arrayContaining(['2024-02,engaged,0', 'total,engaged,0']));
    const store = api.app.get<EventStore>(EVENT_STORE);
    const audited = (await store.readAll()).filter(
      (e) => e.type === 'report-run' && (e.data as { subject?: string }).subject === 'alliance-engagement',
    );
    expect(audited).toHaveLength(1);
  });

  it('refuses a job input naming the field and rule, and a coordinator the job', async () => {
    const bad = await http()
      .post('/v1/jobs/counterfactual-cohort')
      .set('Authorization', `Bearer ${analyst}`)
      .send({ from: '2024-01-01', to: '2024-03-31', policy: { ...ANY_OVP, ovpMinimum: 'any' } })
      .expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'policy.ovpMinimum', rule: 'number' });
    await http()
      .post('/v1/jobs/counterfactual-cohort')
      .set('Authorization', `Bearer ${coordinator}`)
      .send({ from: '2024-01-01', to: '2024-03-31', policy: 'london-2021' })
      .expect(403);
  });
});
