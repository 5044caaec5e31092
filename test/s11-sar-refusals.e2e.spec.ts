import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { finished } from '../libs/audit/src/jobs/testing/audit-jobs-client';
import { correlatedRequests } from '../libs/audit/src/jobs/testing/correlated-requests';
import { maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { ANALYST, AUDITOR, COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

jest.setTimeout(60_000);

interface TrailItem {
  action: string;
  actor: { id: string };
  personIds?: string[];
  caseIds?: string[];
  pathParameters?: Record<string, string>;
  correlationId?: string;
  refused?: { attempted: string; route: string; status: number; rule: string };
}

const MARAC_AUDITOR = { sub: 'auditor-marac-s11', roles: ['auditor'], panels: ['MARAC'] } as const;
const ADMIN = { sub: 'admin-s11', roles: ['admin'] } as const;

/** A refused download as the trail shows it: an attempted export of the file. */
const downloadRefused = (status: number, rule: string) => ({
  attempted: 'export',
  route: '/v1/jobs/:id/files/:name',
  status,
  rule,
});

/**
 * Refused attempts on a person's subject access report, by role or by the job's own rules, are
 * attempted reads of her data: the auditor finds each as `access-refused` (who, which route, how
 * answered) in her trail, as for a refused case or person view, and her own report, which lists
 * reads of her, does not count them.
 */
describe('refused subject access requests and downloads, in the audit trail', () => {
  let api: TestApi;
  const tokens = { auditor: '', marac: '', offMarac: '', admin: '', analyst: '', coordinator: '', formerAuditor: '' };
  let subject = { caseId: '', personId: '' };
  let redactedJob = '';
  let unredactedJob = '';

  const server = () => api.app.getHttpServer();
  const { get, post } = correlatedRequests(server);
  const startedBy = async (token: string, body: object): Promise<string> => {
    const id = (await post('/v1/jobs/subject-access', token, body).expect(202)).body.id as string;
    expect((await finished(() => get(`/v1/jobs/${id}`, token))).state).toBe('completed');
    return id;
  };
  const refusals = async (filter: string, correlationId: string): Promise<TrailItem[]> =>
    (
      (await get(`/v1/audit/trail?action=access-refused${filter}&limit=1000`, tokens.auditor).expect(200)).body
        .items as TrailItem[]
    ).filter((item) => item.correlationId === correlationId);

  beforeAll(async () => {
    api = await startTestApi();
    tokens.auditor = await tokenFor(AUDITOR);
    tokens.marac = await tokenFor(MARAC_AUDITOR);
    tokens.offMarac = await tokenFor({ ...MARAC_AUDITOR, panels: [] });
    tokens.admin = await tokenFor(ADMIN);
    tokens.analyst = await tokenFor(ANALYST);
    tokens.coordinator = await tokenFor(COORDINATOR_ALL_PANELS);
    tokens.formerAuditor = await tokenFor({ ...AUDITOR, roles: ['analyst'] });
    subject = (
      await post(
        '/v1/referrals',
        tokens.coordinator,
        maracReferral({ person: person({ forenames: 'Ottilie', surname: 'Refusedread' }) }),
      ).expect(201)
    ).body as typeof subject;
    redactedJob = await startedBy(tokens.auditor, { personId: subject.personId });
    unredactedJob = await startedBy(tokens.marac, { personId: subject.personId, redactMarac: false });
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('downloads of a job’s files refused', () => {
    it('records an admin’s 403 job-files-starter-only under her, naming the job and file', async () => {
      const correlationId = randomUUID();
      const refused = await get(`/v1/jobs/${redactedJob}/files/subject-access.json`, tokens.admin, correlationId);
      expect(refused.status).toBe(403);
      expect(await refusals(`&personId=${subject.personId}`, correlationId)).toEqual([
        expect.objectContaining({
          action: 'access-refused',
          actor: expect.objectContaining({ id: ADMIN.sub }) as unknown,
          personIds: [subject.personId],
          pathParameters: { id: redactedJob, name: 'subject-access.json' },
          refused: downloadRefused(403, 'job-files-starter-only'),
        }),
      ]);
    });

    it('records a starter’s 403 job-file-panel-member once off MARAC', async () => {
      const correlationId = randomUUID();
      await get(`/v1/jobs/${unredactedJob}/files/reads.csv`, tokens.offMarac, correlationId).expect(403);
      expect(await refusals(`&actor=${MARAC_AUDITOR.sub}`, correlationId)).toEqual([
        expect.objectContaining({
          personIds: [subject.personId],
          pathParameters: { id: unredactedJob, name: 'reads.csv' },
          refused: downloadRefused(403, 'job-file-panel-member'),
        }),
      ]);
    });

    it('records the 404 a starter who has lost the auditor role gets, and another auditor’s', async () => {
      const correlationId = randomUUID();
      await get(`/v1/jobs/${redactedJob}/files/subject-access.json`, tokens.formerAuditor, correlationId).expect(404);
      await get(`/v1/jobs/${unredactedJob}/files/subject-access.json`, tokens.auditor, correlationId).expect(404);
      expect(await refusals(`&personId=${subject.personId}`, correlationId)).toEqual([
        expect.objectContaining({
          actor: expect.objectContaining({ id: AUDITOR.sub }) as unknown,
          pathParameters: { id: redactedJob, name: 'subject-access.json' },
          refused: downloadRefused(404, 'job-exists'),
        }),
        expect.objectContaining({
          actor: expect.objectContaining({ id: AUDITOR.sub }) as unknown,
          pathParameters: { id: unredactedJob, name: 'subject-access.json' },
          refused: expect.objectContaining({ status: 404, rule: 'job-exists' }) as unknown,
        }),
      ]);
    });

    it('records nothing for a job that does not exist', async () => {
      const correlationId = randomUUID();
      await get(`/v1/jobs/${randomUUID()}/files/subject-access.json`, tokens.auditor, correlationId).expect(404);
      expect(await refusals('', correlationId)).toEqual([]);
    });

    it('records a refused HEAD as its GET: its headers answer what the download would', async () => {
      const correlationId = randomUUID();
      await request(server())
        .head(`/v1/jobs/${redactedJob}/files/subject-access.json`)
        .set('Authorization', `Bearer ${tokens.admin}`)
        .set('X-Correlation-Id', correlationId)
        .expect(403);
      expect(await refusals(`&personId=${subject.personId}`, correlationId)).toEqual([
        expect.objectContaining({
          pathParameters: { id: redactedJob, name: 'subject-access.json' },
          refused: expect.objectContaining({ status: 403, rule: 'job-files-starter-only' }) as unknown,
        }),
      ]);
    });
  });

  describe('requests refused for want of a role', () => {
    it('records an analyst’s 403 on GET /v1/audit/subject-access/{personId} under her', async () => {
      const correlationId = randomUUID();
      const refused = await get(`/v1/audit/subject-access/${subject.personId}`, tokens.analyst, correlationId);
      expect(refused.status).toBe(403);
      expect(await refusals(`&personId=${subject.personId}`, correlationId)).toEqual([
        expect.objectContaining({
          actor: expect.objectContaining({ id: ANALYST.sub }) as unknown,
          personIds: [subject.personId],
          refused: {
            attempted: 'export',
            route: '/v1/audit/subject-access/:personId',
            status: 403,
            rule: 'role-required',
          },
        }),
      ]);
    });

    it('records a coordinator’s 403 on POST /v1/jobs/subject-access under the person named, starting nothing', async () => {
      const correlationId = randomUUID();
      const refused = await post(
        '/v1/jobs/subject-access',
        tokens.coordinator,
        { personId: subject.personId },
        correlationId,
      );
      expect(refused.status).toBe(403);
      expect(await refusals(`&personId=${subject.personId}`, correlationId)).toEqual([
        expect.objectContaining({
          actor: expect.objectContaining({ id: COORDINATOR_ALL_PANELS.sub }) as unknown,
          personIds: [subject.personId],
          pathParameters: { kind: 'subject-access' },
          refused: { attempted: 'export', route: '/v1/jobs/:kind', status: 403, rule: 'job-kind-role' },
        }),
      ]);
      expect((await get('/v1/jobs', tokens.coordinator).expect(200)).body).toEqual({ items: [] });
    });

    it('records nothing for a person id that is no UUID (a 400 for anyone holding the role)', async () => {
      const correlationId = randomUUID();
      await get('/v1/audit/subject-access/not-a-person', tokens.analyst, correlationId).expect(403);
      await post('/v1/jobs/subject-access', tokens.coordinator, { personId: 'not-a-person' }, correlationId).expect(
        403,
      );
      expect(await refusals('', correlationId)).toEqual([]);
    });
  });

  it('leaves every refused attempt out of the reads in her subject access report', async () => {
    const refused = (
      (await get(`/v1/audit/trail?action=access-refused&personId=${subject.personId}&limit=1000`, tokens.auditor)).body
        .items as TrailItem[]
    ).map((item) => item.correlationId);
    expect(refused.length).toBeGreaterThanOrEqual(5);
    const report = (await get(`/v1/audit/subject-access/${subject.personId}`, tokens.auditor).expect(200)).body as {
      reads: { correlationId?: string; action: string }[];
    };
    expect(report.reads.filter((read) => refused.includes(read.correlationId))).toEqual([]);
    expect(report.reads.map((read) => read.action)).not.toContain('access-refused');
  });
});
