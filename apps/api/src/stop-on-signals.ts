import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ShutdownState } from '../../../libs/platform/src/health/shutdown-state';
import {
  DRAIN_TIMEOUT_MS,
  HttpDrain,
  READINESS_WINDOW_MS,
  type DrainTimings,
} from '../../../libs/platform/src/http/http-drain';

const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT'];

/**
 * On a stop signal the HTTP server drains first, and only then does Nest run its shutdown hooks:
 * the projections, job queue, audit sealer and stores they close are what in-flight requests
 * still use. Nest's own signal handling would run those hooks while the server still took work.
 * Call before `listen` so every request is tracked.
 */
export function stopOnSignals(
  app: NestExpressApplication,
  timings: DrainTimings = { readinessWindowMs: READINESS_WINDOW_MS, drainTimeoutMs: DRAIN_TIMEOUT_MS },
): void {
  const drain = new HttpDrain(app.getHttpServer(), app.get(ShutdownState));
  const logger = new Logger('Shutdown');
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: /ready answers 503, draining requests in flight`);
    void drain
      .drain(timings)
      .then(async ({ cut }) => {
        if (cut > 0) logger.warn(`Drain timeout (${timings.drainTimeoutMs} ms): cut ${cut} unfinished requests`);
        await app.close();
        // Exit rather than re-raise the signal: as PID 1 in a container a re-raised SIGTERM is ignored.
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error(`Shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        process.exit(1);
      });
  };
  for (const signal of STOP_SIGNALS) process.on(signal, stop);
}
