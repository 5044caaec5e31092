import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { GANGS_SGV_SETTINGS, MASE_SETTINGS } from '../libs/case-lifecycle/src/domain/testing/configured-panels';
import { ConfigError } from '../libs/platform/src/config/app-config';
import { person, referrer } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { tokenFor, type TestUser } from './support/tokens';

const MASE = MASE_SETTINGS;
const GANGS = GANGS_SGV_SETTINGS;

const MASE_COORDINATOR: TestUser = { sub: 'mase-1', roles: ['coordinator'], panels: ['MASE'] };
const GANGS_COORDINATOR: TestUser = { sub: 'sgv-1', roles: ['coordinator'], panels: ['GANGS-SGV'] };
const ANALYST: TestUser = { sub: 'analyst-mase', roles: ['analyst'] };

const child = person({ forenames: 'Riley', surname: 'Configson', dateOfBirth: '2009-03-03', postcode: 'N15 4AA' });
const referralTo = (panel: string) => ({
  panel,
  referredAt: '2024-05-02T09:00:00Z',
  referrer,
  reason: 'Seen with older males; missing from home twice this month',
  person: child,
});

describe('a panel added by PANELS_FILE runs the common lifecycle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'panels-'));
  let api: TestApi;
  let lastPosition = 0;
  const tokens = new Map<TestUser, string>();
  beforeAll(async () => {
    const file = join(dir, 'panels.json');
    writeFileSync(file, JSON.stringify([MASE, GANGS]));
    api = await startTestApi({ PANELS_FILE: file });
    for (const user of [MASE_COORDINATOR, GANGS_COORDINATOR, ANALYST]) tokens.set(user, await tokenFor(user));
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const send = async (user: TestUser, method: 'get' | 'post', url: string, body: object = {}) => {
    const call = request(api.app.getHttpServer())
      [method](url)
      .set('Authorization', `Bearer ${tokens.get(user) ?? ''}`)
      .set('X-Purpose', 'panel configuration test');
    const response = await (method === 'get' ? call.set('X-Min-Position', String(lastPosition)) : call.send(body));
    if (typeof response.body?.position === 'number') lastPosition = Math.max(lastPosition, response.body.position);
    return response;
  };

  it('lists the configured panels with the built-in ones', async () => {
    const panels = await send(MASE_COORDINATOR, 'get', '/v1/panels');
    expect(panels.status).toBe(200);
    expect(JSON.stringify(panels.body)).toContain('"MASE"');
    expect(JSON.stringify(panels.body)).toContain('"GANGS-SGV"');
    expect(JSON.stringify(panels.body)).toContain('"MAPPA"');
  });

  it('refers, accepts, meets, discusses, acts and closes a MASE case, for MASE members only', async () => {
    expect((await send(GANGS_COORDINATOR, 'post', '/v1/referrals', referralTo('MASE'))).status).toBe(403);
    const made = await send(MASE_COORDINATOR, 'post', '/v1/referrals', referralTo('MASE'));
    expect(made.status).toBe(201);
    const caseId = made.body.caseId as string;
    expect((await send(GANGS_COORDINATOR, 'post', `/v1/cases/${caseId}/accept`)).status).toBe(404);
    expect((await send(MASE_COORDINATOR, 'post', `/v1/cases/${caseId}/accept`)).status).toBe(200);

    const meetingBody = { panel: 'MASE', scheduledFor: '2024-05-10T10:00:00Z', chair: 'Head of safeguarding' };
    const refusedMeeting = await send(GANGS_COORDINATOR, 'post', '/v1/meetings', meetingBody);
    expect(refusedMeeting.status).toBe(403);
    const meeting = await send(MASE_COORDINATOR, 'post', '/v1/meetings', meetingBody);
    expect(meeting.status).toBe(201);
    const meetingId = meeting.body.meetingId as string;
    const listed = await send(MASE_COORDINATOR, 'post', `/v1/meetings/${meetingId}/cases`, {
      caseId,
      agencyRequests: [{ agency: 'Children social care', toBring: 'strategy discussion notes' }],
    });
    expect(listed.status).toBe(201);
    const agenda = await send(MASE_COORDINATOR, 'get', `/v1/meetings/${meetingId}/agenda`);
    expect(agenda.status).toBe(200);
    expect(agenda.body).toMatchObject({ panel: 'MASE', items: [{ caseId }] });
    expect((await send(GANGS_COORDINATOR, 'get', `/v1/meetings/${meetingId}/agenda`)).status).toBe(404);

    const attendance = [{ agency: 'Children social care', status: 'present' }];
    const discussed = await send(MASE_COORDINATOR, 'post', `/v1/cases/${caseId}/discussions`, {
      meetingId,
      occurredAt: '2024-05-10T11:00:00Z',
      attendance,
      summary: 'Exploitation risk from older peers',
      decisions: ['Disruption plan with police'],
    });
    expect(discussed.status).toBe(200);
    const held = await send(MASE_COORDINATOR, 'post', `/v1/meetings/${meetingId}/held`, {
      occurredAt: '2024-05-10T12:00:00Z',
      attendance,
      casesDiscussed: [caseId],
    });
    expect(held.status).toBe(200);
    const action = await send(MASE_COORDINATOR, 'post', `/v1/cases/${caseId}/actions`, {
      description: 'Return-home interview',
      ownerAgency: 'Children social care',
      dueBy: '2024-05-24',
      meetingId,
      occurredAt: '2024-05-10T11:00:00Z',
    });
    expect(action.status).toBe(201);

    const tracker = await send(MASE_COORDINATOR, 'get', '/v1/panels/MASE/cohort');
    expect(tracker.status).toBe(200);
    expect(tracker.body.items).toEqual([expect.objectContaining({ caseId })]);
    expect((await send(GANGS_COORDINATOR, 'get', '/v1/panels/MASE/cohort')).status).toBe(403);
    expect((await send(GANGS_COORDINATOR, 'get', `/v1/cases/${caseId}`)).status).toBe(404);

    const early = await send(MASE_COORDINATOR, 'post', `/v1/cases/${caseId}/close`, { exitStatus: 'objectives-met' });
    expect(early.status).toBe(409);
    expect(early.body.rule).toBe('action-plan-done');
    const completed = await send(
      MASE_COORDINATOR,
      'post',
      `/v1/cases/${caseId}/actions/${action.body.actionId}/complete`,
    );
    expect(completed.status).toBe(200);
    const closed = await send(MASE_COORDINATOR, 'post', `/v1/cases/${caseId}/close`, { exitStatus: 'objectives-met' });
    expect(closed.status).toBe(200);
    expect((await send(MASE_COORDINATOR, 'get', '/v1/panels/MASE/cohort')).body.items).toEqual([]);
  });

  it('names a configured panel\'s contact on another panel\'s "also known to" marker', async () => {
    const mase = await send(MASE_COORDINATOR, 'post', '/v1/referrals', referralTo('MASE'));
    expect(mase.status).toBe(201);
    const gangs = await send(GANGS_COORDINATOR, 'post', '/v1/referrals', referralTo('GANGS-SGV'));
    expect(gangs.status).toBe(201);
    expect(gangs.body.personId).toBe(mase.body.personId);
    const view = await send(GANGS_COORDINATOR, 'get', `/v1/cases/${gangs.body.caseId}`);
    expect(view.status).toBe(200);
    expect(view.body.alsoKnownTo).toEqual([{ panel: 'MASE', contact: MASE.contact }]);
  });

  it("counts a configured panel's cohort as of a day", async () => {
    const cohort = await send(ANALYST, 'get', '/v1/analytics/cohort?panel=MASE&asOf=2024-06-01');
    expect(cohort.status).toBe(200);
    // Both MASE referrals above were made before the day and not yet decided or closed on it.
    expect(cohort.body).toMatchObject({ panel: 'MASE', openCases: 2, people: 1 });
  });

  it('exports a configured panel, and refuses a panel not in the registry rather than export nobody', async () => {
    const unknown = await send(ANALYST, 'post', '/v1/jobs/export', {
      from: '2024-01-01',
      to: '2024-12-31',
      panels: ['MASE', 'NOSUCH'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'panels[1]', rule: 'known-panel' })]);
    const known = await send(ANALYST, 'post', '/v1/jobs/export', {
      from: '2024-01-01',
      to: '2024-12-31',
      panels: ['MASE'],
    });
    expect(known.status).toBe(202);
  });
});

