import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';
import { verifyScript } from './support/verify-script';

/** The table of the trail's active version, as an intruder would find it in the file. */
function trailEntries(db: Database.Database): string {
  const version = db.prepare("SELECT version FROM projection_active WHERE name = 'audit_trail'").pluck().get();
  return `audit_trail_v${String(version)}_entries`;
}

describe('audit verification: trail read model and the log beyond the seals', () => {
  const apis: TestApi[] = [];
  afterAll(async () => {
    await Promise.all(apis.map((api) => api.close()));
  });

  /** A store with a referral and a case view in it, verified once (so sealed and trailed). */
  async function viewedCase(): Promise<{
    api: TestApi;
    auditor: string;
    caseId: string;
    viewPosition: number;
    viewId: string;
  }> {
    const api = await startTestApi();
    apis.push(api);
    const token = await tokenFor(COORDINATOR_ALL_PANELS);
    const auditor = await tokenFor({ sub: 'auditor-1', roles: ['auditor'], agency: 'Council Audit' });
    const server = api.app.getHttpServer();
    const made = await request(server)
      .post('/v1/referrals')
      .set('Authorization', `Bearer ${token}`)
      .send(maracReferral({ person: person({ surname: 'Verify' }) }))
      .expect(201);
    await request(server)
      .get(`/v1/cases/${made.body.caseId as string}`)
      .set('Authorization', `Bearer ${token}`)
      .set('X-Purpose', 'preparing the MARAC')
      .expect(200);
    // The trail answers once it has reached the head, so the view has its row after this.
    await request(server).get('/v1/audit/trail').set('Authorization', `Bearer ${auditor}`).expect(200);
    const db = new Database(join(api.dataDir, 'events.sqlite'), { readonly: true });
    const view = db.prepare("SELECT position, id FROM events WHERE type = 'case-viewed'").get() as {
      position: number;
      id: string;
    };
    db.close();
    const first = await verifyRoute(api, auditor).expect(200);
    expect(first.body).toMatchObject({ ok: true, unsealed: { count: 0 }, trail: { count: 0 } });
    return { api, auditor, caseId: made.body.caseId as string, viewPosition: view.position, viewId: view.id };
  }

  const verifyRoute = (api: TestApi, token: string) =>
    request(api.app.getHttpServer()).get('/v1/audit/verify').set('Authorization', `Bearer ${token}`);

  const tamperTrail = (api: TestApi, sql: (table: string) => string, ...params: unknown[]): void => {
    const db = new Database(join(api.dataDir, 'read-models.sqlite'));
    expect(db.prepare(sql(trailEntries(db))).run(...params).changes).toBe(1);
    db.close();
  };

  it('reports a trail row deleted from the read model, through the route and the script', async () => {
    const { api, auditor, viewPosition, viewId } = await viewedCase();
    tamperTrail(api, (t) => `DELETE FROM ${t} WHERE position = ?`, viewPosition);

    const viaRoute = await verifyRoute(api, auditor).expect(200);
    expect(viaRoute.body.ok).toBe(false);
    expect(viaRoute.body.trail.problems).toEqual([
      expect.objectContaining({ position: String(viewPosition), eventId: viewId, reason: 'trail-row-missing' }),
    ]);
    const viaScript = await verifyScript(api.dataDir);
    expect(viaScript.code).toBe(1);
    expect(viaScript.report).toMatchObject({
      ok: false,
      trail: { count: 1, problems: [{ position: String(viewPosition), reason: 'trail-row-missing' }] },
    });
  }, 30_000);

  it('reports a trail row that names another event than the one sealed at its position', async () => {
    const { api, auditor, viewPosition, viewId } = await viewedCase();
    tamperTrail(api, (t) => `UPDATE ${t} SET event_id = 'forged-view' WHERE position = ?`, viewPosition);

    const viaRoute = await verifyRoute(api, auditor).expect(200);
    expect(viaRoute.body).toMatchObject({
      ok: false,
      trail: { count: 1, problems: [{ position: String(viewPosition), eventId: viewId, reason: 'trail-row-altered' }] },
    });
  }, 30_000);

  /** Runs `sql` against the read-model file, with `{t}` standing for the active trail's table prefix. */
  const editTrail = (api: TestApi, sql: string, ...params: unknown[]): number => {
    const db = new Database(join(api.dataDir, 'read-models.sqlite'));
    const prefix = trailEntries(db).replace(/_entries$/, '');
    const changed = db.prepare(sql.replaceAll('{t}', prefix)).run(...params).changes;
    db.close();
    return changed;
  };

  it('reports a view whose case, person and purpose were rewritten and its links deleted, which hid it from the case', async () => {
    const { api, auditor, caseId, viewPosition, viewId } = await viewedCase();
    const caseTrail = async () =>
      (
        await request(api.app.getHttpServer())
          .get(`/v1/audit/trail?caseId=${caseId}&action=case-viewed`)
          .set('Authorization', `Bearer ${auditor}`)
          .expect(200)
      ).body.items as { position: string }[];
    expect((await caseTrail()).map((item) => item.position)).toEqual([String(viewPosition)]);
    expect(
      editTrail(
        api,
        "UPDATE {t}_entries SET case_id = NULL, person_id = NULL, purpose = 'routine' WHERE position = ?",
        viewPosition,
      ),
    ).toBe(1);
    editTrail(api, 'DELETE FROM {t}_subjects WHERE position = ?', viewPosition);
    expect(await caseTrail()).toEqual([]);

    const viaRoute = await verifyRoute(api, auditor).expect(200);
    expect(viaRoute.body).toMatchObject({
      ok: false,
      trail: {
        count: 1,
        problems: [{ position: String(viewPosition), eventId: viewId, reason: 'trail-row-altered' }],
      },
    });
    expect(viaRoute.body.trail.problems[0].detail).toMatch(/case_id, person_id, purpose\b/);
  }, 30_000);

  it('reports an entry whose actor, links or case people were edited, naming what differs', async () => {
    const { api, auditor, viewPosition } = await viewedCase();
    const referral = referralPosition(api);
    // The reader's name on every view by them, a person linked to the view, the referral's subject dropped from her case.
    expect(editTrail(api, "UPDATE {t}_acts SET actor_name = 'Somebody Else' WHERE action = 'case-viewed'")).toBe(1);
    editTrail(
      api,
      "INSERT INTO {t}_subjects (position, kind, id, named) VALUES (?, 'person', 'forged-person', 9)",
      viewPosition,
    );
    expect(editTrail(api, "DELETE FROM {t}_case_people WHERE role = 'subject'")).toBe(1);

    const viaRoute = await verifyRoute(api, auditor).expect(200);
    expect(viaRoute.body.ok).toBe(false);
    const problems = viaRoute.body.trail.problems as { position: string; reason: string; detail: string }[];
    expect(problems.map(({ position, reason }) => [position, reason])).toEqual([
      [String(referral), 'trail-row-altered'],
      [String(viewPosition), 'trail-row-altered'],
    ]);
    expect(problems[0]?.detail).toMatch(/case_people/);
    expect(problems[1]?.detail).toMatch(/actor_name, subjects\b/);
    const viaScript = await verifyScript(api.dataDir);
    expect(viaScript.code).toBe(1);
    expect(viaScript.report).toMatchObject({ ok: false, trail: { count: 2 } });
  }, 30_000);

  const referralPosition = (api: TestApi): number => {
    const db = new Database(join(api.dataDir, 'events.sqlite'), { readonly: true });
    const position = db.prepare("SELECT position FROM events WHERE type = 'referral-made'").pluck().get() as number;
    db.close();
    return position;
  };

  /** Stops the service, keeping its files, and writes one row straight into its log. */
  async function writtenWhileDown(api: TestApi, revision: (current: number) => number) {
    await api.app.close();
    apis.splice(apis.indexOf(api), 1);
    const events = new Database(join(api.dataDir, 'events.sqlite'));
    const { head, stream, current, metadata } = events
      .prepare(
        `SELECT (SELECT max(position) FROM events) AS head, stream, metadata,
           (SELECT max(revision) FROM events e WHERE e.stream = v.stream) AS current
         FROM events v WHERE type = 'case-viewed'`,
      )
      .get() as { head: number; stream: string; current: number; metadata: string };
    events
      .prepare("INSERT INTO events VALUES (?, ?, ?, 'forged-1', 'case-viewed', '{\"purpose\":\"x\"}', ?)")
      .run(head + 1, stream, revision(current), metadata);
    events.close();
    return { position: head + 1, stream };
  }

  it('lists an event appended after the last seal as unsealed, ok but exit 3 (not everything vouched for)', async () => {
    const { api } = await viewedCase();
    const written = await writtenWhileDown(api, (current) => current + 1);
    const viaScript = await verifyScript(api.dataDir);
    rmSync(api.dataDir, { recursive: true, force: true });
    expect(viaScript.code).toBe(3);
    expect(viaScript.report).toMatchObject({
      ok: true,
      unsealed: { count: 1, events: [{ position: String(written.position), eventId: 'forged-1' }] },
      inconsistencies: { count: 0 },
    });
  }, 30_000);

  it('notes an event written while the service was down as sealed at start once it restarts, and only that one', async () => {
    const { api } = await viewedCase();
    const { position } = await writtenWhileDown(api, (current) => current + 1);
    // Started again on the files the stopped one left (its own fresh DATA_DIR stays empty).
    const restarted = await startTestApi({ DATA_DIR: api.dataDir });
    try {
      const auditor = await tokenFor({ sub: 'auditor-2', roles: ['auditor'], agency: 'Council Audit' });
      const viaRoute = await verifyRoute(restarted, auditor);
      expect(viaRoute.status).toBe(200);
      expect(viaRoute.body).toMatchObject({
        ok: true,
        unsealed: { count: 0 },
        sealedAtStart: { count: 1, positions: [String(position)] },
      });
    } finally {
      await restarted.close();
    }
    const viaScript = await verifyScript(api.dataDir);
    rmSync(api.dataDir, { recursive: true, force: true });
    expect({ code: viaScript.code, sealedAtStart: viaScript.report['sealedAtStart'] }).toEqual({
      code: 0,
      sealedAtStart: { count: 1, positions: [String(position)] },
    });
  }, 30_000);

  it('reports an event written into the log while the service was down, without sealing it', async () => {
    const { api } = await viewedCase();
    const { position, stream } = await writtenWhileDown(api, () => 999);
    const chain = new Database(join(api.dataDir, 'audit-chain.sqlite'), { readonly: true });
    const sealedBefore = chain.prepare('SELECT max(position) FROM seals').pluck().get();

    const viaScript = await verifyScript(api.dataDir);
    expect(viaScript.code).toBe(1);
    expect(viaScript.report).toMatchObject({
      ok: false,
      head: { position: String(sealedBefore) },
      unsealed: { count: 1, events: [{ position: String(position), eventId: 'forged-1', stream }] },
      inconsistencies: {
        count: 1,
        items: [{ position: String(position), eventId: 'forged-1', reason: 'revision-gap' }],
      },
    });
    expect(chain.prepare('SELECT max(position) FROM seals').pluck().get()).toBe(sealedBefore);
    chain.close();
    rmSync(api.dataDir, { recursive: true, force: true });
  }, 30_000);
});

