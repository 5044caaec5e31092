import type { NestExpressApplication } from '@nestjs/platform-express';
import { rmSync } from 'node:fs';
import request from 'supertest';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { newDataDir, startApiWithTestKinds } from '../libs/jobs/src/testing/jobs-test-api';
import { testStream } from '../libs/jobs/src/testing/test-job-kinds';
import { TEST_JWT_SECRET, tokenFor } from './support/tokens';

const ENV = { AUTH_JWT_SECRET: TEST_JWT_SECRET, JOB_CONCURRENCY: '1' };

async function waitForState(app: NestExpressApplication, token: string, id: string, states: string[], ms = 10_000) {
  const until = Date.now() + ms;
  for (;;) {
    const res = await request(app.getHttpServer()).get(`/v1/jobs/${id}`).set('Authorization', `Bearer ${token}`);
    if (states.includes(res.body.state)) return res.body;
    if (Date.now() > until) throw new Error(`job ${id} still ${res.body.state}, expected ${states.join('/')}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function eventsIn(dataDir: string, runKey: string): Promise<number[]> {
  const store = SqliteEventStore.inDataDir(dataDir, { synchronous: 'NORMAL' });
  try {
    return (await store.readStream(testStream(runKey))).map((e) => (e.data as { index: number }).index);
  } finally {
    await store.close();
  }
}

describe('jobs (embedded runner)', () => {
  const dataDir = newDataDir();
  let app: NestExpressApplication;
  let analyst: string;
  let otherAnalyst: string;
  let admin: string;
  let coordinator: string;
  const start = (token: string, kind: string, body: object) =>
    request(app.getHttpServer()).post(`/v1/jobs/${kind}`).set('Authorization', `Bearer ${token}`).send(body);

  beforeAll(async () => {
    app = await startApiWithTestKinds(dataDir, ENV);
    analyst = await tokenFor({ sub: 'analyst-1', roles: ['analyst'] });
    otherAnalyst = await tokenFor({ sub: 'analyst-2', roles: ['analyst'] });
    admin = await tokenFor({ sub: 'admin-1', roles: ['admin'] });
    coordinator = await tokenFor({ sub: 'coordinator-1', roles: ['coordinator'], panels: ['IOM'] });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts a job (202), reports progress, and keeps the result and files for download', async () => {
    const started = await start(analyst, 'test-append', { runKey: 'basic', events: 5 });
    expect(started.status).toBe(202);
    expect(started.body).toEqual({
      id: expect.any(String),
      kind: 'test-append',
      state: 'queued',
      links: { self: `/v1/jobs/${started.body.id}`, cancel: `/v1/jobs/${started.body.id}` },
    });
    const done = await waitForState(app, analyst, started.body.id, ['completed', 'failed']);
    expect(done).toMatchObject({
      state: 'completed',
      attempts: 1,
      progress: { done: 5, total: 5, unit: 'events', percent: 100 },
      result: { summary: { appended: 5, attempt: 1 } },
      error: null,
    });
    const file = done.result.files[0];
    expect(file).toEqual({
      name: 'done.txt',
      contentType: 'text/plain; charset=utf-8',
      href: `/v1/jobs/${started.body.id}/files/done.txt`,
    });
    const download = await request(app.getHttpServer()).get(file.href).set('Authorization', `Bearer ${analyst}`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(download.text).toBe('appended 5\n');
    expect(await eventsIn(dataDir, 'basic')).toEqual([0, 1, 2, 3, 4]);
  });

  it('answers 404 for an unknown kind, 403 for a role the kind does not allow, 400 naming the bad field', async () => {
    const unknown = await start(analyst, 'no-such-kind', {});
    expect(unknown.status).toBe(404);
    const wrongRole = await start(coordinator, 'test-append', { runKey: 'x', events: 1 });
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body.rule).toBe('job-kind-role');
    const bad = await start(analyst, 'test-append', { runKey: 'x', events: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'events', rule: 'integer-1-1000' })]);
    const noToken = await request(app.getHttpServer()).post('/v1/jobs/test-append').send({});
    expect(noToken.status).toBe(401);
  });

  it('passes a text/csv upload and the query to the kind as a string', async () => {
    const csv = 'crn,pnc\nX123456,1979/0163001B\nX654321,\n';
    const res = await request(app.getHttpServer())
      .post('/v1/jobs/test-upload?month=2024-03')
      .set('Authorization', `Bearer ${coordinator}`)
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(res.status).toBe(202);
    const done = await waitForState(app, coordinator, res.body.id, ['completed', 'failed']);
    expect(done.result.summary).toEqual({ month: '2024-03', lines: 3, bytes: csv.length });
    const badMonth = await request(app.getHttpServer())
      .post('/v1/jobs/test-upload?month=2024-13')
      .set('Authorization', `Bearer ${coordinator}`)
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(badMonth.status).toBe(400);
    expect(badMonth.body.errors[0].field).toBe('month');
    // Uploads may be larger than JSON bodies (BODY_LIMIT 1mb): JOB_UPLOAD_LIMIT, 20mb by default.
    const big = `crn\n${'X123456\n'.repeat(300_000)}`;
    const large = await request(app.getHttpServer())
      .post('/v1/jobs/test-upload?month=2024-03')
      .set('Authorization', `Bearer ${coordinator}`)
      .set('Content-Type', 'text/csv')
      .send(big);
    expect(large.status).toBe(202);
    expect((await waitForState(app, coordinator, large.body.id, ['completed'])).result.summary.lines).toBe(300_001);
  });

  it('refuses a null character in a job’s input (JSON body, query, CSV upload) with 400 naming it, starting nothing', async () => {
    const jobsOf = async (token: string) =>
      (await request(app.getHttpServer()).get('/v1/jobs').set('Authorization', `Bearer ${token}`)).body.items.length;
    const upload = (query: string, csv: string) =>
      request(app.getHttpServer())
        .post(`/v1/jobs/test-upload${query}`)
        .set('Authorization', `Bearer ${coordinator}`)
        .set('Content-Type', 'text/csv')
        .send(csv);
    const problems = (res: request.Response) => ({ status: res.status, errors: res.body.errors as unknown });
    const refusal = (field: string) => ({
      status: 400,
      errors: [expect.objectContaining({ field, rule: 'no-null-character' })],
    });
    const analystJobs = await jobsOf(analyst);
    const coordinatorJobs = await jobsOf(coordinator);
    expect(
      problems(
        await start(analyst, 'test-append', { runKey: 'nul-check', events: 1, note: { lines: ['ok', 'a\u0000b'] } }),
      ),
    ).toEqual(refusal('note.lines[1]'));
    expect(problems(await upload('?month=2024-03&note=a%00b', 'crn\nX123456\n'))).toEqual(refusal('note'));
    // A null character in a CSV almost always means a file in the wrong encoding (UTF-16): the
    // whole upload is refused, as other whole-file problems are, rather than half imported.
    expect(problems(await upload('?month=2024-03', 'crn,surname\nX123456,Mar\u0000sh\n'))).toEqual(refusal('body'));
    expect(await jobsOf(analyst)).toBe(analystJobs);
    expect(await jobsOf(coordinator)).toBe(coordinatorJobs);
  });

  it('shows a job only to its starter and admins; lists the caller’s own jobs by kind', async () => {
    const started = await start(analyst, 'test-append', { runKey: 'private', events: 1 });
    await waitForState(app, analyst, started.body.id, ['completed']);
    const other = await request(app.getHttpServer())
      .get(`/v1/jobs/${started.body.id}`)
      .set('Authorization', `Bearer ${otherAnalyst}`);
    expect(other.status).toBe(404);
    const otherDownload = await request(app.getHttpServer())
      .get(`/v1/jobs/${started.body.id}/files/done.txt`)
      .set('Authorization', `Bearer ${otherAnalyst}`);
    expect(otherDownload.status).toBe(404);
    const byAdmin = await request(app.getHttpServer())
      .get(`/v1/jobs/${started.body.id}`)
      .set('Authorization', `Bearer ${admin}`);
    expect(byAdmin.status).toBe(200);
    const mine = await request(app.getHttpServer())
      .get('/v1/jobs?kind=test-append')
      .set('Authorization', `Bearer ${analyst}`);
    expect(mine.body.items.map((j: { id: string }) => j.id)).toContain(started.body.id);
    expect(mine.body.items.every((j: { kind: string }) => j.kind === 'test-append')).toBe(true);
    const theirs = await request(app.getHttpServer()).get('/v1/jobs').set('Authorization', `Bearer ${otherAnalyst}`);
    expect(theirs.body.items).toEqual([]);
  });

  it('retries a failed attempt without writing any event twice', async () => {
    const started = await start(analyst, 'test-append', { runKey: 'retry', events: 8, failFirstAttemptAfter: 5 });
    const done = await waitForState(app, analyst, started.body.id, ['completed', 'failed']);
    expect(done).toMatchObject({ state: 'completed', attempts: 2, result: { summary: { attempt: 2 } } });
    expect(await eventsIn(dataDir, 'retry')).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('fails after its last attempt with the error; a rule refusal fails at once, without retries', async () => {
    const crashing = await start(analyst, 'test-append', { runKey: 'crash', events: 3, failWith: 'crash' });
    const failed = await waitForState(app, analyst, crashing.body.id, ['completed', 'failed']);
    expect(failed).toMatchObject({
      state: 'failed',
      attempts: 3,
      maxAttempts: 3,
      error: 'simulated crash on attempt 3',
    });
    expect(failed.result).toBeNull();
    expect(await eventsIn(dataDir, 'crash')).toEqual([0]);
    const refused = await start(analyst, 'test-append', { runKey: 'refused', events: 3, failWith: 'rejection' });
    const done = await waitForState(app, analyst, refused.body.id, ['completed', 'failed']);
    expect(done).toMatchObject({ state: 'failed', attempts: 1, error: 'test-rule: refused by a rule' });
    const cancelFinished = await request(app.getHttpServer())
      .delete(`/v1/jobs/${refused.body.id}`)
      .set('Authorization', `Bearer ${analyst}`);
    expect(cancelFinished.status).toBe(409);
  });

  it('cancels: a queued job never runs, a running one stops at its next safe point', async () => {
    const running = await start(analyst, 'test-append', { runKey: 'cancel-running', events: 200, delayMs: 20 });
    const queued = await start(analyst, 'test-append', { runKey: 'cancel-queued', events: 3 });
    await waitForState(app, analyst, running.body.id, ['running']);
    const cancelQueued = await request(app.getHttpServer())
      .delete(`/v1/jobs/${queued.body.id}`)
      .set('Authorization', `Bearer ${analyst}`);
    expect(cancelQueued.status).toBe(200);
    expect(cancelQueued.body.state).toBe('cancelled');
    const cancelRunning = await request(app.getHttpServer())
      .delete(`/v1/jobs/${running.body.id}`)
      .set('Authorization', `Bearer ${analyst}`);
    expect(cancelRunning.status).toBe(200);
    const stopped = await waitForState(app, analyst, running.body.id, ['cancelled', 'completed', 'failed']);
    expect(stopped.state).toBe('cancelled');
    expect((await eventsIn(dataDir, 'cancel-running')).length).toBeLessThan(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(await eventsIn(dataDir, 'cancel-queued')).toEqual([]);
    const again = await request(app.getHttpServer())
      .delete(`/v1/jobs/${queued.body.id}`)
      .set('Authorization', `Bearer ${analyst}`);
    expect(again.body.state).toBe('cancelled');
  });

  it('on shutdown releases the running job, and a restart on the same DATA_DIR finishes it with no duplicates', async () => {
    const started = await start(analyst, 'test-append', { runKey: 'restart', events: 40, delayMs: 10 });
    const id = started.body.id as string;
    await waitForState(app, analyst, id, ['running']);
    await new Promise((r) => setTimeout(r, 100));
    await app.close();
    const partial = await eventsIn(dataDir, 'restart');
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(40);
    app = await startApiWithTestKinds(dataDir, ENV);
    const done = await waitForState(app, analyst, id, ['completed', 'failed']);
    expect(done.state).toBe('completed');
    // Released by the shutdown, so the interrupted run did not use up an attempt.
    expect(done.attempts).toBe(1);
    expect(await eventsIn(dataDir, 'restart')).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });
});
