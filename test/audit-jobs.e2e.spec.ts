import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import request from 'supertest';
import { JobKindRegistry } from '../libs/jobs/src/job-kind-registry';
import type { JobRunContext } from '../libs/jobs/src/job-kind';
import { maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { AUDITOR, COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';
import { appendSearches, finished } from '../libs/audit/src/jobs/testing/audit-jobs-client';

jest.setTimeout(60_000);

/** The table of the trail's active version, as an intruder would find it in the file. */
function trailEntries(db: Database.Database): string {
  const version = db.prepare("SELECT version FROM projection_active WHERE name = 'audit_trail'").pluck().get();
  return `audit_trail_v${String(version)}_entries`;
}

/**
 * Verification and subject access as jobs (embedded runner, no REDIS_URL): the same report as the
 * GET routes for the same log, recorded as they record it, for the starter or an admin only.
 */
describe('audit jobs (embedded)', () => {
  let api: TestApi;
  const tokens: Record<'coordinator' | 'auditor' | 'otherAuditor' | 'admin', string> = {
    coordinator: '',
    auditor: '',
    otherAuditor: '',
    admin: '',
  };
  let victim: { caseId: string; personId: string; perpetratorPersonId: string };

  const server = () => api.app.getHttpServer();
  const get = (url: string, token: string) => request(server()).get(url).set('Authorization', `Bearer ${token}`);
  const post = (url: string, token: string, body?: object) =>
    request(server()).post(url).set('Authorization', `Bearer ${token}`).send(body);
  const job = (id: string, token = tokens.auditor) => finished(() => get(`/v1/jobs/${id}`, token));
  const started = async (kind: string, body: object, token = tokens.auditor): Promise<string> => {
    const response = await post(`/v1/jobs/${kind}`, token, body).expect(202);
    return response.body.id as string;
  };

  beforeAll(async () => {
    api = await startTestApi();
    tokens.coordinator = await tokenFor(COORDINATOR_ALL_PANELS);
    tokens.auditor = await tokenFor(AUDITOR);
    tokens.otherAuditor = await tokenFor({ sub: 'auditor-2', roles: ['auditor'] });
    tokens.admin = await tokenFor({ sub: 'admin-1', roles: ['admin'] });
    const made = await post(
      '/v1/referrals',
      tokens.coordinator,
      maracReferral({ person: person({ forenames: 'Wren', surname: 'Jobsworth' }) }),
    ).expect(201);
    victim = made.body;
    for (const purpose of ['preparing the MARAC', 'checking the action plan'])
      await get(`/v1/cases/${victim.caseId}`, tokens.coordinator).set('X-Purpose', purpose).expect(200);
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('audit-verify', () => {
    it('gives the report of GET /v1/audit/verify, problems included, for an anchor the GET takes', async () => {
      const first = (await get('/v1/audit/verify', tokens.auditor).expect(200)).body;
      // A trail row removed behind the service's back: both must name it.
      const view = (await get(`/v1/audit/trail?caseId=${victim.caseId}&action=case-viewed`, tokens.auditor).expect(200))
        .body.items[0] as { position: string; eventId: string };
      const db = new Database(join(api.dataDir, 'read-models.sqlite'));
      expect(db.prepare(`DELETE FROM ${trailEntries(db)} WHERE position = ?`).run(Number(view.position)).changes).toBe(
        1,
      );
      db.close();
      const anchor = `${first.head.position as string}:${first.head.hash as string}`;

      const viaGet = (await get(`/v1/audit/verify?anchor=${anchor}`, tokens.auditor).expect(200)).body;
      const id = await started('audit-verify', { anchor });
      const done = await job(id);

      expect(done.state).toBe('completed');
      const viaJob = done.result?.summary as typeof viaGet;
      expect(viaGet.trail.problems).toEqual([
        expect.objectContaining({ position: view.position, eventId: view.eventId, reason: 'trail-row-missing' }),
      ]);
      // The GET's own report-run entry was sealed before the job walked: one more entry, nothing else.
      expect(viaJob.checked).toBe(viaGet.checked + 1);
      expect(viaJob.trail.checked).toBe(viaGet.trail.checked + 1);
      const sameLog = (report: typeof viaGet) => ({
        ...report,
        checked: 0,
        head: undefined,
        trail: { ...report.trail, checked: 0, processedUpTo: '' },
      });
      expect(BigInt(viaJob.head.position)).toBe(BigInt(viaGet.head.position) + 1n);
      expect(sameLog(viaJob)).toEqual(sameLog(viaGet));
      expect(done.progress).toMatchObject({ done: viaJob.checked, unit: 'events', percent: 100 });
    });

    it('records the run as the GET does (report-run, subject audit-verify)', async () => {
      const id = await started('audit-verify', {});
      const done = await job(id);
      const runs = (await get('/v1/audit/trail?action=report-run', tokens.auditor).expect(200)).body.items as {
        subject?: string;
        actor: { id: string };
        parameters?: Record<string, unknown>;
      }[];
      const summary = done.result?.summary as { ok: boolean; checked: number; unsealed: { count: number } };
      expect(runs.at(-1)).toMatchObject({
        subject: 'audit-verify',
        actor: { id: AUDITOR.sub },
        parameters: { ok: summary.ok, checked: summary.checked, unsealed: summary.unsealed.count },
      });
    });

    it('reports progress page by page as it walks a long log', async () => {
      await appendSearches(api.app, 2500, victim.personId);
      const kind = api.app.get(JobKindRegistry).get('audit-verify');
      const seen: { done: number; total: number | undefined }[] = [];
      const context = {
        jobId: 'progress-probe',
        principal: { id: AUDITOR.sub, name: 'Auditor', agency: 'Council Audit', roles: ['auditor'], panels: [] },
        correlationId: 'progress-probe',
        attempt: 1,
        signal: new AbortController().signal,
        progress: async (done: number, total: number | undefined) => void seen.push({ done, total }),
        eventIdFor: () => 'unused',
      } as unknown as JobRunContext;

      await kind?.run({}, context);

      const dones = seen.map((step) => step.done);
      expect(dones[0]).toBe(0);
      // 0, each of three pages, and the end.
      expect(new Set(dones).size).toBeGreaterThanOrEqual(4);
      expect(dones.every((done, i) => i === 0 || done >= (dones[i - 1] ?? 0))).toBe(true);
      expect(seen.at(-1)?.done).toBe(seen.at(-1)?.total);
      expect(seen.at(-1)?.total).toBeGreaterThan(2500);
    });

    it('refuses a malformed anchor or an unknown field with 400 naming it, as the GET does', async () => {
      const viaGet = await get('/v1/audit/verify?anchor=12:abc', tokens.auditor).expect(400);
      const viaJob = await post('/v1/jobs/audit-verify', tokens.auditor, { anchor: '12:abc' }).expect(400);
      expect(viaJob.body.errors).toEqual(viaGet.body.errors);
      expect(viaJob.body.errors).toEqual([expect.objectContaining({ field: 'anchor', rule: 'anchor-format' })]);
      const misspelt = await post('/v1/jobs/audit-verify?anchors=1:ab', tokens.auditor).expect(400);
      expect(misspelt.body.errors).toEqual([
        expect.objectContaining({ field: 'anchors', rule: 'whitelistValidation' }),
      ]);
    });

    it('is refused (403) to a user without the auditor or admin role', async () => {
      const refused = await post('/v1/jobs/audit-verify', tokens.coordinator, {}).expect(403);
      expect(refused.body).toMatchObject({ rule: 'job-kind-role' });
    });
  });

  describe('subject-access', () => {
    interface Report {
      generatedAt: string;
      reads: { action: string; subject?: string; position: string }[];
      [key: string]: unknown;
    }

    it('leaves the report of GET /v1/audit/subject-access as a JSON file, and its reads as CSV', async () => {
      const viaGet = (await get(`/v1/audit/subject-access/${victim.personId}`, tokens.auditor).expect(200))
        .body as Report;
      const id = await started('subject-access', { personId: victim.personId });
      const done = await job(id);

      expect(done.state).toBe('completed');
      expect(done.progress).toMatchObject({ done: 2, total: 2, percent: 100 });
      const files = done.result?.files.map((file) => file.name);
      expect(files?.slice().sort()).toEqual(['reads.csv', 'subject-access.json']);
      const viaJob = JSON.parse(
        (await get(`/v1/jobs/${id}/files/subject-access.json`, tokens.auditor).buffer(true).expect(200)).text,
      ) as Report;
      // The GET's own export of her is a read of her, made before the job: the one read more.
      expect(viaJob.reads.at(-1)).toMatchObject({ action: 'export', subject: 'subject-access' });
      expect({ ...viaJob, generatedAt: '', reads: viaJob.reads.slice(0, -1) }).toEqual({ ...viaGet, generatedAt: '' });
      expect(viaGet.reads.length).toBeGreaterThanOrEqual(2);
      const csv = (await get(`/v1/jobs/${id}/files/reads.csv`, tokens.auditor).buffer(true).expect(200)).text;
      const rows = csv.trim().split('\r\n');
      expect(rows.length).toBe(viaJob.reads.length + 1);
      expect(rows.slice(1).map((row) => row.split(',')[0])).toEqual(viaJob.reads.map((read) => read.position));
    });

    it('records the request as the GET does, and each download of the file', async () => {
      await get(`/v1/audit/subject-access/${victim.personId}`, tokens.auditor).expect(200);
      const id = await started('subject-access', { personId: victim.personId });
      await job(id);
      await get(`/v1/jobs/${id}/files/subject-access.json`, tokens.auditor).expect(200);
      const entries = (await get(`/v1/audit/trail?action=export&limit=1000`, tokens.auditor).expect(200)).body
        .items as Record<string, unknown>[];
      const requests = entries.filter((entry) => entry.subject === 'subject-access');
      expect(requests.length).toBeGreaterThanOrEqual(2);
      const [viaGet, viaJob] = requests.slice(-2).map((entry) => {
        const { position, at, eventId, correlationId, revision, occurredAt, ...rest } = entry;
        expect([position, at, eventId, correlationId]).not.toContain(undefined);
        return { rest, revision, occurredAt };
      });
      expect(viaJob?.rest).toEqual(viaGet?.rest);
      expect(viaJob?.rest).toMatchObject({
        personIds: expect.arrayContaining([victim.personId]),
        caseIds: [victim.caseId],
      });
      expect(entries.at(-1)).toMatchObject({
        subject: 'job-file',
        pathParameters: { id, name: 'subject-access.json' },
      });
    });

    it("files each download of either file under the person, in her trail and her next report, and no one else's", async () => {
      const id = await started('subject-access', { personId: victim.personId });
      await job(id);
      const downloads: Record<string, string> = { 'subject-access.json': randomUUID(), 'reads.csv': randomUUID() };
      for (const [name, correlationId] of Object.entries(downloads))
        await get(`/v1/jobs/${id}/files/${name}`, tokens.auditor).set('X-Correlation-Id', correlationId).expect(200);
      const exportsOf = async (personId: string) =>
        (await get(`/v1/audit/trail?personId=${personId}&action=export&limit=1000`, tokens.auditor).expect(200)).body
          .items as { correlationId?: string; personIds?: string[]; pathParameters?: Record<string, string> }[];
      const downloaded = (items: { correlationId?: string }[]) =>
        items.filter((item) => Object.values(downloads).includes(item.correlationId ?? ''));

      expect(downloaded(await exportsOf(victim.personId))).toEqual(
        Object.keys(downloads).map((name) =>
          expect.objectContaining({ personIds: [victim.personId], pathParameters: { id, name } }),
        ),
      );
      // Her case names the man she was referred about (withheld from her report): a download of her
      // report is not his to find in his trail, nor in his own report.
      expect(downloaded(await exportsOf(victim.perpetratorPersonId))).toEqual([]);
      const reportOf = async (personId: string) =>
        (await get(`/v1/audit/subject-access/${personId}`, tokens.auditor).expect(200)).body as {
          reads: { correlationId?: string; subject?: string }[];
        };
      expect(downloaded((await reportOf(victim.perpetratorPersonId)).reads)).toEqual([]);
      expect(downloaded((await reportOf(victim.personId)).reads)).toEqual([
        expect.objectContaining({ subject: 'job-file' }),
        expect.objectContaining({ subject: 'job-file' }),
      ]);
    });

    it('is read and downloaded by its starter or an admin only', async () => {
      const id = await started('subject-access', { personId: victim.personId });
      await job(id);
      await get(`/v1/jobs/${id}`, tokens.otherAuditor).expect(404);
      await get(`/v1/jobs/${id}/files/subject-access.json`, tokens.otherAuditor).expect(404);
      await get(`/v1/jobs/${id}`, tokens.admin).expect(200);
      await get(`/v1/jobs/${id}/files/subject-access.json`, tokens.admin).expect(200);
    });

    it('is refused (403) to a user without the auditor or admin role', async () => {
      const refused = await post('/v1/jobs/subject-access', tokens.coordinator, { personId: victim.personId });
      expect(refused.status).toBe(403);
    });

    it('refuses a bad person id or redactMarac with 400 naming it, as the GET does', async () => {
      const badId = await post('/v1/jobs/subject-access', tokens.auditor, { personId: 'nobody' }).expect(400);
      const getBadId = await get('/v1/audit/subject-access/nobody', tokens.auditor).expect(400);
      expect(badId.body.errors).toEqual(getBadId.body.errors);
      const path = `/v1/audit/subject-access/${victim.personId}?redactMarac=maybe`;
      const getBadFlag = await get(path, tokens.auditor).expect(400);
      const badFlag = await post('/v1/jobs/subject-access', tokens.auditor, {
        personId: victim.personId,
        redactMarac: 'maybe',
      }).expect(400);
      expect(badFlag.body.errors).toEqual(getBadFlag.body.errors);
      expect(badFlag.body.errors).toEqual([expect.objectContaining({ field: 'redactMarac', rule: 'boolean' })]);
      // JSON's own false is the query's word for it.
      await post('/v1/jobs/subject-access', tokens.auditor, { personId: victim.personId, redactMarac: false }).expect(
        202,
      );
      const missing = await post('/v1/jobs/subject-access', tokens.auditor, {}).expect(400);
      expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'personId', rule: 'isUuid' })]);
    });

    it('fails, naming the rule, for a person nobody holds (the GET answers 404)', async () => {
      const nobody = '0b5a9b8e-3f7c-4d2a-9f4e-5c1d2e3f4a5b';
      await get(`/v1/audit/subject-access/${nobody}`, tokens.auditor).expect(404);
      const done = await job(await started('subject-access', { personId: nobody }));
      expect(done).toMatchObject({ state: 'failed', attempts: 1 });
      expect(done.error).toContain('person-exists');
    });
  });
});
