import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { apiForSuite } from './support/api-suite';
import { uploadedToIom } from './support/iom-upload';

const HEADER =
  'CRN,PNC,Forenames,Surname,Date of birth,Postcode,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years';
// Synthetic: one man probation lists under two CRNs; the same PNC, so the matcher proposes the pair.
const ALFIE = 'A300001,2005/0001001N,Alfie,Ogrsalone,1990-01-01,,80,40,N';
const ALFIE_AGAIN = 'A300011,2005/0001001N,Alfie,Ogrsalone,1990-01-01,,80,40,N';

describe('iom-import: a row in the matcher’s review band (the real API, embedded runner)', () => {
  const { api, client, tokens } = apiForSuite({
    coordinator: { sub: 'coord-iom', roles: ['coordinator'], panels: ['IOM'] },
  });
  const purpose = 'monthly core-cohort review';

  const imported = (month: string, ...rows: string[]) =>
    uploadedToIom(api, tokens.coordinator, month, [HEADER, ...rows].join('\n'));
  /** The proposal the import recorded, once the person index shows it to the coordinator. */
  const proposed = async () => {
    for (const until = Date.now() + 10_000; ; ) {
      const [proposal] = (await api.app.get<symbol, EventStore>(EVENT_STORE).readAll({}))
        .filter((event) => event.type === 'match-proposed')
        .map((event) => event.data as { proposalId: string });
      const review =
        proposal === undefined
          ? undefined
          : await client.get(`/v1/people/match-reviews/${proposal.proposalId}`, tokens.coordinator, purpose);
      if (review?.status === 200 || Date.now() > until) return review;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('registers the second CRN’s person and proposes the pair, with no bad row', async () => {
    expect(await imported('2024-01', ALFIE)).toMatchObject({ state: 'completed', result: { summary: { new: 1 } } });
    const february = await imported('2024-02', ALFIE, ALFIE_AGAIN);
    expect(february).toMatchObject({ state: 'completed', result: { summary: { rows: 2, bad: 0 } } });
    const badRows = february.result.files.find((f: { name: string }) => f.name === 'bad-rows.csv');
    if (badRows !== undefined) {
      const report = await client.get(badRows.href, tokens.coordinator, purpose);
      expect(report.text).not.toContain('person-unresolved');
    }

    const review = await proposed();
    expect(review?.status).toBe(200);
    expect(new Set(review?.body.personIds).size).toBe(2);
    // Two CRNs are two people to the merge rule, so no reviewer could confirm it: it waits outside the queue.
    expect(review?.body).toMatchObject({ status: 'open', notInQueue: { rule: 'identifier-conflict', kinds: ['crn'] } });
    const queue = await client.get('/v1/people/match-reviews', tokens.coordinator, purpose).expect(200);
    expect(queue.body.total).toBe(0);
  });
});
