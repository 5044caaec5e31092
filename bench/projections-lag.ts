/**
 * Part (c) of the projections benchmark: projection lag under a steady, open-loop command rate
 * through the real HTTP API (embedded store). For every command, lag is the time from its HTTP
 * response to the moment every read model answering queries has processed the position the
 * response returned (what a client sending `X-Min-Position` waits for).
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApi } from '../apps/api/src/create-api';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../libs/platform/src/http/read-model-progress';
import { BenchRandom } from './projections-random';
import { commandFor, type OpenCase } from './projections-commands';
import { BenchClient, type JsonResponse } from './projections-http';

export interface LagOptions {
  readonly commandsPerSecond?: number;
  readonly seconds?: number;
  /** Commands sent before measuring starts (JIT, page cache), at the same rate. */
  readonly warmupSeconds?: number;
  /** Extra environment for the API (defaults are the production defaults, quiet logs, no throttling). */
  readonly env?: Record<string, string>;
}

export interface Percentiles {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export interface LagResult {
  readonly commandsPerSecond: number;
  readonly sent: number;
  readonly measured: number;
  /** Commands answered with a non-2xx status, by status. */
  readonly failures: Readonly<Record<string, number>>;
  /** Commands whose position was not processed within the wait limit. */
  readonly timedOut: number;
  /** Commands answered 2xx without a position: nothing to record (e.g. a status set to what it was). */
  readonly unchanged: number;
  /** Rate at which commands were sent over the measured window (open loop: the schedule's rate). */
  readonly sentPerSecond: number;
  /** Rate at which the API answered them, first measured send to last measured answer. */
  readonly answeredPerSecond: number;
  readonly lagMs: Percentiles;
  readonly responseMs: Percentiles;
}

const WAIT_LIMIT_MS = 10_000;

export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return { p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1] ?? 0 };
}

async function bootApi(
  env: Record<string, string>,
): Promise<{ app: NestExpressApplication; dataDir: string; secret: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'projections-lag-'));
  const secret = randomBytes(32).toString('hex');
  const saved = { ...process.env };
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    AUTH_JWT_SECRET: secret,
    LOG_LEVEL: 'silent',
    // One benchmark user sends 200 commands a second; the per-user limit is not what is measured.
    RATE_LIMIT_PER_MINUTE: '1000000',
    ...env,
  });
  try {
    const app = await createApi({ logger: false });
    await app.listen(0, '127.0.0.1');
    // The load generator keeps connections open; a server closing an idle one while a request
    // is on its way would show up as a reset, which is not what this measures.
    const server = app.getHttpServer() as { keepAliveTimeout: number; headersTimeout: number };
    server.keepAliveTimeout = 120_000;
    server.headersTimeout = 121_000;
    return { app, dataDir, secret };
  } finally {
    process.env = saved;
  }
}

function mintToken(secret: string): Promise<string> {
  return new SignJWT({
    name: 'Benchmark Coordinator',
    agency: 'Metropolitan Police',
    roles: ['coordinator'],
    panels: ['IOM', 'MARAC', 'ALLIANCE'],
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('bench-coordinator')
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(secret));
}

interface Sample {
  readonly answeredAt: number;
  readonly unchanged: boolean;
  readonly lagMs: number | undefined;
  readonly responseMs: number;
  readonly measured: boolean;
  readonly failed: boolean;
}

export async function measureProjectionLag(options: LagOptions = {}): Promise<LagResult> {
  const rate = options.commandsPerSecond ?? 200;
  const seconds = options.seconds ?? 30;
  const warmup = options.warmupSeconds ?? 3;
  const { app, dataDir, secret } = await bootApi(options.env ?? {});
  let client: BenchClient | undefined;
  try {
    const progress = app.get<ReadModelProgress>(READ_MODEL_PROGRESS, { strict: false });
    const port = (app.getHttpServer().address() as AddressInfo).port;
    client = new BenchClient(port, { authorization: `Bearer ${await mintToken(secret)}` });
    const http = client;
    const random = new BenchRandom(200);
    const cases: OpenCase[] = [];
    const failures: Record<string, number> = {};
    const samples: Promise<Sample>[] = [];
    let sequence = 0;

    const send = async (measured: boolean): Promise<Sample> => {
      const command = commandFor(random, cases, sequence++);
      const started = performance.now();
      let response: JsonResponse;
      try {
        response = await http.post(command.path, command.body);
      } catch (error) {
        const key = `network error ${describe(error)}`;
        if (measured) failures[key] = (failures[key] ?? 0) + 1;
        command.failed?.();
        const answeredAt = performance.now();
        return {
          answeredAt,
          unchanged: false,
          lagMs: undefined,
          responseMs: answeredAt - started,
          measured,
          failed: true,
        };
      }
      const answered = performance.now();
      const { body, position } = response;
      const ok = response.status >= 200 && response.status < 300;
      if (ok && position === null) {
        return {
          answeredAt: answered,
          unchanged: true,
          lagMs: undefined,
          responseMs: answered - started,
          measured,
          failed: false,
        };
      }
      if (!ok || position === null) {
        const key = `${response.status} ${command.kind}${typeof body['rule'] === 'string' ? ` (${body['rule']})` : ''}`;
        if (measured) failures[key] = (failures[key] ?? 0) + 1;
        command.failed?.();
        return {
          answeredAt: answered,
          unchanged: false,
          lagMs: undefined,
          responseMs: answered - started,
          measured,
          failed: true,
        };
      }
      command.succeeded?.(body);
      const reached = await progress.waitUntilProcessed(BigInt(position), WAIT_LIMIT_MS);
      const lagMs = reached ? performance.now() - answered : undefined;
      return { answeredAt: answered, unchanged: false, lagMs, responseMs: answered - started, measured, failed: false };
    };

    // Open loop: commands leave on a fixed schedule whether or not earlier ones were answered.
    const total = Math.round((warmup + seconds) * rate);
    const warmupCount = Math.round(warmup * rate);
    const start = performance.now();
    let measureStart = start;
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      if (i === warmupCount) measureStart = performance.now();
      samples.push(send(i >= warmupCount));
    }
    const measureEnd = performance.now();
    const done = (await Promise.all(samples)).filter((sample) => sample.measured);
    const lags = done.flatMap((sample) => (sample.lagMs === undefined ? [] : [sample.lagMs]));
    return {
      commandsPerSecond: rate,
      sent: total,
      measured: lags.length,
      failures,
      timedOut: done.filter((sample) => !sample.failed && !sample.unchanged && sample.lagMs === undefined).length,
      unchanged: done.filter((sample) => sample.unchanged).length,
      sentPerSecond: done.length / ((measureEnd - measureStart) / 1000),
      answeredPerSecond: done.length / ((Math.max(...done.map((sample) => sample.answeredAt)) - measureStart) / 1000),
      lagMs: percentiles(lags),
      responseMs: percentiles(done.map((sample) => sample.responseMs)),
    };
  } finally {
    client?.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}
