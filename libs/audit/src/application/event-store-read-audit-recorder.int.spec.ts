import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import type { Principal } from '../../../platform/src/auth/principal';
import { EventStoreReadAuditRecorder } from './event-store-read-audit-recorder';

const auditor: Principal = {
  id: 'u-7',
  name: 'Ola Reader',
  agency: 'Probation',
  roles: ['practitioner'],
  panels: ['IOM'],
};

describe('EventStoreReadAuditRecorder', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'audit-rec-'));
    store = SqliteEventStore.inDataDir(dir, { synchronous: 'NORMAL' });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('appends the read as an event with the actor, purpose and ids, in a daily audit stream', async () => {
    await new EventStoreReadAuditRecorder(store).record({
      action: 'case-viewed',
      principal: auditor,
      purpose: 'planning the panel',
      caseIds: ['case-1'],
      personIds: ['person-1'],
      correlationId: 'corr-1',
    });
    const [event] = await store.readAll();
    expect(event?.type).toBe('case-viewed');
    expect(event?.stream).toMatch(/^audit-\d{4}-\d{2}-\d{2}$/);
    expect(event?.data).toEqual({ purpose: 'planning the panel', caseIds: ['case-1'], personIds: ['person-1'] });
    expect(event?.metadata.actor).toEqual({
      id: 'u-7',
      name: 'Ola Reader',
      agency: 'Probation',
      roles: ['practitioner'],
    });
    expect(event?.metadata.correlationId).toBe('corr-1');
  });

  it('keeps the basis of a view with it, so an auditor can check the reader was entitled to it', async () => {
    await new EventStoreReadAuditRecorder(store).record({
      action: 'case-viewed',
      principal: auditor,
      purpose: 'supervision',
      caseIds: ['case-1'],
      access: { via: 'disclosure', disclosureIds: ['disclosure-1'] },
    });
    const [event] = await store.readAll();
    expect(event?.data).toMatchObject({ access: { via: 'disclosure', disclosureIds: ['disclosure-1'] } });
  });

  it('appends a refused view as `access-refused` in the same daily stream, naming the ids as given', async () => {
    await new EventStoreReadAuditRecorder(store).recordRefused({
      principal: auditor,
      attempted: 'person-viewed',
      route: '/v1/people/:personId',
      refusal: { status: 404, rule: 'person-exists' },
      purpose: 'checking a name',
      personIds: ['person-9'],
      pathParameters: { personId: 'person-9' },
      correlationId: 'corr-2',
    });
    const [event] = await store.readAll();
    expect(event?.type).toBe('access-refused');
    expect(event?.stream).toMatch(/^audit-\d{4}-\d{2}-\d{2}$/);
    expect(event?.data).toEqual({
      purpose: 'checking a name',
      personIds: ['person-9'],
      pathParameters: { personId: 'person-9' },
      refused: { attempted: 'person-viewed', route: '/v1/people/:personId', status: 404, rule: 'person-exists' },
    });
    expect(event?.metadata).toMatchObject({ actor: { id: 'u-7' }, correlationId: 'corr-2' });
  });

  it('rejects when the store cannot take the entry, so the read fails with it', async () => {
    await store.close();
    await expect(
      new EventStoreReadAuditRecorder(store).record({ action: 'search', principal: auditor, resultCount: 0 }),
    ).rejects.toThrow();
  });
});
