import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { iomReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

/** A lowered v2 of the London policy, as an area might adopt one: 72/27 qualifies under it, not under v1. */
const LOWERED_V2 = {
  id: 'london-2021',
  version: 2,
  title: 'London IOM framework 2021, lowered thresholds',
  thresholds: { ogrsAlone: 70, ogrsWithRobberyOrBurglary: 45, ovpMinimum: 25 },
};

describe('IOM eligibility policy from configuration', () => {
  const policyDir = mkdtempSync(join(tmpdir(), 'iom-policy-'));
  afterAll(() => rmSync(policyDir, { recursive: true, force: true }));
  const policyFile = (name: string, policy: unknown): string => {
    const path = join(policyDir, name);
    writeFileSync(path, JSON.stringify(policy));
    return path;
  };

  describe('with a v2 policy configured in a file', () => {
    let api: TestApi;
    let token: string;
    beforeAll(async () => {
      api = await startTestApi({ IOM_ELIGIBILITY_POLICY_FILE: policyFile('v2.json', LOWERED_V2) });
      token = await tokenFor(COORDINATOR_ALL_PANELS);
    });
    afterAll(async () => {
      await api.close();
    });
    const http = () => request(api.app.getHttpServer());

    it('judges a referral under v2 and records v2 and its thresholds on the evaluation', async () => {
      const made = await http()
        .post('/v1/referrals')
        .set('Authorization', `Bearer ${token}`)
        .send(iomReferral({ ogrs2: 72, ovp2: 27 }, { person: person({ surname: 'Policytwo' }) }))
        .expect(201);
      expect(made.body.eligible).toBe(true);
      const view = await http()
        .get(`/v1/cases/${made.body.caseId}`)
        .set('Authorization', `Bearer ${token}`)
        .set('X-Purpose', 'case work')
        .expect(200);
      expect(view.body.details.eligibility).toMatchObject({
        policy: { id: 'london-2021', version: 2 },
        thresholds: LOWERED_V2.thresholds,
        eligible: true,
        ogrsRoute: 'ogrs-alone',
      });
      await http()
        .post(`/v1/cases/${made.body.caseId}/iom/adopt`)
        .set('Authorization', `Bearer ${token}`)
        .send({ reason: 'Eligible under the lowered thresholds; agreed at panel' })
        .expect(200);
    });

    it('shows the policy in force in the panel registry', async () => {
      const panels = await http().get('/v1/panels').set('Authorization', `Bearer ${token}`).expect(200);
      const iom = (panels.body.items as { code: string; rules: unknown }[]).find((p) => p.code === 'IOM');
      expect(iom?.rules).toEqual({ kind: 'iom', eligibilityPolicy: LOWERED_V2 });
    });
  });

  it('keeps the London 2021 policy when none is configured', async () => {
    const api = await startTestApi();
    try {
      const token = await tokenFor(COORDINATOR_ALL_PANELS);
      const made = await request(api.app.getHttpServer())
        .post('/v1/referrals')
        .set('Authorization', `Bearer ${token}`)
        .send(iomReferral({ ogrs2: 72, ovp2: 27 }, { person: person({ surname: 'Policyone' }) }))
        .expect(201);
      expect(made.body.eligible).toBe(false);
    } finally {
      await api.close();
    }
  });

  it('does not start on a policy file whose thresholds are inverted, naming the file, field and rule', async () => {
    const inverted = { ...LOWERED_V2, thresholds: { ogrsAlone: 60, ogrsWithRobberyOrBurglary: 65, ovpMinimum: 25 } };
    const path = policyFile('inverted.json', inverted);
    await expect(startTestApi({ IOM_ELIGIBILITY_POLICY_FILE: path })).rejects.toThrow(
      `IOM_ELIGIBILITY_POLICY_FILE (${path}): invalid panel registry: panel IOM: thresholds.ogrsWithRobberyOrBurglary (65) must not exceed thresholds.ogrsAlone (60)`,
    );
  });

  it('does not start on an inline policy with a missing threshold or a mistyped field', async () => {
    const { ovpMinimum: _dropped, ...twoThresholds } = LOWERED_V2.thresholds;
    const policy = { ...LOWERED_V2, verison: 3, thresholds: twoThresholds };
    const refused = startTestApi({ IOM_ELIGIBILITY_POLICY: JSON.stringify(policy) });
    await expect(refused).rejects.toThrow(
      'IOM_ELIGIBILITY_POLICY: thresholds.ovpMinimum must be a percentage from 0 to 100',
    );
    await expect(refused).rejects.toThrow('IOM_ELIGIBILITY_POLICY: verison is not a policy field');
  });

  it('refuses the London 2021 version 1 redefined with other thresholds: versions are immutable', async () => {
    const redefined = { ...LOWERED_V2, version: 1 };
    await expect(startTestApi({ IOM_ELIGIBILITY_POLICY: JSON.stringify(redefined) })).rejects.toThrow(
      /IOM_ELIGIBILITY_POLICY: version 1 of london-2021 is already defined with thresholds .*give the changed thresholds a new version/,
    );
  });

  it('refuses a policy given both inline and as a file', async () => {
    const path = policyFile('both.json', LOWERED_V2);
    await expect(
      startTestApi({ IOM_ELIGIBILITY_POLICY: JSON.stringify(LOWERED_V2), IOM_ELIGIBILITY_POLICY_FILE: path }),
    ).rejects.toThrow('IOM_ELIGIBILITY_POLICY and IOM_ELIGIBILITY_POLICY_FILE are both set: set one');
  });
});
