/**
 * Cutting the newest events off the log hides them without any hash work: delete the rows from
 * the log, their seals and the anchors recorded in the same chain file, and the chain that is left
 * is whole. The head kept off the machine is what an operator has against that, and a trail that
 * had processed further than the log now reaches gives it away too. Synthetic people and staff only.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import request from 'supertest';
import { maracReferral, person } from './support/referrals';
import { agreementBody, disclosureBody } from './support/sharing';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor, type TestUser } from './support/tokens';
import { verifyScript } from './support/verify-script';

const ADMIN: TestUser = { sub: 'ig-tail-cut', agency: 'Partnership Information Governance', roles: ['admin'] };
const COUNCIL: TestUser = {
  sub: 'council-tail-cut',
  agency: 'Haringey Council',
  roles: ['practitioner'],
  panels: ['ALLIANCE'],
};
const AUDITOR: TestUser = { sub: 'auditor-tail-cut', agency: 'ICO liaison', roles: ['auditor'] };

describe('audit verification after the log’s tail is cut', () => {
  const apis: TestApi[] = [];
  afterAll(async () => {
    await Promise.all(apis.map((api) => api.close()));
  });

  /**
   * A referral, an agreement, a share of the victim's address to Haringey Council and the council's
   * view of the case, verified once: answers the head that run printed and where the share is.
   */
  async function sharedAndViewed(): Promise<{ api: TestApi; anchor: string; sharedAt: number; auditor: string }> {
    const api = await startTestApi();
    apis.push(api);
    const server = api.app.getHttpServer();
    const coordinator = await tokenFor(COORDINATOR_ALL_PANELS);
    const [admin, council, auditor] = [await tokenFor(ADMIN), await tokenFor(COUNCIL), await tokenFor(AUDITOR)];
    const send = (token: string, method: 'get' | 'post', url: string, body?: object) => {
      const call = request(server)[method](url).set('Authorization', `Bearer ${token}`).set('X-Purpose', 'probe');
      return body === undefined ? call : call.send(body);
    };
    const referred = await send(
      coordinator,
      'post',
      '/v1/referrals',
      maracReferral({ person: person({ forenames: 'Wren', surname: 'Tailcut' }) }),
    ).expect(201);
    const caseId = referred.body.caseId as string;
    const dsa = await send(
      admin,
      'post',
      '/v1/sharing-agreements',
      agreementBody(['Metropolitan Police', 'Haringey Council']),
    ).expect(201);
    const shared = await send(
      coordinator,
      'post',
      '/v1/disclosures',
      disclosureBody(caseId, dsa.body.dsaId as string, { fields: ['status', 'address'] }),
    ).expect(201);
    await send(council, 'get', `/v1/cases/${caseId}`).expect(200);
    const verified = await send(auditor, 'get', '/v1/audit/verify').expect(200);
    expect(verified.body).toMatchObject({ ok: true, trail: { count: 0 } });
    const head = verified.body.head as { position: string; hash: string };
    return { api, anchor: `${head.position}:${head.hash}`, sharedAt: Number(shared.body.position), auditor };
  }

  /** Stops the service and deletes every row from `cut` on: events, seals, recorded anchors and trail rows. */
  async function cutFrom(api: TestApi, cut: number): Promise<void> {
    await api.app.close();
    apis.splice(apis.indexOf(api), 1);
    const events = new Database(join(api.dataDir, 'events.sqlite'));
    expect(events.prepare('DELETE FROM events WHERE position >= ?').run(cut).changes).toBeGreaterThan(1);
    events.close();
    const chain = new Database(join(api.dataDir, 'audit-chain.sqlite'));
    expect(chain.prepare('DELETE FROM seals WHERE position >= ?').run(cut).changes).toBeGreaterThan(1);
    chain.prepare('DELETE FROM anchors WHERE position >= ?').run(cut);
    expect(chain.prepare('SELECT count(*) FROM anchors WHERE position >= ?').pluck().get(cut)).toBe(0);
    chain.close();
    const readModels = new Database(join(api.dataDir, 'read-models.sqlite'));
    const version = readModels
      .prepare("SELECT version FROM projection_active WHERE name = 'audit_trail'")
      .pluck()
      .get();
    for (const table of ['entries', 'subjects'])
      readModels.prepare(`DELETE FROM audit_trail_v${String(version)}_${table} WHERE position >= ?`).run(cut);
    readModels.close();
  }

  it('is not ok, exit 1, when the log and its chain are cut back before the head kept off the machine', async () => {
    const { api, anchor, sharedAt } = await sharedAndViewed();
    const [anchoredAt] = anchor.split(':');
    await cutFrom(api, sharedAt);

    const withAnchor = await verifyScript(api.dataDir, ['--anchor', anchor]);
    expect(withAnchor.code).toBe(1);
    expect(withAnchor.report).toMatchObject({
      ok: false,
      // Positions count from 0: every event before the share is still there and checked.
      checked: sharedAt,
      firstBroken: { position: anchoredAt, reason: 'anchor-beyond-head' },
    });
    expect((withAnchor.report['firstBroken'] as { detail: string }).detail).toMatch(
      new RegExp(`no longer reaches a head recorded earlier \\(the newest seal is at ${sharedAt - 1}\\)`),
    );

    // Without the anchor the chain left is whole, but the trail had processed past the log's new end.
    const withoutAnchor = await verifyScript(api.dataDir);
    expect(withoutAnchor.code).toBe(1);
    expect(withoutAnchor.report['firstBroken']).toBeUndefined();
    expect(withoutAnchor.report).toMatchObject({
      ok: false,
      trail: { count: 1, problems: [{ reason: 'trail-ahead-of-log' }] },
    });
  }, 60_000);

  it('stays ok for an untouched log verified against its real head, by the script and the route', async () => {
    const { api, anchor, auditor } = await sharedAndViewed();
    const route = (query: Record<string, string>) =>
      request(api.app.getHttpServer())
        .get('/v1/audit/verify')
        .query(query)
        .set('Authorization', `Bearer ${auditor}`)
        .expect(200);
    expect((await route({ anchor })).body).toMatchObject({ ok: true, trail: { count: 0 } });
    // A head the log never reached is no head of this chain.
    expect((await route({ anchor: `999999:${'0'.repeat(64)}` })).body).toMatchObject({
      ok: false,
      firstBroken: { position: '999999', reason: 'anchor-beyond-head' },
    });
    await api.app.close();
    apis.splice(apis.indexOf(api), 1);
    const viaScript = await verifyScript(api.dataDir, ['--anchor', anchor]);
    expect({ code: viaScript.code, ok: viaScript.report['ok'] }).toEqual({ code: 0, ok: true });
  }, 60_000);
});
