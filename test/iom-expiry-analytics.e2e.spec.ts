import request from 'supertest';
import { ukDateAt } from '../libs/case-lifecycle/src/domain/calendar';
import { uploadedToIom } from './support/iom-upload';
import { startTestApi, type TestApi } from './support/test-api';
import { ANALYST, tokenFor } from './support/tokens';

const HEADER = 'CRN,Forenames,Surname,Date of birth,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years';
// Synthetic people only; 80/40 meets the London 2021 core-cohort rule.
const ROWS = {
  ava: 'J400001,Ava,Expirytest,1990-02-01,80,40,N',
  bea: 'K400002,Bea,Expirytest,1985-06-15,80,40,N',
  cyd: 'L400003,Cyd,Expirytest,1992-11-30,80,40,N',
};

/**
 * A nominal missing from a monthly upload gets only an expiry flag (reason absent-from-upload),
 * no new evaluation. The live eligible-not-adopted list drops them; the IOM report and the
 * counterfactual's recorded baseline must drop them too, or the gap London could not explain is
 * overstated by everyone who has simply left the cohort.
 */
describe('IOM analytics and the live list agree once a nominal is absent from the upload (the real import)', () => {
  let api: TestApi;
  let coordinator: string;
  let analyst: string;
  beforeAll(async () => {
    api = await startTestApi();
    coordinator = await tokenFor({ sub: 'coord-iom-expiry', roles: ['coordinator'], panels: ['IOM'] });
    analyst = await tokenFor(ANALYST);
  });
  afterAll(async () => {
    await api.close();
  });

  const as = (token: string, url: string) =>
    request(api.app.getHttpServer())
      .get(url)
      .set('Authorization', `Bearer ${token}`)
      .set('X-Purpose', 'monthly core-cohort review');

  const importOf = async (month: string, rows: string[]): Promise<void> => {
    await uploadedToIom(api, coordinator, month, [HEADER, ...rows].join('\n'));
  };

  /** The live list's size once its projection has caught up with `expected` (or after 10 s). */
  const liveListSize = async (expected: number): Promise<number> => {
    let size = -1;
    for (let poll = 0; poll < 200 && size !== expected; poll++) {
      const res = await as(coordinator, '/v1/panels/IOM/eligible-not-adopted');
      expect(res.status).toBe(200);
      size = (res.body.items as unknown[]).length;
      if (size !== expected) await new Promise((r) => setTimeout(r, 50));
    }
    return size;
  };

  const today = ukDateAt(new Date());

  it('counts an absent nominal neither as awaiting a decision nor in the recorded baseline', async () => {
    await importOf('2024-03', [ROWS.ava, ROWS.bea, ROWS.cyd]);
    expect(await liveListSize(3)).toBe(3);
    await importOf('2024-04', [ROWS.ava, ROWS.cyd]);
    const live = await liveListSize(2);
    expect(live).toBe(2);

    const report = await as(analyst, `/v1/analytics/iom/cohort?from=2024-03-01&to=${today}`);
    expect(report.status).toBe(200);
    expect(report.body.eligibleNotAdopted.awaitingDecision).toBe(live);

    const counterfactual = await as(
      analyst,
      `/v1/analytics/iom/counterfactual?from=2024-03-01&to=${today}&ogrsAlone=75&ovpMinimum=0`,
    );
    expect(counterfactual.status).toBe(200);
    const last = counterfactual.body.months.at(-1);
    // Gone from the upload is out under any policy: no scores stand for her any more.
    expect(last).toMatchObject({ baseline: live, alternative: live, onlyAlternative: 0, onlyBaseline: 0 });
  });
});
