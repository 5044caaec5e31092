import { referredToMarac } from './support/marac';
import { person } from './support/referrals';
import { ANALYST, COORDINATOR_ALL_PANELS } from './support/tokens';
import { apiForSuite } from './support/api-suite';

/**
 * Ethnicity, disability and language are typed freely at referral, and a worker has typed an
 * address beside an ethnicity. The MARAC report and the research export give them only as the
 * 2021 Census groups and the fixed yes/no and english/other values, so one group is not split
 * into spellings and nothing typed there leaves. Synthetic people only.
 */
describe('equality fields in the research export and the MARAC report (the real API)', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS, analyst: ANALYST });
  const typedAddress = /Elm Road|wheelchair|interpreter/i;
  const PERIOD = 'from=2024-01-01&to=2024-12-31';

  beforeAll(async () => {
    const victims: [Record<string, unknown>, string][] = [
      [
        {
          forenames: 'Rhea',
          ethnicity: 'White British, lives at 12 Elm Road',
          disability: 'wheelchair user, ramp at 12 Elm Road',
          language: 'Polish, interpreter meets her at 12 Elm Road',
        },
        '2024-05-02T09:00:00Z',
      ],
      [
        { forenames: 'Tova', ethnicity: 'WHITE: English', disability: 'No', language: 'English' },
        '2024-06-03T09:00:00Z',
      ],
      [{ forenames: 'Una', ethnicity: 'B1' }, '2024-07-04T09:00:00Z'],
    ];
    for (const [details, referredAt] of victims)
      await referredToMarac(client, tokens.coordinator, person({ surname: 'Quillfeather', ...details }), referredAt);
  });

  const exported = async (format: 'ndjson' | 'csv'): Promise<string> => {
    const body = { panels: ['MARAC'], format, from: '2024-01-01', to: '2024-12-31' };
    const { status, body: job } = await client.post('/v1/jobs/export', tokens.analyst, body);
    expect(status).toBe(202);
    const file = `/v1/jobs/${job.id}/files/export.${format}`;
    for (let tries = 0; tries < 400; tries += 1) {
      const answer = await client.get(file, tokens.analyst, null);
      if (answer.status === 200) return answer.text;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`export ${job.id} gave no ${format} file`);
  };

  it('counts her under White in the report, in JSON and CSV, with no word of the address', async () => {
    const json = await client.get(`/v1/analytics/marac/repeat-rate?${PERIOD}`, tokens.analyst, null).expect(200);
    expect(json.body.equality).toMatchObject({
      ethnicity: { white: 2, black: 1 },
      disability: { 'not-recognised': 1, no: 1, 'not recorded': 1 },
    });
    const csv = await client.get(`/v1/analytics/marac/repeat-rate?${PERIOD}&format=csv`, tokens.analyst, null);
    expect(csv.text).toContain('equality.ethnicity.white,2');
    expect(JSON.stringify(json.body)).not.toMatch(typedAddress);
    expect(csv.text).not.toMatch(typedAddress);
  });

  it('exports her as White with no detailed category, and the address nowhere in NDJSON or CSV', async () => {
    const ndjson = await exported('ndjson');
    const people = ndjson
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((r) => r.event_type === 'person-registered' || r.event_type === 'person-details-recorded')
      .map((r) => [r.event_type, r.ethnic_group, r.ethnic_category, r.disability, r.language]);
    // Disability and language are recorded on the person after registering: a details event gives
    // only what it changes.
    expect(people).toEqual([
      ['person-registered', 'white', 'not-recognised', 'not-recorded', 'not-recorded'],
      ['person-details-recorded', null, null, 'not-recognised', 'other'],
      ['person-registered', 'white', 'white-british', 'not-recorded', 'not-recorded'],
      ['person-details-recorded', null, null, 'no', 'english'],
      ['person-registered', 'black', 'black-caribbean', 'not-recorded', 'not-recorded'],
    ]);
    expect(ndjson).not.toMatch(typedAddress);
    const csv = await exported('csv');
    expect(csv).toContain(',white,not-recognised,');
    expect(csv).not.toMatch(typedAddress);
  });
});
