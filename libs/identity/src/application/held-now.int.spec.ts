import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import { heldNow } from './held-now';

const AT = '2024-06-01T10:00:00Z';
const ACTOR = { id: 'u-1', name: 'Synthetic Reviewer', agency: 'Council', roles: ['admin'] };

/** Splits as the identity commands write them, straight into a log: whose record and case is it now? */
describe('who holds a record or case now', () => {
  let dir: string;
  let store: SqliteEventStore;
  const split = (personId: string, intoPersonId: string, recordIds: string[], caseIds: string[] = []) =>
    store.append(
      `identity-${personId}`,
      [
        {
          id: randomUUID(),
          type: 'person-split',
          data: { personId, intoPersonId, restored: false, recordIds, caseIds, reason: 'not him', occurredAt: AT },
          metadata: {
            actor: ACTOR,
            correlationId: randomUUID(),
            causationId: randomUUID(),
            occurredAt: AT,
            recordedAt: AT,
            schemaVersion: 1,
          },
        },
      ],
      { expected: 'any' },
    );

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'held-now-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is the person it was linked to while no split moved it', async () => {
    await split('p', 'c', ['other-record'], ['other-case']);
    expect(await heldNow(store, 'p', { recordId: 'r' })).toBe('p');
    expect(await heldNow(store, 'p', { caseId: 'k' })).toBe('p');
  });

  it('follows each split that moved it, including one moving it back', async () => {
    await split('p', 'c', ['r'], ['k']);
    await split('c', 'd', ['r'], []);
    expect(await heldNow(store, 'p', { recordId: 'r' })).toBe('d');
    expect(await heldNow(store, 'p', { caseId: 'k' })).toBe('c');
    await split('d', 'p', ['r']);
    expect(await heldNow(store, 'p', { recordId: 'r' })).toBe('p');
  });
});
