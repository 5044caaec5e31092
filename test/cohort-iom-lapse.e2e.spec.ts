import request from 'supertest';
import { ukDateAt } from '../libs/case-lifecycle/src/domain/calendar';
import { uploadedToIom } from './support/iom-upload';
import { startTestApi, type TestApi } from './support/test-api';
import { tokenFor } from './support/tokens';

const HEADER = 'CRN,Forenames,Surname,Date of birth,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years';
// Synthetic people only. 80/40 meets the London 2021 core-cohort rule; 30/10 does not.
const ADA = (scores: string) => `E300001,Ada,Lapsetest,1990-02-01,${scores}`;
const BEN = 'F300002,Ben,Lapsetest,1985-06-15,80,40,N';
const CAL = 'G300003,Cal,Lapsetest,1992-11-30,80,40,N';
const DAN = 'H300004,Dan,Lapsetest,1988-03-03,80,40,N';
const ELIGIBLE = '80,40,N';
const NOT_ELIGIBLE = '30,10,N';
const MARCH = [HEADER, ADA(ELIGIBLE), BEN, CAL, DAN].join('\n');
// Ada's scores fell; Ben and Cal are no longer in the probation upload.
const APRIL = [HEADER, ADA(NOT_ELIGIBLE), DAN].join('\n');
// Probation's corrected April file: Ada's fall was a keying error.
const APRIL_CORRECTED = [HEADER, ADA(ELIGIBLE), DAN].join('\n');

/**
 * "Eligible but not adopted" is the gap London could not explain. Someone whose eligibility has
 * lapsed since (the monthly upload scores them below the rule, or no longer lists them) is not
 * in it, whether the panel rejected their referral or has not decided yet.
 */
describe('IOM eligible-not-adopted after the core cohort moves on (the real import)', () => {
  let api: TestApi;
  let coordinator: string;
  beforeAll(async () => {
    api = await startTestApi();
    coordinator = await tokenFor({ sub: 'coord-iom-lapse', roles: ['coordinator'], panels: ['IOM'] });
  });
  afterAll(async () => {
    await api.close();
  });

  const get = (url: string) =>
    request(api.app.getHttpServer())
      .get(url)
      .set('Authorization', `Bearer ${coordinator}`)
      .set('X-Purpose', 'monthly core-cohort review');

  const imported = async (month: string, csv: string): Promise<void> => {
    await uploadedToIom(api, coordinator, month, csv);
  };

  type Item = { caseId: string; displayName: string; iom: { decision: string | null } };
  const namesIn = (items: Item[]) => items.map((item) => item.displayName).sort();

  /** The live list once the projection has caught up with `expected` (or the last answer after 10 s). */
  const listedEventually = async (expected: string[]): Promise<Item[]> => {
    const until = Date.now() + 10_000;
    for (;;) {
      const res = await get('/v1/panels/IOM/eligible-not-adopted');
      expect(res.status).toBe(200);
      const items = res.body.items as Item[];
      if (JSON.stringify(namesIn(items)) === JSON.stringify(expected) || Date.now() > until) return items;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const asOfToday = async (): Promise<string[]> => {
    const res = await get(`/v1/panels/IOM/cohort?eligibility=eligible-not-adopted&asOf=${ukDateAt(new Date())}`);
    expect(res.status).toBe(200);
    return namesIn(res.body.items as Item[]);
  };

  const reject = async (caseId: string): Promise<void> => {
    const res = await request(api.app.getHttpServer())
      .post(`/v1/cases/${caseId}/iom/reject`)
      .set('Authorization', `Bearer ${coordinator}`)
      .send({ category: 'capacity', reason: 'No IOM capacity this quarter' });
    expect(res.status).toBe(200);
  };

  it('drops a rejected or undecided referral once the upload no longer has the person eligible, and lists it again when a later upload does', async () => {
    await imported('2024-03', MARCH);
    const all = ['Ada Lapsetest', 'Ben Lapsetest', 'Cal Lapsetest', 'Dan Lapsetest'];
    const march = await listedEventually(all);
    expect(namesIn(march)).toEqual(all);
    const caseOf = (name: string) => march.find((item) => item.displayName === name)?.caseId ?? 'missing';
    for (const name of ['Ada Lapsetest', 'Ben Lapsetest', 'Dan Lapsetest']) await reject(caseOf(name));
    const rejected = await listedEventually(all);
    expect(rejected.filter((item) => item.iom.decision === 'rejected').map((item) => item.displayName)).toHaveLength(3);

    // Ada scored below the rule, Ben and Cal were absent; Dan stays eligible, so stays listed.
    await imported('2024-04', APRIL);
    expect(namesIn(await listedEventually(['Dan Lapsetest']))).toEqual(['Dan Lapsetest']);
    expect(await asOfToday()).toEqual(['Dan Lapsetest']);
    // Still rejected, with the reason: the lapse changes what the gap counts, not the record.
    const rejections = await get('/v1/panels/IOM/cohort?eligibility=rejected');
    expect(namesIn(rejections.body.items as Item[])).toEqual(['Ada Lapsetest', 'Ben Lapsetest', 'Dan Lapsetest']);

    // The corrected file has Ada eligible again: her rejection is back in the gap, with no new referral.
    await imported('2024-04', APRIL_CORRECTED);
    const corrected = await listedEventually(['Ada Lapsetest', 'Dan Lapsetest']);
    expect(namesIn(corrected)).toEqual(['Ada Lapsetest', 'Dan Lapsetest']);
    expect(corrected.find((item) => item.displayName === 'Ada Lapsetest')?.caseId).toBe(caseOf('Ada Lapsetest'));
    expect(await asOfToday()).toEqual(['Ada Lapsetest', 'Dan Lapsetest']);
  });
});
