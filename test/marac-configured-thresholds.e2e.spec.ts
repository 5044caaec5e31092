import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApi } from '../apps/api/src/create-api';
import { apiForSuite } from './support/api-suite';
import { peopleClient, type PeopleClient } from './support/people';
import { iomReferral, maracReferral, person } from './support/referrals';
import { inTestEnv } from './support/test-env';
import { ANALYST, COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

/** A borough whose MARAC hears DASH 10 and above, and counts a repeat within 18 months. */
const BOROUGH_CONTACT = { role: 'MARAC coordinator', email: 'marac@borough.example.org' };
const BOROUGH_MARAC = JSON.stringify([
  { code: 'MARAC', chair: 'DCI, safeguarding', contact: BOROUGH_CONTACT, dashThreshold: 10, repeatWindowMonths: 18 },
]);

// Synthetic victims only.
const victim = (forenames: string, dateOfBirth: string) =>
  person({ forenames, surname: 'Thresholdson', dateOfBirth, postcode: 'N17 9ZZ' });
/** DASH 12: below SafeLives' 14, at or above the borough's 10; nothing else ticked. */
const dash12 = (who: Record<string, unknown>, referredAt = '2024-05-02T09:00:00Z') =>
  maracReferral({ person: who, referredAt }, { perpetrator: undefined, dashScore: 12 });

interface MaracItem {
  readonly caseId: string;
  readonly marac: { readonly repeat: boolean; readonly repeatRecognisedLater: boolean };
}

describe('a MARAC configured by PANELS with its own thresholds and contact', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS }, { PANELS: BOROUGH_MARAC });

  it('lists the settings in force', async () => {
    const panels = await client.get('/v1/panels', tokens.coordinator).expect(200);
    const marac = (panels.body.items as { code: string }[]).find((panel) => panel.code === 'MARAC');
    expect(marac).toMatchObject({
      chair: 'DCI, safeguarding',
      contact: BOROUGH_CONTACT,
      rules: { kind: 'marac', dashThreshold: 10, policeCalloutsThreshold: 3, repeatWindowMonths: 18 },
    });
  });

  it('hears a DASH-12 referral as visible high risk, and names its contact on other panels’ markers', async () => {
    const ivy = victim('Ivy', '1988-03-14');
    const made = await client.refer(tokens.coordinator, dash12(ivy));
    const view = await client.get(`/v1/cases/${made.caseId}`, tokens.coordinator).expect(200);
    expect(view.body.details).toMatchObject({ kind: 'marac', criteriaMet: ['visible-high-risk'] });

    const iom = await client.refer(tokens.coordinator, iomReferral({}, { person: ivy }));
    expect(iom.personId).toBe(made.personId);
    const iomView = await client.get(`/v1/cases/${iom.caseId}`, tokens.coordinator).expect(200);
    expect(iomView.body.alsoKnownTo).toEqual([{ panel: 'MARAC', contact: BOROUGH_CONTACT }]);
  });
});

describe('the built-in MARAC, unconfigured', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS });

  it('refuses the same DASH-12 referral: 14 is the default threshold', async () => {
    const refused = await client.post('/v1/referrals', tokens.coordinator, dash12(victim('Iris', '1990-07-21')));
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ rule: 'marac-referral-criteria' });
    expect(JSON.stringify(refused.body)).toContain('DASH score 12 is below 14');
  });
});

/**
 * A referral's criteria and repeat are judged when it is made, under the thresholds then in force,
 * and recorded on it; a later setting decides new referrals only. The read models are rebuilt from
 * the log after the restart, so every replay is seen judging under the recorded thresholds.
 */
describe('a referral judged under one MARAC setting, after a restart under another', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccb-marac-settings-'));
  let app: NestExpressApplication | undefined;
  let client: PeopleClient;
  const token = { coordinator: '', analyst: '' };
  const start = async (env: Record<string, string>) => {
    const started = await inTestEnv(dataDir, env, () => createApi({ logger: false }));
    app = started;
    client = peopleClient({ app: started, dataDir, close: () => started.close() });
  };
  const tracked = async (caseId: string, asOf = '') => {
    const url = `/v1/panels/MARAC/cohort?limit=500${asOf === '' ? '' : `&asOf=${asOf}`}`;
    const response = await client.get(url, token.coordinator).expect(200);
    return (response.body.items as MaracItem[]).find((item) => item.caseId === caseId)?.marac;
  };
  const cases = { highRisk: '', repeat: '' };

  beforeAll(async () => {
    token.coordinator = await tokenFor(COORDINATOR_ALL_PANELS);
    token.analyst = await tokenFor(ANALYST);
    await start({ PANELS: BOROUGH_MARAC });
    cases.highRisk = (await client.refer(token.coordinator, dash12(victim('Opal', '1984-10-02')))).caseId;
    // Referred in January 2023; assaulted again 15 months later: a repeat within 18 months, not 12.
    const june = victim('June', '1992-01-30');
    await client.refer(
      token.coordinator,
      maracReferral({ person: june, referredAt: '2023-01-10T09:00:00Z' }, { perpetrator: undefined }),
    );
    const again = await client.refer(
      token.coordinator,
      maracReferral(
        { person: june, referredAt: '2024-05-02T09:00:00Z' },
        { perpetrator: undefined, dashScore: 6, criteria: ['repeat'], incidentAt: '2024-04-20T21:00:00Z' },
      ),
    );
    cases.repeat = again.caseId;
    await app?.close();
    app = undefined;
    // Rebuilt from the log under the default setting.
    for (const file of ['read-models.sqlite', 'read-models.sqlite-wal', 'read-models.sqlite-shm']) {
      rmSync(join(dataDir, file), { force: true });
    }
    await start({});
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the criteria met, and the thresholds they were judged against, on the case', async () => {
    const view = await client.get(`/v1/cases/${cases.highRisk}`, token.coordinator).expect(200);
    expect(view.body.details).toMatchObject({ criteriaMet: ['visible-high-risk'] });
    const events = await client.get(`/v1/cases/${cases.highRisk}/events`, token.coordinator).expect(200);
    expect(JSON.stringify(events.body)).toContain(
      '"thresholdsApplied":{"dashThreshold":10,"policeCalloutsThreshold":3,"repeatWindowMonths":18}',
    );
  });

  it('keeps the repeat on the tracker, live and as of a day, judged on the 18-month window it was made under', async () => {
    expect(await tracked(cases.repeat)).toEqual(
      expect.objectContaining({ repeat: true, repeatRecognisedLater: false }),
    );
    expect(await tracked(cases.repeat, '2024-05-31')).toEqual(
      expect.objectContaining({ repeat: true, repeatRecognisedLater: false }),
    );
  });

  it('keeps counting it a repeat in the repeat-rate report', async () => {
    const report = await client
      .get('/v1/analytics/marac/repeat-rate?from=2024-05-01&to=2024-05-31', token.analyst, null)
      .expect(200);
    expect(report.body).toMatchObject({ referrals: 2, repeats: 1, repeatsFlaggedAtReferral: 1 });
  });

  it('judges new referrals under the setting now in force', async () => {
    const refused = await client.post('/v1/referrals', token.coordinator, dash12(victim('Pearl', '1979-05-05')));
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('DASH score 12 is below 14');
  });
});
