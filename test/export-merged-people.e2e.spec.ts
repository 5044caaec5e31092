import { maracReferral } from './support/referrals';
import { peopleClient } from './support/people';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

/**
 * The research export names people as the log knows them when it runs: a victim referred twice
 * under two records has one pseudonym once a reviewer confirms they are one woman, and two again
 * after a restoring split. Synthetic victim only.
 */
describe('pseudonymised export across a confirmed match and a restoring split (the real API)', () => {
  let api: TestApi;
  let client: ReturnType<typeof peopleClient>;
  let coordinator: string;
  let analyst: string;
  beforeAll(async () => {
    api = await startTestApi();
    client = peopleClient(api);
    coordinator = await tokenFor(COORDINATOR_ALL_PANELS);
    analyst = await tokenFor({ sub: 'analyst-1', roles: ['analyst'] });
  });
  afterAll(async () => {
    await api.close();
  });

  const recordedAs = (dateOfBirth: string, postcode: string) => ({
    forenames: 'Morwenna',
    surname: 'Penhallow',
    dateOfBirth,
    sex: 'female',
    postcode,
  });
  const referred = async (victim: Record<string, unknown>, referredAt: string) => {
    const incidentAt = new Date(Date.parse(referredAt) - 86_400_000).toISOString();
    const body = maracReferral({ person: victim, referredAt }, { perpetrator: undefined, incidentAt });
    const response = await client.post('/v1/referrals', coordinator, body);
    expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
    return response.body as { personId: string };
  };

  /** The NDJSON records of a fresh MARAC export of 2023, and its data dictionary. */
  const exported = async () => {
    const body = { from: '2023-01-01', to: '2023-12-31', panels: ['MARAC'] };
    const started = await client.post('/v1/jobs/export', analyst, body);
    expect(started.status).toBe(202);
    for (let poll = 0; poll < 200; poll++) {
      const job = (await client.get(`/v1/jobs/${started.body.id}`, analyst, null).expect(200)).body;
      if (job.state === 'completed') {
        const file = async (name: string) => (await client.get(`/v1/jobs/${job.id}/files/${name}`, analyst, null)).text;
        const records = (await file('export.ndjson'))
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as Record<string, string | null>);
        return { records, dictionary: JSON.parse(await file('data-dictionary.json')) };
      }
      expect(job.state).not.toBe('failed');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('export did not finish');
  };
  const victimsOf = (records: Record<string, string | null>[]) =>
    new Set(records.filter((r) => r.event_type === 'referral-made').map((r) => r.person));

  it('gives her one pseudonym once confirmed as one woman, and two after a restoring split', async () => {
    const first = await referred(recordedAs('1986-11-03', 'N16 7UX'), '2023-02-06T10:00:00Z');
    const second = await referred(recordedAs('1986-11-04', 'E5 0LL'), '2023-05-08T10:00:00Z');
    expect(second.personId).not.toBe(first.personId);
    expect(victimsOf((await exported()).records).size).toBe(2);

    const queue = await client.get('/v1/people/match-reviews?limit=100', coordinator).expect(200);
    const review = (queue.body.items as { id: string; personIds: string[] }[]).find(
      (r) => r.personIds.includes(first.personId) && r.personIds.includes(second.personId),
    );
    expect(review).toBeDefined();
    const confirmed = await client.post(`/v1/people/match-reviews/${review?.id}/confirm`, coordinator, {
      reason: 'IDVA confirms one victim: date of birth mistyped, moved to a refuge',
    });
    expect(confirmed.body).toMatchObject({ survivorId: first.personId, mergedId: second.personId });

    const merged = await exported();
    const [victim] = victimsOf(merged.records);
    expect(victimsOf(merged.records).size).toBe(1);
    // Both registrations describe her now, under the one pseudonym; the decision is not a record.
    expect(merged.records.filter((r) => r.person === victim).map((r) => r.event_type)).toEqual([
      'person-registered',
      'referral-made',
      'person-registered',
      'referral-made',
    ]);
    expect(merged.records.some((r) => String(r.event_type).startsWith('match-'))).toBe(false);
    expect(JSON.stringify(merged.records)).not.toContain(first.personId);
    expect(merged.dictionary.people).toMatch(/confirmed as one person share one pseudonym/);

    const split = await client.post(`/v1/people/${first.personId}/split`, coordinator, {
      restore: second.personId,
      reason: 'Merged in error: two different women per the GP',
    });
    expect(split.status).toBe(200);
    expect(victimsOf((await exported()).records).size).toBe(2);
  });
});
