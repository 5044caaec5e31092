import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { SubjectAccessService } from '../libs/audit/src/application/subject-access.service';
import { finished } from '../libs/audit/src/jobs/testing/audit-jobs-client';
import { maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { AUDITOR, COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

jest.setTimeout(60_000);

/**
 * A subject access job cancelled through the API while its report is being built keeps no files,
 * so nothing was handed to anyone: the trail must not show the report as exported.
 */
describe('subject access job cancelled while its report is built', () => {
  let api: TestApi;
  let auditor = '';
  let subject = { caseId: '', personId: '' };

  const server = () => api.app.getHttpServer();
  const as = (token: string) => ({
    get: (url: string) => request(server()).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string) => request(server()).post(url).set('Authorization', `Bearer ${token}`),
    delete: (url: string) => request(server()).delete(url).set('Authorization', `Bearer ${token}`),
  });

  beforeAll(async () => {
    api = await startTestApi();
    // Listening once: a request made while the job runs must not re-bind the server mid-request.
    await api.app.listen(0, '127.0.0.1');
    auditor = await tokenFor(AUDITOR);
    const coordinator = await tokenFor(COORDINATOR_ALL_PANELS);
    subject = (
      await as(coordinator)
        .post('/v1/referrals')
        .send(maracReferral({ person: person({ forenames: 'Tamsin', surname: 'Halfbuilt' }) }))
        .expect(201)
    ).body as typeof subject;
  });
  const start = async (correlationId: string): Promise<string> =>
    (
      await as(auditor)
        .post('/v1/jobs/subject-access')
        .set('X-Correlation-Id', correlationId)
        .send({ personId: subject.personId })
        .expect(202)
    ).body.id as string;
  /** Her trail's exports made under the job's correlation id: the report it built, if recorded. */
  const exportsOfHerBy = async (correlationId: string) =>
    (
      (await as(auditor).get(`/v1/audit/trail?personId=${subject.personId}&action=export&limit=1000`).expect(200)).body
        .items as { correlationId?: string; subject?: string; caseIds?: string[] }[]
    ).filter((item) => item.correlationId === correlationId);

  afterAll(async () => {
    jest.restoreAllMocks();
    await api?.close();
  });

  it('records no export of her when the cancel arrives mid-build, and leaves no file', async () => {
    const service = api.app.get(SubjectAccessService);
    const build = service.reportWithCases.bind(service);
    let started = (_id: string) => {};
    const startedJob = new Promise<string>((resolve) => (started = resolve));
    // The cancel arrives through the API while the report is being gathered (the job may begin
    // before its 202 is read, so it waits for the id).
    jest.spyOn(service, 'reportWithCases').mockImplementationOnce(async (...args) => {
      await as(auditor)
        .delete(`/v1/jobs/${await startedJob}`)
        .expect(200);
      return build(...args);
    });
    const correlationId = randomUUID();
    const jobId = await start(correlationId);
    started(jobId);

    const done = await finished(() => as(auditor).get(`/v1/jobs/${jobId}`));
    expect(done.state).toBe('cancelled');
    await as(auditor).get(`/v1/jobs/${jobId}/files/subject-access.json`).expect(404);
    expect(await exportsOfHerBy(correlationId)).toEqual([]);
    const report = (await as(auditor).get(`/v1/audit/subject-access/${subject.personId}`).expect(200)).body as {
      reads: { correlationId?: string }[];
    };
    expect(report.reads.filter((read) => read.correlationId === correlationId)).toEqual([]);
  });

  it('records its export once when it runs to the end, as before', async () => {
    const correlationId = randomUUID();
    const jobId = await start(correlationId);
    expect((await finished(() => as(auditor).get(`/v1/jobs/${jobId}`))).state).toBe('completed');
    expect(await exportsOfHerBy(correlationId)).toEqual([
      expect.objectContaining({ subject: 'subject-access', caseIds: [subject.caseId] }),
    ]);
  });
});
