import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import { testStream } from './test-job-kinds';
import { waitUntil } from './test-workers';

/** The part of `GET /v1/jobs/{id}` the job specs read. */
export interface TestJobBody {
  readonly state: string;
  readonly attempts: number;
  readonly error: string | null;
  readonly progress: { readonly done: number } | null;
}

/** `test-append` jobs over HTTP as one caller; `app` and `token` are read when called (set in beforeAll). */
export function testAppendJobs(app: () => NestExpressApplication, token: () => string) {
  const view = async (id: string): Promise<TestJobBody> =>
    (await request(app().getHttpServer()).get(`/v1/jobs/${id}`).set('Authorization', `Bearer ${token()}`)).body;
  return {
    start: (body: object) =>
      request(app().getHttpServer()).post('/v1/jobs/test-append').set('Authorization', `Bearer ${token()}`).send(body),
    cancel: (id: string) =>
      request(app().getHttpServer()).delete(`/v1/jobs/${id}`).set('Authorization', `Bearer ${token()}`),
    view,
    waitFor: (id: string, done: (job: TestJobBody) => boolean, ms?: number): Promise<TestJobBody> =>
      waitUntil(() => view(id), done, ms),
  };
}

/** The indexes a `test-append` run wrote, in stream order, read from the event store on `dataDir`. */
export async function eventsIn(dataDir: string, runKey: string): Promise<number[]> {
  const store = SqliteEventStore.inDataDir(dataDir, { synchronous: 'NORMAL' });
  try {
    return (await store.readStream(testStream(runKey))).map((e) => (e.data as { index: number }).index);
  } finally {
    await store.close();
  }
}
