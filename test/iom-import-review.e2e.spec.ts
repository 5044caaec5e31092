import { apiForSuite } from './support/api-suite';
import { uploadedToIom } from './support/iom-upload';

const HEADER =
  'CRN,PNC,Forenames,Surname,Date of birth,Postcode,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years';
// Synthetic: one man probation lists under two CRNs; the same PNC, so the matcher asks a reviewer.
const ALFIE = 'A300001,2005/0001001N,Alfie,Ogrsalone,1990-01-01,,80,40,N';
const ALFIE_AGAIN = 'A300011,2005/0001001N,Alfie,Ogrsalone,1990-01-01,,80,40,N';

describe('iom-import: a row in the matcher’s review band (the real API, embedded runner)', () => {
  const { api, client, tokens } = apiForSuite({
    coordinator: { sub: 'coord-iom', roles: ['coordinator'], panels: ['IOM'] },
  });
  const purpose = 'monthly core-cohort review';

  const imported = (month: string, ...rows: string[]) =>
    uploadedToIom(api, tokens.coordinator, month, [HEADER, ...rows].join('\n'));
  const reviewQueue = async (expected: number) => {
    for (const until = Date.now() + 10_000; ; ) {
      const listed = await client.get('/v1/people/match-reviews', tokens.coordinator, purpose);
      if (listed.body.total === expected || Date.now() > until) return listed;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('registers the second CRN’s person and puts the pair in the review queue, with no bad row', async () => {
    expect(await imported('2024-01', ALFIE)).toMatchObject({ state: 'completed', result: { summary: { new: 1 } } });
    const february = await imported('2024-02', ALFIE, ALFIE_AGAIN);
    expect(february).toMatchObject({ state: 'completed', result: { summary: { rows: 2, bad: 0 } } });
    const badRows = february.result.files.find((f: { name: string }) => f.name === 'bad-rows.csv');
    if (badRows !== undefined) {
      const report = await client.get(badRows.href, tokens.coordinator, purpose);
      expect(report.text).not.toContain('person-unresolved');
    }

    const queue = await reviewQueue(1);
    expect(queue.status).toBe(200);
    expect(queue.body.total).toBe(1);
    const [review] = queue.body.items as { personIds: string[] }[];
    expect(new Set(review?.personIds).size).toBe(2);
  });
});