describe('audit verification refuses what it cannot judge', () => {
  /** A stopped service's DATA_DIR: a referral in the log, sealed; the files left as it left them. */
  async function stoppedService(): Promise<string> {
    const api = await startTestApi();
    await request(api.app.getHttpServer())
      .post('/v1/referrals')
      .set('Authorization', `Bearer ${await tokenFor(COORDINATOR_ALL_PANELS)}`)
      .send(maracReferral({ person: person({ surname: 'Unjudged' }) }))
      .expect(201);
    await api.app.close();
    return api.dataDir;
  }

  const firstEvent = (dataDir: string) => {
    const events = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
    const first = events.prepare('SELECT position, id FROM events ORDER BY position LIMIT 1').get() as {
      position: number;
      id: string;
    };
    events.close();
    return first;
  };

  it('exits 2 on a DATA_DIR that does not exist, creating nothing there', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'ccb-verify-'));
    const mistyped = join(parent, 'mistyped');
    const result = await verifyScript(mistyped);
    const created = existsSync(mistyped);
    rmSync(parent, { recursive: true, force: true });
    expect({ code: result.code, report: result.report, created }).toEqual({ code: 2, report: {}, created: false });
    expect(result.stderr).toMatch(/^no data directory at .*mistyped: check DATA_DIR/);
  }, 30_000);

  it('exits 2 on a DATA_DIR without an event log, creating neither log nor chain', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ccb-verify-'));
    const result = await verifyScript(dataDir);
    const left = readdirSync(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
    expect({ code: result.code, left }).toEqual({ code: 2, left: [] });
    expect(result.stderr).toMatch(/^no event log at .*events\.sqlite: check DATA_DIR/);
  }, 30_000);

  it('reports a removed chain file as chain-missing (exit 1) and does not create one', async () => {
    const dataDir = await stoppedService();
    rmSync(join(dataDir, 'audit-chain.sqlite'));
    const first = firstEvent(dataDir);
    const result = await verifyScript(dataDir);
    const recreated = existsSync(join(dataDir, 'audit-chain.sqlite'));
    rmSync(dataDir, { recursive: true, force: true });
    expect(recreated).toBe(false);
    expect(result.code).toBe(1);
    expect(result.report).toMatchObject({
      ok: false,
      checked: 0,
      firstBroken: { position: String(first.position), eventId: first.id, reason: 'chain-missing' },
    });
    expect(result.report['head']).toBeUndefined();
  }, 30_000);

  it('reports a chain emptied of its seals as chain-missing (exit 1)', async () => {
    const dataDir = await stoppedService();
    const chain = new Database(join(dataDir, 'audit-chain.sqlite'));
    chain.exec('DELETE FROM seals; DELETE FROM anchors; DELETE FROM sealed_at_start');
    chain.close();
    const result = await verifyScript(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
    expect(result.code).toBe(1);
    expect(result.report).toMatchObject({ ok: false, firstBroken: { reason: 'chain-missing' } });
  }, 30_000);
});