describe('a bad PANELS_FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'panels-bad-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops the API before it starts, naming the variable, the panel, the field and the rule', async () => {
    const file = join(dir, 'panels.json');
    writeFileSync(
      file,
      JSON.stringify([
        { ...MASE, frequency: 'daily' },
        { code: 'MARAC', dashThreshold: 30 },
        { ...MASE, code: 'IOM' },
      ]),
    );
    // Closed if it did start, so a regression fails here instead of holding the run open.
    const refusal = await startTestApi({ PANELS_FILE: file }).then(
      async (api) => api.close(),
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(ConfigError);
    expect(refusal).toMatchObject({
      problems: [
        `PANELS_FILE (${file}): panels[0] (MASE) frequency must be one of weekly, fortnightly, monthly, six-weekly, quarterly, as-needed (got "daily")`,
        `PANELS_FILE (${file}): panels[1] (MARAC) dashThreshold must be a whole number from 1 to 24, the DASH checklist having 24 questions (got 30)`,
        `PANELS_FILE (${file}): panels[2] (IOM) name is not a setting of the built-in IOM panel: it takes chair, leadAgency, frequency, contact (its kind, name, statuses and rules are code; its eligibility policy is IOM_ELIGIBILITY_POLICY)`,
        `PANELS_FILE (${file}): panels[2] (IOM) statutory is not a setting of the built-in IOM panel: it takes chair, leadAgency, frequency, contact (its kind, name, statuses and rules are code; its eligibility policy is IOM_ELIGIBILITY_POLICY)`,
      ],
    });
  });
});

describe('a bad PANELS given to the worker', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'panels-worker-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops the worker process before it starts, with the same refusal as the API', () => {
    // The worker's own entry point, as `npm run start:worker` runs it (from source here), so the
    // check it makes before Nest builds anything is the one exercised.
    const worker = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(__dirname, '..', 'apps', 'worker', 'src', 'main.ts')],
      {
        env: {
          ...process.env,
          DATA_DIR: dataDir,
          REDIS_URL: 'redis://127.0.0.1:1',
          PANELS: JSON.stringify([{ code: 'MARAC', dashThreshold: 30 }]),
          LOG_LEVEL: 'silent',
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(worker.status).toBe(1);
    expect(worker.stderr).toContain(
      'PANELS: panels[0] (MARAC) dashThreshold must be a whole number from 1 to 24, the DASH checklist having 24 questions (got 30)',
    );
  }, 70_000);
});
