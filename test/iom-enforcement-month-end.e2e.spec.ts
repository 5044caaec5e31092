import { apiForSuite } from './support/api-suite';
import { iomReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

interface IomItem {
  caseId: string;
  iom: { nonEngagementSince: string | null; unlocatedSince: string | null; enforcement: string[] };
}

/**
 * Enforcement is due once the months counted forward from the run's first day are reached: a run
 * from 30 November reaches three months on 28 February, one from 31 August six months on the same
 * day. Asked `asOf` those days, since the live tracker answers for the real clock's day.
 */
describe('IOM enforcement at the end of a month', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS });
  const post = async (url: string, body: object) =>
    expect((await client.post(url, tokens.coordinator, body)).status).toBe(200);
  const referred = async (forenames: string, dateOfBirth: string, referredAt: string): Promise<string> =>
    (
      await client.refer(
        tokens.coordinator,
        iomReferral({}, { referredAt, person: person({ forenames, surname: 'Monthend', dateOfBirth, sex: 'male' }) }),
      )
    ).caseId;
  const items = async (query: string): Promise<Map<string, IomItem['iom']>> => {
    const response = await client.get(`/v1/panels/IOM/cohort${query}`, tokens.coordinator).expect(200);
    return new Map((response.body.items as IomItem[]).map((item) => [item.caseId, item.iom]));
  };

  let lapsed: string;
  let missing: string;
  beforeAll(async () => {
    // Last engaging on 30 November 2024: three months on 28 February 2025.
    lapsed = await referred('Colm', '1990-07-07', '2024-09-02T10:00:00Z');
    await post(`/v1/cases/${lapsed}/engagement`, {
      level: 'some-engagement-and-motivation',
      occurredAt: '2024-11-30T12:00:00Z',
    });
    await post(`/v1/cases/${lapsed}/engagement`, {
      level: 'no-attendance-or-engagement',
      occurredAt: '2024-12-10T12:00:00Z',
    });
    // Unlocated from 31 August 2024: six months on 28 February 2025.
    missing = await referred('Idris', '1984-01-19', '2024-08-01T10:00:00Z');
    await post(`/v1/cases/${missing}/iom/whereabouts`, {
      whereabouts: 'unlocated',
      occurredAt: '2024-08-31T12:00:00Z',
    });
  });

  it('is not due on 27 February', async () => {
    const all = await items('?asOf=2025-02-27');
    expect(all.get(lapsed)).toMatchObject({ nonEngagementSince: '2024-11-30', enforcement: [] });
    expect(all.get(missing)).toMatchObject({ unlocatedSince: '2024-08-31', enforcement: [] });
    expect([...(await items('?asOf=2025-02-27&enforcement=background-checks')).keys()]).toEqual([]);
    expect([...(await items('?asOf=2025-02-27&enforcement=media-appeal')).keys()]).toEqual([]);
  });

  it('is due on 28 February, on the items and through the filter alike', async () => {
    const all = await items('?asOf=2025-02-28');
    expect(all.get(lapsed)).toMatchObject({ enforcement: ['background-checks'] });
    expect(all.get(missing)).toMatchObject({ enforcement: ['media-appeal'] });
    expect([...(await items('?asOf=2025-02-28&enforcement=background-checks')).keys()]).toEqual([lapsed]);
    expect([...(await items('?asOf=2025-02-28&enforcement=media-appeal')).keys()]).toEqual([missing]);
  });
});
