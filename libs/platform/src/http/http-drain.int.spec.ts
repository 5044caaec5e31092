import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ShutdownState } from '../health/shutdown-state';
import { HttpDrain } from './http-drain';

const servers: Server[] = [];
// If the drain ever stops cutting, the hung request must fail the spec, not keep Jest running.
afterEach(() => servers.splice(0).forEach((server) => server.closeAllConnections()));

/** A server whose `/hang` never answers, so only the drain timeout can end it. */
async function serverWithAHungRequest(): Promise<{ server: Server; drain: HttpDrain; port: number }> {
  const server = createServer((req, res) => {
    if (req.url !== '/hang') res.end('ok');
  });
  servers.push(server);
  const drain = new HttpDrain(server, new ShutdownState());
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return { server, drain, port: (server.address() as AddressInfo).port };
}

describe('draining the HTTP server when a request never finishes', () => {
  it('cuts it at the drain timeout instead of waiting for SIGKILL, and says how many it cut', async () => {
    const { server, drain, port } = await serverWithAHungRequest();
    const cutOff = new Promise<string>((settled) => {
      const hung = request({ host: '127.0.0.1', port, path: '/hang' });
      hung.on('error', (error: NodeJS.ErrnoException) => settled(error.code ?? error.message));
      hung.end();
    });
    await new Promise((arrived) => server.once('request', arrived));

    const started = Date.now();
    const outcome = await drain.drain({ readinessWindowMs: 50, drainTimeoutMs: 300 });

    expect(outcome).toEqual({ cut: 1 });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await cutOff).toBe('ECONNRESET');
    expect(server.listening).toBe(false);
  });

  it('waits for nothing when nothing is in flight', async () => {
    const { server, drain } = await serverWithAHungRequest();
    expect(await drain.drain({ readinessWindowMs: 0, drainTimeoutMs: 5_000 })).toEqual({ cut: 0 });
    expect(server.listening).toBe(false);
  });
});
