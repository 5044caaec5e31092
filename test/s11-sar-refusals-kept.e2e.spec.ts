import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import request from 'supertest';
import { SubjectAccessService } from '../libs/audit/src/application/subject-access.service';
import { finished } from '../libs/audit/src/jobs/testing/audit-jobs-client';
import { correlatedRequests } from '../libs/audit/src/jobs/testing/correlated-requests';
import { maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { AUDITOR, COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

jest.setTimeout(60_000);

interface TrailItem {
  action: string;
  subject?: string;
  personIds?: string[];
  correlationId?: string;
  pathParameters?: Record<string, string>;
  refused?: { status: number; rule: string };
}

/**
 * A subject access job's trail entries name the person it is about, and no one else: a malformed
 * start names no one, a refused download of a job that has kept no files names her, and the
 * export is in her trail once, and only when its files were kept.
 */
describe('subject access jobs in her trail: refused starts and downloads, and the export once kept', () => {
  let api: TestApi;
  const tokens = { auditor: '', otherAuditor: '', coordinator: '' };
  let subject = { caseId: '', personId: '' };
  let bystander = { caseId: '', personId: '' };

  const server = () => api.app.getHttpServer();
  const { get, post } = correlatedRequests(server);
  const trail = async (filter: string, correlationId: string): Promise<TrailItem[]> =>
    ((await get(`/v1/audit/trail?${filter}&limit=1000`, tokens.auditor).expect(200)).body.items as TrailItem[]).filter(
      (item) => item.correlationId === correlationId,
    );
  const started = async (correlationId = randomUUID()): Promise<string> =>
    (await post('/v1/jobs/subject-access', tokens.auditor, { personId: subject.personId }, correlationId).expect(202))
      .body.id as string;
  const outcome = async (jobId: string) => finished(() => get(`/v1/jobs/${jobId}`, tokens.auditor));
  /** Holds the next report build until released, so a test can act on a job that is still running. */
  const holdNextBuild = () => {
    const service = api.app.get(SubjectAccessService);
    const build = service.reportWithCases.bind(service);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let building = () => {};
    const isBuilding = new Promise<void>((resolve) => (building = resolve));
    jest.spyOn(service, 'reportWithCases').mockImplementationOnce(async (...args) => {
      building();
      await held;
      return build(...args);
    });
    return { isBuilding, release };
  };
  /** Keeping a run's files fails while `when` holds (a full disk, say), through the job table's own file. */
  const filesCannotBeKept = (when: string) => {
    const db = new Database(join(api.dataDir, 'jobs.sqlite'));
    db.exec(`CREATE TRIGGER files_not_kept BEFORE INSERT ON job_files WHEN ${when}
             BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    db.close();
  };
  const filesKeptAgain = () => {
    const db = new Database(join(api.dataDir, 'jobs.sqlite'));
    db.exec('DROP TRIGGER IF EXISTS files_not_kept');
    db.close();
  };

  beforeAll(async () => {
    api = await startTestApi({ JOB_BACKOFF_MS: '20' });
    tokens.auditor = await tokenFor(AUDITOR);
    tokens.otherAuditor = await tokenFor({ ...AUDITOR, sub: 'auditor-other-s11-kept' });
    tokens.coordinator = await tokenFor(COORDINATOR_ALL_PANELS);
    const refer = async (forenames: string, surname: string) =>
      (
        await post(
          '/v1/referrals',
          tokens.coordinator,
          maracReferral({ person: person({ forenames, surname }) }),
        ).expect(201)
      ).body as typeof subject;
    subject = await refer('Ottoline', 'Askedabout');
    bystander = await refer('Bathsheba', 'Bystander');
  });
  afterEach(() => {
    jest.restoreAllMocks();
    filesKeptAgain();
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('a start refused for want of the role', () => {
    it('records nothing when the input is one an auditor would get a 400 for (two people named, a bad redactMarac)', async () => {
      const twoPeople = `/v1/jobs/subject-access?personId=${bystander.personId}`;
      const asAuditor = await post(twoPeople, tokens.auditor, { personId: subject.personId }).expect(400);
      expect(JSON.stringify(asAuditor.body)).toContain('one-source');
      const correlationId = randomUUID();
      await post(twoPeople, tokens.coordinator, { personId: subject.personId }, correlationId).expect(403);
      await post(
        '/v1/jobs/subject-access',
        tokens.coordinator,
        { personId: subject.personId, redactMarac: 'perhaps' },
        correlationId,
      ).expect(403);
      expect(await trail('action=access-refused', correlationId)).toEqual([]);
    });
  });

  describe('a refused download of a job that has kept no files', () => {
    it('is filed under her while the job is still running', async () => {
      const { isBuilding, release } = holdNextBuild();
      const jobId = await started();
      await isBuilding;
      const correlationId = randomUUID();
      await get(`/v1/jobs/${jobId}/files/subject-access.json`, tokens.otherAuditor, correlationId).expect(404);
      release();
      expect((await outcome(jobId)).state).toBe('completed');
      expect(await trail(`action=access-refused&personId=${subject.personId}`, correlationId)).toEqual([
        expect.objectContaining({
          personIds: [subject.personId],
          pathParameters: { id: jobId, name: 'subject-access.json' },
          refused: expect.objectContaining({ status: 404, rule: 'job-exists' }) as unknown,
        }),
      ]);
    });

    it('is filed under her once the job was cancelled (its input forgotten)', async () => {
      const { isBuilding, release } = holdNextBuild();
      const jobId = await started();
      await isBuilding;
      await request(server()).delete(`/v1/jobs/${jobId}`).set('Authorization', `Bearer ${tokens.auditor}`).expect(200);
      release();
      expect((await outcome(jobId)).state).toBe('cancelled');
      const correlationId = randomUUID();
      await get(`/v1/jobs/${jobId}/files/reads.csv`, tokens.otherAuditor, correlationId).expect(404);
      expect(await trail(`action=access-refused&personId=${subject.personId}`, correlationId)).toEqual([
        expect.objectContaining({ personIds: [subject.personId], pathParameters: { id: jobId, name: 'reads.csv' } }),
      ]);
    });
  });

  describe('the export, recorded once its files are kept', () => {
    it('is not in her trail when the files could never be kept (the job failed), and a refused download still names her', async () => {
      filesCannotBeKept('1');
      const correlationId = randomUUID();
      const jobId = await started(correlationId);
      const job = await outcome(jobId);
      expect(job).toMatchObject({ state: 'failed', attempts: 3, result: null });
      expect(job.error).toContain('disk full');
      expect(await trail(`action=export&personId=${subject.personId}`, correlationId)).toEqual([]);
      const refusedId = randomUUID();
      await get(`/v1/jobs/${jobId}/files/subject-access.json`, tokens.otherAuditor, refusedId).expect(404);
      expect((await trail(`action=access-refused`, refusedId)).map((item) => item.personIds)).toEqual([
        [subject.personId],
      ]);
    });

    it('is in her trail once when the first attempt could not keep the files and the retry did', async () => {
      filesCannotBeKept(`(SELECT attempts FROM jobs WHERE id = NEW.job_id) = 1`);
      const correlationId = randomUUID();
      const jobId = await started(correlationId);
      expect(await outcome(jobId)).toMatchObject({ state: 'completed', attempts: 2 });
      const exports = await trail(`action=export&personId=${subject.personId}`, correlationId);
      expect(exports).toEqual([expect.objectContaining({ action: 'export', subject: 'subject-access' })]);
      await get(`/v1/jobs/${jobId}/files/subject-access.json`, tokens.auditor).expect(200);
    });
  });
});
