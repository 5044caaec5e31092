import request from 'supertest';
import { allianceReferral, iomReferral, maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

describe('case lifecycle over HTTP', () => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startTestApi();
    token = await tokenFor(COORDINATOR_ALL_PANELS);
  });
  afterAll(async () => {
    await api.close();
  });
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    request(api.app.getHttpServer())
      .post(url)
      .set('Authorization', `Bearer ${token}`)
      .set(headers)
      .send(body as object);
  const get = (url: string, as: string = token) =>
    request(api.app.getHttpServer()).get(url).set('Authorization', `Bearer ${as}`).set('X-Purpose', 'case work');

  it('takes a MARAC referral in, resolving victim and perpetrator, and shows the case and its history', async () => {
    const made = await post('/v1/referrals', maracReferral({ person: person({ surname: 'Adeyemi' }) })).expect(201);
    expect(made.body).toMatchObject({ repeat: false });
    expect(made.body.perpetratorPersonId).toEqual(expect.any(String));
    expect(made.headers['x-position']).toBe(String(made.body.position));
    const view = await get(`/v1/cases/${made.body.caseId}`).expect(200);
    expect(view.body).toMatchObject({
      caseId: made.body.caseId,
      panel: 'MARAC',
      personId: made.body.personId,
      status: 'referred',
    });
    const history = await get(`/v1/cases/${made.body.caseId}/events`).expect(200);
    expect(history.body.items[0]).toMatchObject({
      type: 'referral-made',
      metadata: { actor: { id: 'coordinator-1', agency: 'Metropolitan Police' } },
    });
  });

  it('flags a second MARAC referral of the same victim within 12 months as a repeat, whatever was ticked', async () => {
    const victim = person({ forenames: 'Rosa', surname: 'Lindqvist', dateOfBirth: '1985-02-02' });
    const first = await post(
      '/v1/referrals',
      maracReferral({ person: victim, referredAt: '2023-06-01T09:00:00Z' }, { incidentAt: '2023-05-31T22:00:00Z' }),
    ).expect(201);
    const second = await post(
      '/v1/referrals',
      maracReferral(
        { person: victim, referredAt: '2024-05-31T09:00:00Z' },
        { dashScore: 3, criteria: ['professional-judgement'] },
      ),
    ).expect(201);
    expect(second.body.personId).toBe(first.body.personId);
    expect(second.body.repeat).toBe(true);
    const later = await post(
      '/v1/referrals',
      maracReferral({ person: victim, referredAt: '2025-06-02T09:00:00Z' }, { incidentAt: '2025-06-01T22:00:00Z' }),
    ).expect(201);
    expect(later.body.repeat).toBe(false);
  });

  it('refuses a MARAC referral meeting no criterion with 422 naming the rule', async () => {
    const response = await post(
      '/v1/referrals',
      maracReferral(
        // A different person altogether: same forename alone must not make this a repeat.
        { person: person({ forenames: 'Priya', surname: 'Novak', dateOfBirth: '1978-11-03', postcode: 'EN3 4QT' }) },
        { dashScore: 5, criteria: ['visible-high-risk'], policeCallouts12m: 1 },
      ),
    );
    expect(response.status).toBe(422);
    expect(response.body.rule).toMatch(/marac/);
  });

  it('requires a justification when consent is not given', async () => {
    const response = await post('/v1/referrals', maracReferral({}, { consent: { given: false } }));
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toContain('marac.consent.justification');
  });

  it('evaluates IOM core-cohort eligibility and requires a reason to adopt', async () => {
    const made = await post('/v1/referrals', iomReferral()).expect(201);
    expect(made.body.eligible).toBe(true);
    const noReason = await post(`/v1/cases/${made.body.caseId}/iom/adopt`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    await post(`/v1/cases/${made.body.caseId}/iom/adopt`, { reason: 'Prolific; agreed at panel' }).expect(200);
    const notEligible = await post(
      '/v1/referrals',
      iomReferral({ ogrs2: 74.9 }, { person: person({ surname: 'Ng', dateOfBirth: '1992-02-02' }) }),
    ).expect(201);
    expect(notEligible.body.eligible).toBe(false);
  });

  it('refuses an Operation Alliance child outside 10–18 and records one outcome per engagement', async () => {
    const tooYoung = await post('/v1/referrals', allianceReferral({ person: person({ dateOfBirth: '2011-01-01' }) }));
    expect(tooYoung.status).toBe(422);
    expect(JSON.stringify(tooYoung.body)).toContain('person.dateOfBirth');
    expect(JSON.stringify(tooYoung.body)).toContain('alliance-age-range');
    const made = await post('/v1/referrals', allianceReferral()).expect(201);
    const caseId = made.body.caseId as string;
    await post(`/v1/cases/${caseId}/engagement-outcome`, {
      outcome: 'awaiting-intervention',
      occurredAt: '2020-11-03T16:00:00Z',
    }).expect(200);
    await post(`/v1/cases/${caseId}/engagement-outcome`, {
      outcome: 'intervention-arranged',
      occurredAt: '2020-11-10T16:00:00Z',
    }).expect(200);
    const back = await post(`/v1/cases/${caseId}/engagement-outcome`, {
      outcome: 'would-not-engage',
      occurredAt: '2020-11-11T16:00:00Z',
    });
    expect(back.status).toBe(409);
  });

  it('rejects invalid identifiers with 400 naming the field', async () => {
    const response = await post(
      '/v1/referrals',
      iomReferral({}, { person: person({ identifiers: { pnc: '2001/0171310S', nhsNumber: '9434765918' } }) }),
    );
    expect(response.status).toBe(400);
    const fields = (response.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['person.identifiers.pnc', 'person.identifiers.nhsNumber']));
  });

  it('answers a malformed case id in the path with 400 naming caseId', async () => {
    for (const response of [
      await get('/v1/cases/not-a-case'),
      await get('/v1/cases/not-a-case/events'),
      await post('/v1/cases/not-a-case/accept', {}),
    ]) {
      expect({ status: response.status, errors: response.body.errors }).toEqual({
        status: 400,
        errors: [{ field: 'caseId', rule: 'isUuid', message: 'caseId must be a UUID' }],
      });
    }
  });

  it('answers 409 when closing a closed case, and 412 on a stale If-Match', async () => {
    const made = await post(
      '/v1/referrals',
      maracReferral({ person: person({ surname: 'Quinn', dateOfBirth: '1979-07-07' }) }),
    ).expect(201);
    const caseId = made.body.caseId as string;
    const stale = await post(`/v1/cases/${caseId}/risk-rating`, { rating: 'red' }, { 'If-Match': '"7"' });
    expect(stale.status).toBe(412);
    const pending = await post(`/v1/cases/${caseId}/close`, { exitStatus: 'action-plan-completed' });
    expect(pending.status).toBe(409);
    await post(`/v1/cases/${caseId}/accept`, {}, { 'If-Match': '"0"' }).expect(200);
    const unknownExit = await post(`/v1/cases/${caseId}/close`, { exitStatus: 'no-such-status' });
    expect(unknownExit.status).toBe(400);
    await post(`/v1/cases/${caseId}/close`, { exitStatus: 'action-plan-completed' }).expect(200);
    const again = await post(`/v1/cases/${caseId}/close`, { exitStatus: 'action-plan-completed' });
    expect(again.status).toBe(409);
    const events = await get(`/v1/cases/${caseId}/events`).expect(200);
    expect((events.body.items as { type: string }[]).filter((e) => e.type === 'case-closed')).toHaveLength(1);
  });

  it('replays an Idempotency-Key retry and refuses the key with another body', async () => {
    const body = maracReferral({ person: person({ surname: 'Idempotent', dateOfBirth: '1991-01-01' }) });
    const first = await post('/v1/referrals', body, { 'Idempotency-Key': 'retry-1' }).expect(201);
    const retry = await post('/v1/referrals', body, { 'Idempotency-Key': 'retry-1' }).expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const other = await post('/v1/referrals', { ...body, reason: 'different' }, { 'Idempotency-Key': 'retry-1' });
    expect(other.status).toBe(422);
  });

  it('hides a case from a user of another panel (404, like an unknown id)', async () => {
    const made = await post(
      '/v1/referrals',
      maracReferral({ person: person({ surname: 'Hidden', dateOfBirth: '1980-08-08' }) }),
    ).expect(201);
    const iomOnly = await tokenFor({ sub: 'iom-1', roles: ['coordinator'], panels: ['IOM'] });
    await get(`/v1/cases/${made.body.caseId}`, iomOnly).expect(404);
    await get(`/v1/cases/${made.body.caseId}/events`, iomOnly).expect(404);
    await get('/v1/cases/6a1f2c3d-0000-4000-8000-000000000000').expect(404);
  });
});
