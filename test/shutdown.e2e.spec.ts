import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { DRAIN_TIMEOUT_MS, READINESS_WINDOW_MS } from '../libs/platform/src/http/http-drain';
import { maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS, TEST_JWT_SECRET, tokenFor } from './support/tokens';

const MAIN = resolve(__dirname, '../apps/api/src/main.ts');
const TS_NODE = require.resolve('ts-node/register/transpile-only');
const CONNECTIONS = 16;
/** Room for the projections, jobs and stores to close after the drain, well inside a 10 s grace period. */
const EXIT_BOUND_MS = READINESS_WINDOW_MS + DRAIN_TIMEOUT_MS + 2_500;

interface Answer {
  readonly status?: number;
  readonly headers?: IncomingHttpHeaders;
  readonly body?: string;
  /** Set when the connection failed: `midAnswer` if some of the answer had already arrived. */
  readonly error?: { code: string; midAnswer: boolean };
}

function send(port: number, method: string, path: string, agent: Agent | false, headers = {}, body?: string) {
  return new Promise<Answer>((done) => {
    let answered = false;
    const req = httpRequest({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done({ status: res.statusCode, headers: res.headers, body: text }));
      res.on('error', (e: NodeJS.ErrnoException) => done({ error: { code: e.code ?? e.message, midAnswer: true } }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => done({ error: { code: e.code ?? e.message, midAnswer: answered } }));
    req.end(body);
  });
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((ready) => probe.listen(0, '127.0.0.1', ready));
  const { port } = probe.address() as { port: number };
  await new Promise((closed) => probe.close(closed));
  return port;
}

function startApi(port: number, dataDir: string): ChildProcess {
  return spawn(process.execPath, ['-r', TS_NODE, MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

async function untilHealthy(port: number, child: ChildProcess): Promise<void> {
  for (let tries = 0; tries < 600; tries += 1) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}`);
    if ((await send(port, 'GET', '/health', false)).status === 200) return;
    await new Promise((wait) => setTimeout(wait, 100));
  }
  throw new Error('API never became healthy');
}

describe('graceful shutdown of the API during a referral burst over keep-alive connections', () => {
  let dataDir: string;
  let child: ChildProcess | undefined;

  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'ccb-shutdown-'))));
  afterEach(() => {
    child?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('turns /ready to 503 at once, cuts no answer short, records exactly the referrals it answered 201 and exits in time', async () => {
    const port = await freePort();
    const api = startApi(port, dataDir);
    child = api;
    let stderr = '';
    api.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<{ code: number | null; at: number }>((done) =>
      api.on('exit', (code) => done({ code, at: Date.now() })),
    );
    await untilHealthy(port, api);
    const authorization = `Bearer ${await tokenFor(COORDINATOR_ALL_PANELS)}`;
    const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const answers = new Map<string, Answer>();
    let sent = 0;
    let signalledAt: number | undefined;
    let exitedYet = false;
    void exited.then(() => (exitedYet = true));
    // A server that never stops taking work must fail the bound below, not hang the spec.
    const stillSending = (): boolean =>
      !exitedYet && (signalledAt === undefined || Date.now() - signalledAt < EXIT_BOUND_MS);
    const refer = async (): Promise<void> => {
      while (stillSending()) {
        const id = `shutdown-${(sent += 1)}`;
        const perpetrator = { forenames: 'Lee', surname: `Carver${sent}`, dateOfBirth: '1985-02-11' };
        const victim = person({ forenames: 'Robin', surname: `Ashby${sent}` });
        const body = JSON.stringify(maracReferral({ person: victim }, { perpetrator }));
        const headers = { authorization, 'content-type': 'application/json', 'x-correlation-id': id };
        const answer = await send(port, 'POST', '/v1/referrals', agent, headers, body);
        answers.set(id, answer);
        if (answer.error?.code === 'ECONNREFUSED') return;
        if (signalledAt === undefined && [...answers.values()].filter((a) => a.status === 201).length >= 40) {
          signalledAt = Date.now();
          api.kill('SIGTERM');
        }
      }
    };
    const readiness: Answer[] = [];
    const probeReadiness = async (): Promise<void> => {
      while (signalledAt === undefined) await new Promise((wait) => setTimeout(wait, 5));
      while (stillSending()) {
        const answer = await send(port, 'GET', '/ready', false);
        if (answer.error !== undefined) return;
        readiness.push(answer);
        await new Promise((wait) => setTimeout(wait, 20));
      }
    };

    await Promise.all([...Array.from({ length: CONNECTIONS }, refer), probeReadiness()]);
    const { code, at } = await Promise.race([
      exited,
      new Promise<{ code: null; at: number }>((done) =>
        setTimeout(() => done({ code: null, at: Infinity }), 2_000).unref(),
      ),
    ]);
    agent.destroy();

    const firstShuttingDown = readiness.findIndex((answer) => answer.status === 503);
    expect(firstShuttingDown).toBeGreaterThanOrEqual(0);
    expect(readiness.slice(firstShuttingDown).map((answer) => answer.status)).not.toContain(200);
    expect(JSON.parse(readiness[firstShuttingDown]?.body ?? '{}')).toEqual({ status: 'shutting-down' });
    expect(readiness[firstShuttingDown]?.headers?.['retry-after']).toMatch(/^\d+$/);

    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    expect(at - (signalledAt ?? 0)).toBeLessThan(EXIT_BOUND_MS);

    const all = [...answers.values()];
    expect(all.filter((answer) => answer.error?.midAnswer === true)).toEqual([]);
    // A concurrent referral may lose a race on a shared record (409, nothing written): never a 5xx.
    expect(all.filter((answer) => answer.status !== undefined && ![201, 409].includes(answer.status))).toEqual([]);
    const answeredAfterSignal = all.filter((answer) => answer.status === 201 && answer.headers?.connection === 'close');
    expect(answeredAfterSignal.length).toBeGreaterThan(0);

    const store = SqliteEventStore.inDataDir(dataDir);
    try {
      const recorded = (await store.readAll())
        .filter((event) => event.type === 'referral-made')
        .map((event) => event.metadata.correlationId)
        .sort();
      const created = [...answers].filter(([, answer]) => answer.status === 201).map(([id]) => id);
      expect(recorded).toEqual(created.sort());
    } finally {
      await store.close();
    }
  }, 60_000);
});
