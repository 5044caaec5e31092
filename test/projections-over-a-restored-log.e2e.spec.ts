import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { tokenFor, type TestUser } from './support/tokens';

const ADMIN: TestUser = { sub: 'ig-rl', agency: 'Partnership Information Governance', roles: ['admin'] };
const MARAC_COORDINATOR: TestUser = {
  sub: 'marac-rl',
  agency: 'Metropolitan Police',
  roles: ['coordinator'],
  panels: ['MARAC'],
};
const COUNCIL_WORKER: TestUser = {
  sub: 'council-rl',
  agency: 'Haringey Council',
  roles: ['practitioner'],
  panels: ['ALLIANCE'],
};
const SAFEGUARDING = {
  regime: 'uk-gdpr',
  article6: 'e-public-task',
  article9: 'g-substantial-public-interest',
  schedule1: ['para-18-safeguarding-children-and-individuals-at-risk'],
};

// Synthetic people only.
const kept = person({ forenames: 'Morwenna', surname: 'Pascoe', dateOfBirth: '1986-03-09', postcode: 'N15 4QR' });
const lost = person({ forenames: 'Tamsin', surname: 'Rowse', dateOfBirth: '1991-10-27', postcode: 'N17 2LE' });

const LOG_FILES = ['events.sqlite', 'events.sqlite-wal', 'events.sqlite-shm'];

/**
 * events.sqlite is restored from last night's backup, read-models.sqlite is not: the read models
 * hold a case referred since, and a disclosure made since, that the log does not. Served, they
 * would list a case that answers 404 and open a case to an agency on a disclosure never recorded.
 */
