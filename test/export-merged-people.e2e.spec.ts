import { apiForSuite } from './support/api-suite';
import { referredToMarac } from './support/marac';
import { confirmedAsOnePerson } from './support/match-reviews';
import { person } from './support/referrals';
import { ANALYST, COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * The research export names people as the log knows them when it runs: a victim referred twice
 * under two records has one pseudonym once a reviewer confirms they are one woman, and two again
 * after a restoring split. Synthetic victim only.
 */
describe('pseudonymised export across a confirmed match and a restoring split (the real API)', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS, analyst: ANALYST });

  const recordedAs = (dateOfBirth: string, postcode: string) =>
    person({ forenames: 'Morwenna', surname: 'Penhallow', dateOfBirth, postcode });
  const referred = (victim: Record<string, unknown>, referredAt: string) =>
    referredToMarac(client, tokens.coordinator, victim, referredAt);

  /** The NDJSON records of a fresh MARAC export of 2023, and its data dictionary. */
  const exported = async () => {
    const body = { from: '2023-01-01', to: '2023-12-31', panels: ['MARAC'] };
    const started = await client.post('/v1/jobs/export', tokens.analyst, body);
    expect(started.status).toBe(202);
    for (let poll = 0; poll < 200; poll++) {
      const job = (await client.get(`/v1/jobs/${started.body.id}`, tokens.analyst, null).expect(200)).body;
      if (job.state === 'completed') {
        const file = async (name: string) =>
          (await client.get(`/v1/jobs/${job.id}/files/${name}`, tokens.analyst, null)).text;
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

    await confirmedAsOnePerson(client, tokens.coordinator, first.personId, second.personId);

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

    const split = await client.post(`/v1/people/${first.personId}/split`, tokens.coordinator, {
      restore: second.personId,
      reason: 'Merged in error: two different women per the GP',
    });
    expect(split.status).toBe(200);
    expect(victimsOf((await exported()).records).size).toBe(2);
  });
});
