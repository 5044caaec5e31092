import request from 'supertest';
import { iomReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

/** A lowered v2 of the London policy: 72/27 qualifies under it, not under v1 (75/50/30). */
const LOWERED_V2 = {
  id: 'london-2021',
  version: 2,
  title: 'London IOM framework 2021, lowered thresholds',
  thresholds: { ogrsAlone: 70, ogrsWithRobberyOrBurglary: 45, ovpMinimum: 25 },
};

describe('the counterfactual-cohort job names the configured IOM policy', () => {
  let api: TestApi;
  let analyst: string;
  const http = () => request(api.app.getHttpServer());
  beforeAll(async () => {
    api = await startTestApi({ IOM_ELIGIBILITY_POLICY: JSON.stringify(LOWERED_V2) });
    analyst = await tokenFor({ sub: 'analyst-1', roles: ['analyst'] });
    const coordinator = await tokenFor(COORDINATOR_ALL_PANELS);
    // Synthetic person, referred in March 2024 and eligible only under the lowered thresholds.
    await http()
      .post('/v1/referrals')
      .set('Authorization', `Bearer ${coordinator}`)
      .send(iomReferral({ ogrs2: 72, ovp2: 27 }, { person: person({ surname: 'Counterfactualtwo' }) }))
      .expect(201);
  });
  afterAll(async () => {
    await api.close();
  });

  const runJob = async (body: object) => {
    const started = await http()
      .post('/v1/jobs/counterfactual-cohort')
      .set('Authorization', `Bearer ${analyst}`)
      .send({ from: '2024-03-01', to: '2024-03-31', ...body })
      .expect(202);
    const until = Date.now() + 15_000;
    for (;;) {
      const job = (await http().get(`/v1/jobs/${started.body.id}`).set('Authorization', `Bearer ${analyst}`)).body;
      if (['completed', 'failed', 'cancelled'].includes(job.state)) return job;
      if (Date.now() > until) throw new Error(`counterfactual still ${job.state}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('reads "london-2021" as the version in force: the recorded v2 cohort is unchanged under it', async () => {
    const job = await runJob({ policy: 'london-2021' });
    expect(job.state).toBe('completed');
    expect(job.result.summary.alternative).toEqual({ id: 'london-2021', thresholds: LOWERED_V2.thresholds });
    expect(job.result.summary.months).toEqual([
      expect.objectContaining({ month: '2024-03', baseline: 1, alternative: 1, inBoth: 1, onlyBaseline: 0 }),
    ]);
  });

  it('refuses a baseline that names no policy with 400 naming the field and rule, never a failed job', async () => {
    const refused = await http()
      .post('/v1/jobs/counterfactual-cohort')
      .set('Authorization', `Bearer ${analyst}`)
      .send({ from: '2024-03-01', to: '2024-03-31', policy: 'london-2021', baseline: 'toString' })
      .expect(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'baseline', rule: 'known-policy' })]);
  });
});
