import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { EVENT_STORE, type EventStore } from '../../../../event-store/src/port/event-store';
import { waitUntil } from '../../../../jobs/src/testing/test-workers';

export interface JobBody {
  readonly state: string;
  readonly attempts: number;
  readonly error: string | null;
  readonly progress: { readonly done: number; readonly total: number; readonly percent: number } | null;
  readonly result: {
    readonly summary: Record<string, unknown>;
    readonly files: readonly { readonly name: string; readonly href: string }[];
  } | null;
}

const FINISHED = new Set(['completed', 'failed', 'cancelled']);

/** Polls a job (`GET /v1/jobs/{id}` as `view` asks it) until it has finished. */
export async function finished(view: () => Promise<Response>, ms = 30_000): Promise<JobBody> {
  return waitUntil(
    async () => (await view()).body as JobBody,
    (job) => FINISHED.has(job.state),
    ms,
  );
}

/** Synthetic search entries naming `personId`, straight into the log: a log long enough to page through. */
export async function appendSearches(app: INestApplication, count: number, personId: string): Promise<void> {
  const store = app.get<EventStore>(EVENT_STORE);
  const at = new Date().toISOString();
  const BATCH = 500;
  for (let from = 0; from < count; from += BATCH) {
    const events = Array.from({ length: Math.min(BATCH, count - from) }, (_, i) => ({
      id: randomUUID(),
      type: 'search',
      data: { personIds: [personId], parameters: { q: `synthetic ${from + i}` }, resultCount: 1 },
      metadata: {
        actor: { id: 'synthetic-reader', name: 'Sam Synthetic', agency: 'Probation', roles: ['coordinator'] },
        correlationId: `search-${from + i}`,
        causationId: `search-${from + i}`,
        occurredAt: at,
        recordedAt: at,
        schemaVersion: 1,
      },
    }));
    await store.append(`audit-${at.slice(0, 10)}`, events, { expected: 'any' });
  }
}
