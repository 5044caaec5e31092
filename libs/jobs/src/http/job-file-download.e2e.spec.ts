import type { NestExpressApplication } from '@nestjs/platform-express';
import { rmSync } from 'node:fs';
import request from 'supertest';
import { TEST_JWT_SECRET, tokenFor } from '../../../../test/support/tokens';
import { SqliteJobTable } from '../embedded/sqlite-job-table';
import { newDataDir, startApiWithTestKinds } from '../testing/jobs-test-api';

describe('job file downloads are reads in the audit trail', () => {
  const dataDir = newDataDir();
  let app: NestExpressApplication;
  let analyst: string;
  let auditor: string;

  beforeAll(async () => {
    app = await startApiWithTestKinds(dataDir, { AUTH_JWT_SECRET: TEST_JWT_SECRET, JOB_CONCURRENCY: '1' });
    analyst = await tokenFor({ sub: 'analyst-dl', roles: ['analyst'] });
    auditor = await tokenFor({ sub: 'auditor-dl', roles: ['auditor'] });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const get = (url: string, token: string) =>
    request(app.getHttpServer()).get(url).set('Authorization', `Bearer ${token}`);

  async function completed(jobId: string) {
    for (const until = Date.now() + 10_000; Date.now() < until; await new Promise((r) => setTimeout(r, 25))) {
      const job = await get(`/v1/jobs/${jobId}`, analyst);
      if (job.body.state === 'completed') return job.body as { result: { files: { href: string }[] } };
    }
    throw new Error(`job ${jobId} did not complete`);
  }

  it('records who downloaded which file of which job, and sends the file as before', async () => {
    const started = await request(app.getHttpServer())
      .post('/v1/jobs/test-append')
      .set('Authorization', `Bearer ${analyst}`)
      .send({ runKey: 'download-audit', events: 2 })
      .expect(202);
    const jobId = started.body.id as string;
    const href = (await completed(jobId)).result.files[0]?.href ?? '';

    const download = await get(href, analyst).expect(200);
    expect(download.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(download.headers['content-disposition']).toBe('attachment; filename="done.txt"');
    expect(download.text).toBe('appended 2\n');
    await get(`/v1/jobs/${jobId}/files/missing.txt`, analyst).expect(404);

    const trail = await get('/v1/audit/trail?action=export&actor=analyst-dl', auditor).expect(200);
    expect(trail.body.items).toEqual([
      expect.objectContaining({
        action: 'export',
        subject: 'job-file',
        pathParameters: { id: jobId, name: 'done.txt' },
      }),
    ]);
  });

  it('records a HEAD of a file as its download: its headers tell the size of the file', async () => {
    const started = await request(app.getHttpServer())
      .post('/v1/jobs/test-append')
      .set('Authorization', `Bearer ${analyst}`)
      .send({ runKey: 'download-head', events: 3 })
      .expect(202);
    const jobId = started.body.id as string;
    const href = (await completed(jobId)).result.files[0]?.href ?? '';

    const head = await request(app.getHttpServer()).head(href).set('Authorization', `Bearer ${analyst}`).expect(200);
    expect(head.headers['content-length']).toBe(String('appended 3\n'.length));
    const trail = await get(`/v1/audit/trail?action=export&actor=analyst-dl`, auditor).expect(200);
    expect(trail.body.items).toContainEqual(
      expect.objectContaining({ subject: 'job-file', pathParameters: { id: jobId, name: 'done.txt' } }),
    );
  });

  it('serves no file of a job that has not completed, though a run kept one before it died', async () => {
    const started = await request(app.getHttpServer())
      .post('/v1/jobs/test-append')
      .set('Authorization', `Bearer ${analyst}`)
      .send({ runKey: 'download-unfinished', events: 50, delayMs: 200 })
      .expect(202);
    const jobId = started.body.id as string;
    // What a run leaves between keeping its files and its job being completed, had it died there.
    const table = SqliteJobTable.inDataDir(dataDir);
    table.keepFiles(jobId, [{ name: 'done.txt', contentType: 'text/plain; charset=utf-8', content: 'partial\n' }]);
    table.close();
    expect((await get(`/v1/jobs/${jobId}`, analyst).expect(200)).body.state).toBe('running');

    const refused = await get(`/v1/jobs/${jobId}/files/done.txt`, analyst).expect(404);
    expect(refused.body).toMatchObject({ rule: 'job-file-exists' });
    expect(refused.body.message).toContain('running');
    const trail = await get('/v1/audit/trail?action=export&actor=analyst-dl', auditor).expect(200);
    expect(
      trail.body.items.filter((item: { pathParameters?: { id?: string } }) => item.pathParameters?.id === jobId),
    ).toEqual([]);
    await request(app.getHttpServer())
      .delete(`/v1/jobs/${jobId}`)
      .set('Authorization', `Bearer ${analyst}`)
      .expect(200);
  });
});
