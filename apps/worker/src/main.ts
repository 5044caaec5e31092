import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { configuredPanelRegistry } from '../../../libs/case-lifecycle/src/application/configured-panel-registry';
import { ConfigError, loadConfig } from '../../../libs/platform/src/config/app-config';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  // Checked before Nest builds anything, so a bad environment, IOM policy or panel is reported plainly.
  configuredPanelRegistry(loadConfig(process.env));
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
