import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { uploadedToIom, type IomUploadJob } from './support/iom-upload';
import { startRedisServer, type TestRedis } from './support/redis-server';
import { startTestApi, type TestApi } from './support/test-api';
import { inTestEnv } from './support/test-env';
import { tokenFor } from './support/tokens';

jest.setTimeout(60_000);

/** A lowered v2 of the London policy: 72/27 qualifies under it, not under v1 (75/50/30). */
const LOWERED_V2 = {
  id: 'london-2021',
  version: 2,
  title: 'London IOM framework 2021, lowered thresholds',
  thresholds: { ogrsAlone: 70, ogrsWithRobberyOrBurglary: 45, ovpMinimum: 25 },
};
const POLICY_ENV = { IOM_ELIGIBILITY_POLICY: JSON.stringify(LOWERED_V2) };

// Synthetic person, eligible only under the lowered thresholds.
const UPLOAD = [
  'CRN,PNC,Forenames,Surname,Date of birth,Postcode,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years',
  'V300001,,Vic,Policytwo,1990-04-04,,72,27,N',
].join('\n');

/** Uploads the file as an IOM coordinator and waits for the job to complete, however it runs. */
async function importUnderPolicy(api: TestApi): Promise<IomUploadJob> {
  const coordinator = await tokenFor({ sub: 'coord-iom', roles: ['coordinator'], panels: ['IOM'] });
  return uploadedToIom(api, coordinator, '2024-03', UPLOAD);
}

async function expectJudgedUnderV2(api: TestApi): Promise<IomUploadJob> {
  const job = await importUnderPolicy(api);
  expect(job.state).toBe('completed');
  expect(job.result.summary).toMatchObject({ rows: 1, new: 1, unchanged: 0 });
  const evaluations = (await api.app.get<EventStore>(EVENT_STORE).readAll()).filter(
    (event) => event.type === 'iom-eligibility-evaluated',
  );
  expect(evaluations.map((event) => event.data)).toEqual([
    expect.objectContaining({
      policy: { id: 'london-2021', version: 2 },
      thresholds: LOWERED_V2.thresholds,
      eligible: true,
      ogrsRoute: 'ogrs-alone',
    }),
  ]);
  return job;
}

describe('the monthly IOM import judges under the configured eligibility policy', () => {
  it('with the embedded runner: an upload records the configured v2, as a referral would', async () => {
    const api = await startTestApi(POLICY_ENV);
    try {
      expect((await expectJudgedUnderV2(api)).worker).toBeNull();
    } finally {
      await api.close();
    }
  });

  describe('with REDIS_URL set: the api enqueues, a worker app runs the import', () => {
    let redis: TestRedis;
    let api: TestApi;
    let worker: INestApplicationContext | undefined;
    beforeAll(async () => {
      redis = await startRedisServer();
      api = await startTestApi({ ...POLICY_ENV, REDIS_URL: redis.url });
      // The worker app as apps/worker/src/main.ts builds it, on the api's store and queue.
      worker = await inTestEnv(api.dataDir, { ...POLICY_ENV, REDIS_URL: redis.url }, async () => {
        const context = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
        await context.init();
        return context;
      });
    });
    afterAll(async () => {
      await worker?.close();
      await api?.close();
      await redis?.stop();
    });

    it('an upload records the configured v2', async () => {
      expect((await expectJudgedUnderV2(api)).worker).toEqual(expect.any(String));
    });
  });
});
