import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { startTestApi, type TestApi } from './support/test-api';
import { tokenFor } from './support/tokens';

/** More than a JSON page (100) and than a page the CSV reads at a time (1,000). */
const ENTRIES = 2_345;
const BATCH = 500;

/**
 * An auditor downloading a person's trail keeps a file, not a cursor: the file must hold the whole
 * range, each entry once and in log order, and its name must say whose trail it is. Synthetic ids.
 */
describe('audit trail as a CSV file', () => {
  let api: TestApi;
  let auditor: string;
  const personId = randomUUID();
  const appended: string[] = [];

  beforeAll(async () => {
    api = await startTestApi();
    auditor = await tokenFor({ sub: 'csv-auditor', name: 'Cass Auditor', agency: 'Council Audit', roles: ['auditor'] });
    const store = api.app.get<EventStore>(EVENT_STORE);
    const at = new Date().toISOString();
    for (let from = 0; from < ENTRIES; from += BATCH) {
      const events = Array.from({ length: Math.min(BATCH, ENTRIES - from) }, (_, i) => {
        const id = randomUUID();
        appended.push(id);
        return {
          id,
          type: 'search',
          data: {
            personIds: [personId],
            parameters: { q: `synthetic ${from + i}` },
            resultCount: from + i === 0 ? -5 : 1,
            ...(from + i === 0 ? { purpose: '=HYPERLINK("x")' } : {}),
          },
          metadata: {
            actor: { id: 'csv-reader', name: 'Sam Synthetic', agency: 'Probation', roles: ['coordinator'] },
            correlationId: `corr-${from + i}`,
            causationId: `corr-${from + i}`,
            occurredAt: at,
            recordedAt: at,
            schemaVersion: 1,
          },
        };
      });
      await store.append(`audit-${at.slice(0, 10)}`, events, { expected: 'any' });
    }
  }, 60_000);
  afterAll(async () => {
    await api.close();
  });

  const get = (url: string) =>
    request(api.app.getHttpServer()).get(url).set('Authorization', `Bearer ${auditor}`).buffer(true);

  it('holds every entry of the range once, in log order, named after the filter', async () => {
    const file = await get(`/v1/audit/trail?personId=${personId}&format=csv`).expect(200);

    const rows = parse(file.text, { bom: true, columns: true }) as Record<string, string>[];
    // The download's own export entry names the person too, but came after the request: not in the file.
    expect(rows.map((row) => row['eventId'])).toEqual(appended);
    const positions = rows.map((row) => BigInt(row['position'] ?? ''));
    expect(positions.every((position, i) => i === 0 || position > (positions[i - 1] ?? position))).toBe(true);

    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="audit-trail_personId-${personId}.csv"; filename*=UTF-8''audit-trail_personId-${personId}.csv`,
    );
    expect(file.headers['x-next-cursor']).toBeUndefined();
    expect(file.text.startsWith('\uFEFFposition,at,')).toBe(true);

    const first = rows[0] ?? {};
    expect(first).toMatchObject({
      resultCount: '-5',
      purpose: '\'=HYPERLINK("x")',
      parameters: '{"q":"synthetic 0"}',
      correlationId: 'corr-0',
      revision: '0',
    });
    // As in the JSON, a read has no occurredAt of its own (it happened when it was recorded).
    expect(first['occurredAt']).toBe('');
    expect(file.text).toContain(',-5,');
  });

  it('records one export entry naming the filter and the head it was cut at', async () => {
    const before = await get(`/v1/audit/trail?actor=csv-auditor&action=export`).expect(200);
    await get(`/v1/audit/trail?personId=${personId}`).set('Accept', 'text/csv').expect(200);
    const after = await get(`/v1/audit/trail?actor=csv-auditor&action=export`).expect(200);

    const added = (after.body.items as { parameters: Record<string, string> }[]).slice(before.body.items.length);
    expect(added).toEqual([
      expect.objectContaining({
        subject: 'audit-trail',
        personIds: [personId],
        parameters: { personId, through: expect.stringMatching(/^\d+$/) },
      }),
    ]);
  });

  it('answers a HEAD with the file headers only, recording no export since no entry left', async () => {
    const exports = async () =>
      ((await get(`/v1/audit/trail?actor=csv-auditor&action=export`).expect(200)).body.items as unknown[]).length;
    const before = await exports();

    const probe = await request(api.app.getHttpServer())
      .head(`/v1/audit/trail?personId=${personId}&format=csv`)
      .set('Authorization', `Bearer ${auditor}`)
      .expect(200);

    expect(probe.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(probe.headers['content-disposition']).toBe(
      `attachment; filename="audit-trail_personId-${personId}.csv"; filename*=UTF-8''audit-trail_personId-${personId}.csv`,
    );
    expect(await exports()).toBe(before);
  });

  it('names an agency typed with characters a file name cannot hold', async () => {
    const file = await get(`/v1/audit/trail?agency=${encodeURIComponent('Zoë/Team')}&format=csv`).expect(200);

    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="audit-trail_agency-Zo_-Team.csv"; filename*=UTF-8''audit-trail_agency-Zo%C3%AB-Team.csv`,
    );
    expect(file.text).toMatch(/^\uFEFFposition,[^\n]*,revision,refused\r\n$/);
  });
});
