import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { AUDITOR, COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

interface Refusal {
  readonly status: number;
  readonly field: string;
  readonly rule?: string;
  readonly message?: RegExp;
}

/** Review s9: malformed input on the audit routes and the platform's refusals. Synthetic data only. */
describe('audit and platform input refusals', () => {
  let api: TestApi;
  let store: EventStore;
  let coordinator: string;
  let auditor: string;
  let made: { caseId: string; personId: string };

  beforeAll(async () => {
    api = await startTestApi();
    store = api.app.get<EventStore>(EVENT_STORE);
    coordinator = await tokenFor(COORDINATOR_ALL_PANELS);
    auditor = await tokenFor(AUDITOR);
    const referral = await request(api.app.getHttpServer())
      .post('/v1/referrals')
      .set('Authorization', `Bearer ${coordinator}`)
      .send(maracReferral({ person: person({ surname: 'Input' }) }))
      .expect(201);
    made = referral.body as { caseId: string; personId: string };
  });
  afterAll(async () => {
    await api.close();
  });

  const get = (path: string, token = auditor) =>
    request(api.app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`).set('X-Purpose', 'input review');

  /** The refusal names the field and rule, and a refused request leaves the log as it was. */
  async function expectRefused(send: () => request.Test, expected: Refusal): Promise<void> {
    const before = await store.headPosition();
    const answer = await send();
    expect(answer.status).toBe(expected.status);
    expect(answer.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: expected.field,
          ...(expected.rule === undefined ? {} : { rule: expected.rule }),
          ...(expected.message === undefined ? {} : { message: expect.stringMatching(expected.message) }),
        }),
      ]),
    );
    expect(await store.headPosition()).toBe(before);
  }

  describe('the audit trail cursor is a log position (a signed 64-bit integer)', () => {
    it.each(['99999999999999999999', '9223372036854775808'])('refuses cursor=%s with 400 naming cursor', (cursor) =>
      expectRefused(() => get(`/v1/audit/trail?cursor=${cursor}`), {
        status: 400,
        field: 'cursor',
        rule: 'log-position',
      }),
    );

    it('accepts the largest position there can be, answering an empty page', async () => {
      const page = await get('/v1/audit/trail?cursor=9223372036854775807').expect(200);
      expect(page.body.items).toEqual([]);
    });
  });

  describe('person and case ids are UUIDs', () => {
    it.each([
      ['personId', 'abc'],
      ['caseId', 'abc'],
      ['personId', 'not-known'],
    ])('refuses trail ?%s=%s with 400 isUuid', (field, value) =>
      expectRefused(() => get(`/v1/audit/trail?${field}=${value}`), { status: 400, field, rule: 'isUuid' }),
    );

    it('refuses a subject access request for a person id that is not a UUID', () =>
      expectRefused(() => get('/v1/audit/subject-access/not-a-uuid'), {
        status: 400,
        field: 'personId',
        rule: 'isUuid',
      }));

    it('still answers 404 for a person id no one has', async () => {
      await get('/v1/audit/subject-access/00000000-0000-4000-8000-000000000000').expect(404);
    });

    it('still filters the trail by a real person and case', async () => {
      const byPerson = await get(`/v1/audit/trail?personId=${made.personId}&caseId=${made.caseId}`).expect(200);
      expect(byPerson.body.items.length).toBeGreaterThan(0);
    });
  });

  describe('the audit routes refuse query parameters they do not read', () => {
    it.each([
      ['/v1/audit/verify?anchors=0:00', 'anchors'],
      ['/v1/audit/verify?anchor[]=0:00', 'anchor[]'],
      ['/v1/audit/verify?anchor=0:00&zzUnknown=1', 'zzUnknown'],
    ])('refuses %s with 400 naming the parameter', (path, field) =>
      expectRefused(() => get(path), { status: 400, field, rule: 'whitelistValidation' }),
    );

    it('refuses an unknown parameter on subject access', () =>
      expectRefused(() => get(`/v1/audit/subject-access/${made.personId}?redact=false`), {
        status: 400,
        field: 'redact',
        rule: 'whitelistValidation',
      }));

    it('refuses a repeated anchor as a malformed anchor', () =>
      expectRefused(() => get('/v1/audit/verify?anchor=0:00&anchor=1:00'), { status: 400, field: 'anchor' }));

    it('still checks a well-formed anchor and still takes redactMarac', async () => {
      const verified = await get('/v1/audit/verify').expect(200);
      const head = verified.body.head as { position: string; hash: string };
      const anchored = await get(`/v1/audit/verify?anchor=${head.position}:${head.hash}`).expect(200);
      expect(anchored.body.ok).toBe(true);
      const wrong = await get(`/v1/audit/verify?anchor=${head.position}:${'0'.repeat(64)}`).expect(200);
      expect(wrong.body.ok).toBe(false);
      await get(`/v1/audit/subject-access/${made.personId}?redactMarac=true`).expect(200);
    });
  });

  describe('any read refuses a query parameter its route does not read', () => {
    it.each([
      ['zzUnknown', () => `/v1/cases/${made.caseId}?zzUnknown=1`],
      ['__proto__[x]', () => `/v1/people/${made.personId}?__proto__[x]=1`],
      ['p[]', () => '/v1/panels?p[]='],
      ['kinds', () => '/v1/jobs?kind=export&kinds=iom-import'],
    ])('refuses %s with 400 naming it, recording no read', (field, path) =>
      expectRefused(() => get(path(), coordinator), { status: 400, field, rule: 'whitelistValidation' }),
    );

    it('still takes the parameters a route names', async () => {
      await get('/v1/jobs?kind=export', coordinator).expect(200);
      await get(`/v1/cases/${made.caseId}`, coordinator).expect(200);
    });
  });

  describe('a null character in a query parameter names that parameter', () => {
    it.each([
      ['/v1/audit/verify?anchor=%00', 'anchor'],
      [`/v1/audit/subject-access/00000000-0000-4000-8000-000000000000?redactMarac=%00`, 'redactMarac'],
      ['/v1/audit/trail?actor=%00', 'actor'],
    ])('%s', (path, field) =>
      expectRefused(() => get(path), {
        status: 400,
        field,
        rule: 'no-null-character',
        message: new RegExp(`^query parameter ${field.replace(/[[\]]/g, '\\$&')} must not`),
      }),
    );
  });

  describe('Idempotency-Key', () => {
    it('refuses a key over 200 characters with 400 naming the header, writing nothing', () =>
      expectRefused(
        () =>
          request(api.app.getHttpServer())
            .post('/v1/referrals')
            .set('Authorization', `Bearer ${coordinator}`)
            .set('Idempotency-Key', 'k'.repeat(201))
            .send(maracReferral({ person: person({ surname: 'LongKey' }) })),
        { status: 400, field: 'Idempotency-Key', rule: 'max-length' },
      ));

    it('says a key reused on another route was used with a different request, not only another body', async () => {
      const post = (path: string) =>
        request(api.app.getHttpServer())
          .post(path)
          .set('Authorization', `Bearer ${coordinator}`)
          .set('Idempotency-Key', 'reused-across-routes')
          .send(maracReferral({ person: person({ surname: 'Reused' }) }));
      await post('/v1/referrals').expect(201);
      const reused = await post('/v1/meetings').expect(422);
      expect(reused.body).toMatchObject({ rule: 'idempotency-key-reused', message: expect.stringMatching(/path/) });
    });
  });

  describe('prototype keys in a body are unknown fields like any other', () => {
    const referralWith = (json: string) =>
      request(api.app.getHttpServer())
        .post('/v1/referrals')
        .set('Authorization', `Bearer ${coordinator}`)
        .set('Content-Type', 'application/json')
        .send(json);
    const body = JSON.stringify(maracReferral({ person: person({ surname: 'Proto' }) }));

    it.each([
      ['__proto__', `{"__proto__":{"isAdmin":true},${body.slice(1)}`],
      ['constructor', `{"constructor":{"name":"x"},${body.slice(1)}`],
      ['person.__proto__', body.replace('"person":{', '"person":{"__proto__":{"x":1},')],
    ])('refuses %s with 400 whitelistValidation, writing nothing', (field, json) =>
      expectRefused(() => referralWith(json), { status: 400, field, rule: 'whitelistValidation' }),
    );
  });

  it('names the path parameter whose percent-encoding is broken', () =>
    expectRefused(() => get('/v1/cases/%E0%A4%A', coordinator), {
      status: 400,
      field: 'caseId',
      rule: 'percent-encoding',
    }));
});
