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

    it('refuses a null anchor (400 not-null), with or without one in the query, starting nothing', async () => {
      const anchor = `1:${'a'.repeat(64)}`;
      for (const path of ['/v1/jobs/audit-verify', `/v1/jobs/audit-verify?anchor=${anchor}`]) {
        const refused = await post(path, tokens.auditor, { anchor: null }).expect(400);
        expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'anchor', rule: 'not-null' })]);
      }
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

    it('is seen by its starter or an admin, and its files downloaded by its starter only', async () => {
      const id = await started('subject-access', { personId: victim.personId });
      await job(id);
      await get(`/v1/jobs/${id}`, tokens.otherAuditor).expect(404);
      await get(`/v1/jobs/${id}/files/subject-access.json`, tokens.otherAuditor).expect(404);
      await get(`/v1/jobs/${id}`, tokens.admin).expect(200);
      for (const name of ['subject-access.json', 'reads.csv']) {
        const refused = await get(`/v1/jobs/${id}/files/${name}`, tokens.admin).expect(403);
        expect(refused.body).toMatchObject({ rule: 'job-files-starter-only' });
      }
      await get(`/v1/jobs/${id}/files/subject-access.json`, tokens.auditor).expect(200);
    });

    it('is no longer readable by its starter once they have lost the auditor role, as the GET is not', async () => {
      const FORMER_AUDITOR = { sub: 'auditor-moved-on', roles: ['auditor'] } as const;
      const asAuditor = await tokenFor(FORMER_AUDITOR);
      const asAnalyst = await tokenFor({ ...FORMER_AUDITOR, roles: ['analyst'] });
      const id = await started('subject-access', { personId: victim.personId }, asAuditor);
      await job(id, asAuditor);
      await get(`/v1/audit/subject-access/${victim.personId}`, asAnalyst).expect(403);
      await get(`/v1/jobs/${id}`, asAnalyst).expect(404);
      await get(`/v1/jobs/${id}/files/subject-access.json`, asAnalyst).expect(404);
      expect((await get('/v1/jobs', asAnalyst).expect(200)).body).toEqual({ items: [] });
      await get(`/v1/jobs/${id}/files/subject-access.json`, asAuditor).expect(200);
    });

    describe('MARAC content left in (redactMarac false)', () => {
      const MARAC_AUDITOR = { sub: 'auditor-marac', roles: ['auditor'], panels: ['MARAC'] } as const;
      const fileOf = (id: string, token: string) => get(`/v1/jobs/${id}/files/subject-access.json`, token).buffer(true);
      let unredacted = '';
      let offMarac = '';

      beforeAll(async () => {
        const onMarac = await tokenFor(MARAC_AUDITOR);
        offMarac = await tokenFor({ ...MARAC_AUDITOR, panels: [] });
        unredacted = await started('subject-access', { personId: victim.personId, redactMarac: false }, onMarac);
        expect(await job(unredacted, onMarac)).toMatchObject({
          state: 'completed',
          result: { summary: { maracRedacted: false } },
        });
        const given = await fileOf(unredacted, onMarac).expect(200);
        expect(JSON.parse(given.text)).toMatchObject({ maracRedacted: false });
      });

      it('is not given to an admin off MARAC, to whom the GET gives the redacted report', async () => {
        const viaGet = await get(`/v1/audit/subject-access/${victim.personId}?redactMarac=false`, tokens.admin);
        expect(viaGet.body).toMatchObject({ maracRedacted: true });
        const refused = await fileOf(unredacted, tokens.admin).expect(403);
        expect(refused.body).toMatchObject({ rule: 'job-files-starter-only' });
        expect(refused.text).not.toContain('"maracRedacted":false');
      });

      it('is not given to its starter once off MARAC, though their redacted report still is', async () => {
        const refused = await fileOf(unredacted, offMarac).expect(403);
        expect(refused.body).toMatchObject({
          rule: 'job-file-panel-member',
          message: expect.stringContaining('MARAC'),
        });
        await get(`/v1/jobs/${unredacted}/files/reads.csv`, offMarac).expect(403);
        // They still see the job, and which panels' content its files give in full.
        expect((await job(unredacted, offMarac)).result?.summary).toMatchObject({ unredactedPanels: ['MARAC'] });
        const redacted = await started('subject-access', { personId: victim.personId }, offMarac);
        await job(redacted, offMarac);
        expect(JSON.parse((await fileOf(redacted, offMarac).expect(200)).text)).toMatchObject({ maracRedacted: true });
      });
    });

    it('stops at its next stage when cancelled, recording no export and leaving no file', async () => {
      const kind = api.app.get(JobKindRegistry).get('subject-access');
      const exportsByProbe = async () =>
        (
          (await get(`/v1/audit/trail?action=export&limit=1000`, tokens.auditor).expect(200)).body.items as {
            correlationId?: string;
          }[]
        ).filter((item) => item.correlationId === 'cancel-probe').length;
      const cancelledAt = (stage: number) => {
        const cancel = new AbortController();
        const context = {
          jobId: 'cancel-probe',
          principal: { id: AUDITOR.sub, name: 'Auditor', agency: 'Council Audit', roles: ['auditor'], panels: [] },
          correlationId: 'cancel-probe',
          attempt: 1,
          signal: cancel.signal,
          progress: async (done: number) => void (done === stage && cancel.abort('cancelled')),
          eventIdFor: () => 'unused',
        } as unknown as JobRunContext;
        return kind?.run({ personId: victim.personId }, context);
      };

      await expect(cancelledAt(0)).rejects.toBe('cancelled');
      expect(await exportsByProbe()).toBe(0);
      // Built, then stopped before its files were kept: nothing was handed over, so no export is recorded.
      await expect(cancelledAt(1)).rejects.toBe('cancelled');
      await expect(cancelledAt(2)).rejects.toBe('cancelled');
      expect(await exportsByProbe()).toBe(0);
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

    it('refuses a field sent in both the query and the body (400 one-source), starting nothing', async () => {
      const before = (await get('/v1/jobs', tokens.auditor).expect(200)).body.items.length as number;
      const twoPeople = await post(`/v1/jobs/subject-access?personId=${victim.perpetratorPersonId}`, tokens.auditor, {
        personId: victim.personId,
      }).expect(400);
      expect(twoPeople.body.errors).toEqual([expect.objectContaining({ field: 'personId', rule: 'one-source' })]);
      const twoAnswers = await post('/v1/jobs/subject-access?redactMarac=true', tokens.auditor, {
        personId: victim.personId,
        redactMarac: false,
      }).expect(400);
      expect(twoAnswers.body.errors).toEqual([expect.objectContaining({ field: 'redactMarac', rule: 'one-source' })]);
      expect((await get('/v1/jobs', tokens.auditor).expect(200)).body.items).toHaveLength(before);
    });

    it('refuses a query field given twice (400 single-value) rather than reading the first, starting nothing', async () => {
      const before = (await get('/v1/jobs', tokens.auditor).expect(200)).body.items.length as number;
      const twice = await post(
        `/v1/jobs/subject-access?personId=${victim.personId}&personId=${victim.perpetratorPersonId}`,
        tokens.auditor,
        {},
      ).expect(400);
      expect(twice.body.errors).toEqual([expect.objectContaining({ field: 'personId', rule: 'single-value' })]);
      expect((await get('/v1/jobs', tokens.auditor).expect(200)).body.items).toHaveLength(before);
    });

    it('refuses a null redactMarac (400 not-null) rather than reading it as not given', async () => {
      const refused = await post('/v1/jobs/subject-access', tokens.auditor, {
        personId: victim.personId,
        redactMarac: null,
      }).expect(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'redactMarac', rule: 'not-null' })]);
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
