/**
 * A worker process with the test job kinds, for specs that kill or stop workers.
 * Run with: node -r ts-node/register/transpile-only worker-with-test-kinds.ts (env as the worker's).
 * Prints "worker-ready" once it takes jobs.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TestJobKindsModule } from '../../../../libs/jobs/src/testing/test-job-kinds';
import { WorkerModule } from '../worker.module';

@Module({ imports: [WorkerModule, TestJobKindsModule] })
class WorkerWithTestKindsModule {}

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerWithTestKindsModule, { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  await app.init();
  process.stdout.write('worker-ready\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
