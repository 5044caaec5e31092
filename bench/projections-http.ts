/**
 * The lag benchmark's HTTP client: keep-alive connections from a bounded pool, so an open-loop
 * backlog queues in the client (and shows up as response time) instead of overflowing the
 * server's accept queue with new connections (which shows up as resets and connect timeouts).
 */
import { Agent, request } from 'node:http';

export interface JsonResponse {
  readonly status: number;
  readonly position: string | null;
  readonly body: Record<string, unknown>;
}

export class BenchClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 32 });

  constructor(
    private readonly port: number,
    private readonly headers: Record<string, string>,
  ) {}

  post(path: string, body: unknown): Promise<JsonResponse> {
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: this.port,
          path,
          method: 'POST',
          agent: this.agent,
          headers: {
            ...this.headers,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: Record<string, unknown> = {};
            try {
              parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
            } catch {
              // A non-JSON body is reported by its status alone.
            }
            const position = res.headers['x-position'];
            resolve({
              status: res.statusCode ?? 0,
              position: typeof position === 'string' ? position : null,
              body: parsed,
            });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