describe('read models ahead of a log restored from an older backup', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccb-restored-'));
  const backup = mkdtempSync(join(tmpdir(), 'ccb-backup-'));
  const tokens = new Map<TestUser, string>();
  let api: TestApi | undefined;
  let keptCase: string;
  let lostCase: string;
  /** The position the lost referral reached: a client holding it reads with it after the restore. */
  let lostPosition: number;
  /** The last position written, which reads wait for; none once the log is restored: it never held them. */
  let position: number | undefined = 0;

  const send = async (user: TestUser, method: 'get' | 'post', url: string, body?: object) => {
    if (api === undefined) throw new Error('no API running');
    const call = request(api.app.getHttpServer())
      [method](url)
      .set('Authorization', `Bearer ${tokens.get(user) ?? ''}`)
      .set('X-Purpose', 'restore drill');
    const read = position === undefined ? call : call.set('X-Min-Position', String(position));
    const response = await (method === 'post' ? call.send(body) : read);
    if (position !== undefined && typeof response.body?.position === 'number')
      position = Math.max(position, response.body.position);
    return response;
  };
  const startOnDataDir = async () => {
    // Longer than Jest gives a test: a read that waited it out would fail by its time limit, not answer.
    api = await startTestApi({ DATA_DIR: dataDir, READ_YOUR_WRITES_TIMEOUT_MS: '60000' });
  };
  const stop = async () => {
    await api?.close();
    api = undefined;
  };
  const copyLog = (from: string, to: string) => {
    for (const file of LOG_FILES) {
      rmSync(join(to, file), { force: true });
      if (existsSync(join(from, file))) copyFileSync(join(from, file), join(to, file));
    }
  };

  beforeAll(async () => {
    for (const user of [ADMIN, MARAC_COORDINATOR, COUNCIL_WORKER]) tokens.set(user, await tokenFor(user));
    await startOnDataDir();
    const signed = await send(ADMIN, 'post', '/v1/sharing-agreements', {
      title: 'Police and council DSA',
      parties: ['Metropolitan Police', 'Haringey Council'],
      purpose: 'Safeguarding adults at risk',
      lawfulBasis: SAFEGUARDING,
      reviewDate: '2030-04-01',
      inForceFrom: '2024-01-01',
    });
    expect(signed.status).toBe(201);
    const referred = await send(MARAC_COORDINATOR, 'post', '/v1/referrals', maracReferral({ person: kept }));
    expect(referred.status).toBe(201);
    keptCase = referred.body.caseId as string;
    expect((await send(MARAC_COORDINATOR, 'get', '/v1/panels/MARAC/cohort')).status).toBe(200);
    await stop();
    copyLog(dataDir, backup);

    // After the backup: a disclosure of her case to the council, and another referral.
    await startOnDataDir();
    const shared = await send(MARAC_COORDINATOR, 'post', '/v1/disclosures', {
      toAgency: 'Haringey Council',
      caseId: keptCase,
      fields: ['status'],
      purpose: 'Safety planning',
      lawfulBasis: SAFEGUARDING,
      dsaId: signed.body.dsaId,
      consent: { given: true },
    });
    expect(shared.status).toBe(201);
    const later = await send(MARAC_COORDINATOR, 'post', '/v1/referrals', maracReferral({ person: lost }));
    expect(later.status).toBe(201);
    lostCase = later.body.caseId as string;
    lostPosition = later.body.position as number;
    expect((await send(COUNCIL_WORKER, 'get', `/v1/cases/${keptCase}`)).status).toBe(200);
    expect(JSON.stringify((await send(MARAC_COORDINATOR, 'get', '/v1/panels/MARAC/cohort')).body)).toContain(lostCase);
    await stop();

    copyLog(backup, dataDir);
    position = undefined;
    await startOnDataDir();
  });
  afterAll(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(backup, { recursive: true, force: true });
  });

  const refusedAsFromAnotherLog = (answer: request.Response) => {
    expect({ status: answer.status, rule: answer.body.rule }).toEqual({ status: 503, rule: 'read-model-other-log' });
    expect(answer.headers['retry-after']).toBeDefined();
    expect(JSON.stringify(answer.body)).not.toMatch(/Rowse|Pascoe/);
  };

  it('does not list the case the log lost in the cohort tracker', async () => {
    expect((await send(MARAC_COORDINATOR, 'get', `/v1/cases/${lostCase}`)).status).toBe(404);
    refusedAsFromAnotherLog(await send(MARAC_COORDINATOR, 'get', '/v1/panels/MARAC/cohort'));
  });

  it('does not open a case to an agency on a disclosure the log does not hold', async () => {
    refusedAsFromAnotherLog(await send(COUNCIL_WORKER, 'get', `/v1/cases/${keptCase}`));
  });

  it('refuses a read sent with X-Min-Position at once, as it refuses it without, and holds up no route reading none', async () => {
    const server = api?.app.getHttpServer();
    if (server === undefined) throw new Error('no API running');
    const readAt = (user: TestUser, url: string, at: number) =>
      request(server)
        .get(url)
        .set('Authorization', `Bearer ${tokens.get(user) ?? ''}`)
        .set('X-Purpose', 'restore drill')
        .set('X-Min-Position', String(at));
    refusedAsFromAnotherLog(await readAt(MARAC_COORDINATOR, '/v1/panels/MARAC/cohort', 0));
    refusedAsFromAnotherLog(await readAt(COUNCIL_WORKER, `/v1/cases/${keptCase}`, lostPosition));
    expect((await readAt(ADMIN, '/v1/jobs', lostPosition)).status).toBe(200);
  });

  it('lists every view in /ready as failed, saying to rebuild all projections', async () => {
    if (api === undefined) throw new Error('no API running');
    const ready = await request(api.app.getHttpServer()).get('/ready');
    expect(ready.status).toBe(200);
    const projections = ready.body.projections as { name: string; version: number; state: string; error: string }[];
    expect(projections.length).toBeGreaterThan(0);
    for (const projection of projections) {
      expect(projection).toMatchObject({ state: 'failed', error: expect.stringMatching(/another event log/) });
      expect(projection.error).toContain('npm run projections:rebuild (all projections)');
    }
    expect(ready.body.degraded).toEqual(projections.map(({ name, version, state }) => ({ name, version, state })));
  });
});
