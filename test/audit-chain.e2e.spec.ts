import Database from 'better-sqlite3';
import { join } from 'node:path';
import request from 'supertest';
import { iomReferral, maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';
import { verifyScript } from './support/verify-script';

describe('tamper-evident audit chain', () => {
  const apis: TestApi[] = [];
  afterAll(async () => {
    await Promise.all(apis.map((api) => api.close()));
  });

  /** A store with a few writes and reads in it, fully sealed. */
  async function populatedApi(): Promise<{ api: TestApi; auditor: string; positions: number[] }> {
    const api = await startTestApi();
    apis.push(api);
    const token = await tokenFor(COORDINATOR_ALL_PANELS);
    const auditor = await tokenFor({ sub: 'auditor-1', roles: ['auditor'], agency: 'Council Audit' });
    const server = api.app.getHttpServer();
    const made = await request(server)
      .post('/v1/referrals')
      .set('Authorization', `Bearer ${token}`)
      .send(maracReferral({ person: person({ surname: 'Chain' }) }))
      .expect(201);
    await request(server).post('/v1/referrals').set('Authorization', `Bearer ${token}`).send(iomReferral()).expect(201);
    await request(server)
      .get(`/v1/cases/${made.body.caseId as string}`)
      .set('Authorization', `Bearer ${token}`)
      .set('X-Purpose', 'preparing the MARAC')
      .expect(200);
    const db = new Database(join(api.dataDir, 'events.sqlite'), { readonly: true });
    const positions = db.prepare('SELECT position FROM events ORDER BY position').pluck().all() as number[];
    db.close();
    return { api, auditor, positions };
  }

  const verifyRoute = (api: TestApi, token: string) =>
    request(api.app.getHttpServer()).get('/v1/audit/verify').set('Authorization', `Bearer ${token}`);

  const tamper = (api: TestApi, sql: string, ...params: unknown[]): void => {
    const db = new Database(join(api.dataDir, 'events.sqlite'));
    expect(db.prepare(sql).run(...params).changes).toBe(1);
    db.close();
  };

  it('verifies an untouched store, and names its head so it can be kept elsewhere', async () => {
    const { api, auditor, positions } = await populatedApi();
    const first = await verifyRoute(api, auditor).expect(200);
    expect(first.body).toMatchObject({ ok: true, checked: positions.length });
    expect(first.body.firstBroken).toBeUndefined();
    expect(first.body.head.hash).toMatch(/^[0-9a-f]{64}$/);
    // The verification itself is a report run, so the next walk has one more entry.
    const anchor = `${first.body.head.position as string}:${first.body.head.hash as string}`;
    const second = await verifyRoute(api, auditor).query({ anchor }).expect(200);
    expect(second.body).toMatchObject({ ok: true, checked: positions.length + 1 });
    const wrongAnchor = `${first.body.head.position as string}:${'a'.repeat(64)}`;
    const third = await verifyRoute(api, auditor).query({ anchor: wrongAnchor }).expect(200);
    expect(third.body).toMatchObject({ ok: false, firstBroken: { reason: 'anchor-mismatch' } });
    await verifyRoute(api, auditor).query({ anchor: 'not-an-anchor' }).expect(400);
  });

  it('detects an event edited in the SQLite file, through the route and the script', async () => {
    const { api, auditor, positions } = await populatedApi();
    await verifyRoute(api, auditor).expect(200);
    const target = positions[1] as number;
    const row = new Database(join(api.dataDir, 'events.sqlite'), { readonly: true })
      .prepare('SELECT id, stream, data FROM events WHERE position = ?')
      .get(target) as { id: string; stream: string; data: string };
    const data = JSON.parse(row.data) as Record<string, unknown>;
    tamper(api, 'UPDATE events SET data = ? WHERE position = ?', JSON.stringify({ ...data, reason: 'edited' }), target);

    const viaRoute = await verifyRoute(api, auditor).expect(200);
    expect(viaRoute.body).toMatchObject({
      ok: false,
      checked: 2,
      firstBroken: { position: String(target), eventId: row.id, stream: row.stream, reason: 'event-altered' },
    });
    const viaScript = await verifyScript(api.dataDir);
    expect(viaScript.code).toBe(1);
    expect(viaScript.report).toMatchObject({ ok: false, firstBroken: { position: String(target), eventId: row.id } });
  }, 30_000);

  it('detects a deleted event, through the route and the script', async () => {
    const { api, auditor, positions } = await populatedApi();
    await verifyRoute(api, auditor).expect(200);
    const target = positions[2] as number;
    const id = new Database(join(api.dataDir, 'events.sqlite'), { readonly: true })
      .prepare('SELECT id FROM events WHERE position = ?')
      .pluck()
      .get(target) as string;
    tamper(api, 'DELETE FROM events WHERE position = ?', target);

    const viaRoute = await verifyRoute(api, auditor).expect(200);
    expect(viaRoute.body).toMatchObject({
      ok: false,
      firstBroken: { position: String(target), eventId: id, reason: 'event-missing' },
    });
    const viaScript = await verifyScript(api.dataDir);
    expect(viaScript.code).toBe(1);
    expect(viaScript.report).toMatchObject({ ok: false, firstBroken: { position: String(target), eventId: id } });
  }, 30_000);

  it('is for auditors and admins only', async () => {
    const { api } = await populatedApi();
    await verifyRoute(api, await tokenFor(COORDINATOR_ALL_PANELS)).expect(403);
    await verifyRoute(api, await tokenFor({ sub: 'admin-1', roles: ['admin'] })).expect(200);
  });
});
