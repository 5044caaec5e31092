import request from 'supertest';
import { ukDateAt } from '../libs/case-lifecycle/src/domain/calendar';
import { uploadedToIom } from './support/iom-upload';
import { startTestApi, type TestApi } from './support/test-api';
import { ANALYST, tokenFor } from './support/tokens';

type CohortItem = { readonly caseId: string; readonly displayName: string };

const HEADER = 'CRN,Forenames,Surname,Date of birth,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years';
// Synthetic people only; 80/40 meets the London 2021 core-cohort rule.
const ROWS = {
  ada: 'E330001,Adaeze,Stalecf,1990-02-01,80,40,N',
  ben: 'F330002,Benedek,Stalecf,1985-06-15,80,40,N',
  cal: 'G330003,Calloway,Stalecf,1988-03-03,80,40,N',
};

/**
 * A nominal the monthly upload stops listing is out of the counterfactual's cohorts from that
 * upload's date, whatever the panel decided. The import flags only an open case; a rejected one
 * hears nothing, and its last eligible evaluation used to count for good, so the eligible cohort
 * analysts compare policies against only grew.
 */
describe('IOM counterfactual once the upload stops listing a nominal the panel rejected', () => {
  let api: TestApi;
  let coordinator: string;
  let analyst: string;
  beforeAll(async () => {
    api = await startTestApi();
    coordinator = await tokenFor({ sub: 'coord-iom-cf-rejected', roles: ['coordinator'], panels: ['IOM'] });
    analyst = await tokenFor(ANALYST);
  });
  afterAll(async () => {
    await api.close();
  });

  const call = (method: 'get' | 'post', url: string, token = coordinator) =>
    request(api.app.getHttpServer())
      [method](url)
      .set('Authorization', `Bearer ${token}`)
      .set('X-Purpose', 'monthly core-cohort review');

  const importOf = async (month: string, rows: string[]): Promise<Readonly<Record<string, unknown>>> =>
    (await uploadedToIom(api, coordinator, month, [HEADER, ...rows].join('\n'))).result.summary;

  it('drops a rejected nominal from the recorded and alternative cohorts, as it drops an adopted one', async () => {
    await importOf('2026-09', [ROWS.ada, ROWS.ben, ROWS.cal]);
    const items = (await call('get', '/v1/panels/IOM/cohort?limit=500').expect(200)).body.items as CohortItem[];
    const caseOf = (forename: string): string => {
      const found = items.find((item) => item.displayName.startsWith(forename));
      if (found === undefined) throw new Error(`${forename} has no IOM case`);
      return found.caseId;
    };
    await call('post', `/v1/cases/${caseOf('Adaeze')}/iom/reject`)
      .send({ category: 'capacity' })
      .expect(200);
    await call('post', `/v1/cases/${caseOf('Benedek')}/iom/adopt`)
      .send({ reason: 'Agreed' })
      .expect(200);

    // October's file lists only Calloway: the upload itself reports Adaeze and Benedek expired.
    expect(await importOf('2026-10', [ROWS.cal])).toMatchObject({ expired: 2, unchanged: 1 });

    const today = ukDateAt(new Date());
    const counterfactual = await call(
      'get',
      `/v1/analytics/iom/counterfactual?from=${today.slice(0, 8)}01&to=${today}` +
        '&ogrsAlone=75&ogrsWithRobberyOrBurglary=50&ovpMinimum=30',
      analyst,
    ).expect(200);
    const month = counterfactual.body.months.at(-1);
    // Only Calloway is still listed; Adaeze (rejected) is out like Benedek (adopted, flagged).
    expect({ baseline: month.baseline, alternative: month.alternative, inBoth: month.inBoth }).toEqual({
      baseline: 1,
      alternative: 1,
      inBoth: 1,
    });
  });
});
