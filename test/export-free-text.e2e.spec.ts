import { referredToMarac } from './support/marac';
import { allianceReferral, person } from './support/referrals';
import { ANALYST, COORDINATOR_ALL_PANELS } from './support/tokens';
import { apiForSuite } from './support/api-suite';

/**
 * Free text a worker types can say where a victim is: "refuge place at 12 Elm Road N17" on an
 * intervention undoes the rule that a MARAC victim has no postcode district. And an exact age
 * beside month, custody suite and borough singles out a child. The export carries neither: free
 * text is dropped or mapped to a fixed vocabulary, and ages are bands. Synthetic people only.
 */
describe('research export: no free text, no exact ages (the real API)', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS, analyst: ANALYST });
  const refugeAddress = /Elm Road|N17|Womens Refuge|Tottenham/i;

  const exported = async (panels: string[], format: 'ndjson' | 'csv') => {
    const started = await client.post('/v1/jobs/export', tokens.analyst, {
      panels,
      format,
      from: '2020-01-01',
      to: '2024-12-31',
    });
    expect([started.status, started.body.errors]).toEqual([202, undefined]);
    const deadline = Date.now() + 10_000;
    let job = (await client.get(`/v1/jobs/${started.body.id}`, tokens.analyst, null).expect(200)).body;
    while (job.state !== 'completed' && job.state !== 'failed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      job = (await client.get(`/v1/jobs/${started.body.id}`, tokens.analyst, null).expect(200)).body;
    }
    expect(job.state).toBe('completed');
    const file = async (name: string) =>
      (await client.get(`/v1/jobs/${started.body.id}/files/${name}`, tokens.analyst, null)).text;
    return { text: await file(`export.${format}`), dictionary: await file('data-dictionary.json') };
  };
  const records = (ndjson: string) =>
    ndjson
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  const created = async (path: string, body: Record<string, unknown>) =>
    expect((await client.post(path, tokens.coordinator, body)).status).toBe(201);

  beforeAll(async () => {
    const victim = person({ forenames: 'Rowan', surname: 'Pellow', postcode: 'N17 6AB' });
    const { caseId } = await referredToMarac(client, tokens.coordinator, victim, '2024-05-02T09:00:00Z');
    const at = '2024-05-03T10:00:00Z';
    await created(`/v1/cases/${caseId}/interventions`, {
      type: 'refuge place at 12 Elm Road N17',
      provider: 'Tottenham Womens Refuge, 12 Elm Road',
      pathway: 'Accommodation',
      occurredAt: at,
    });
    const place = 'refuge at 12 Elm Road';
    await created(`/v1/cases/${caseId}/interventions`, {
      type: 'safe house',
      provider: 'Synthetic Trust',
      pathway: place,
      occurredAt: at,
    });
    await created(`/v1/cases/${caseId}/actions`, {
      description: 'Move to refuge',
      ownerAgency: 'Tottenham Womens Refuge, 12 Elm Road',
      dueBy: '2024-05-20',
      occurredAt: at,
    });

    const child = person({ forenames: 'Ilan', surname: 'Vesk', dateOfBirth: '2005-06-01', sex: 'male' });
    await created(
      '/v1/referrals',
      allianceReferral({ person: child }, { custodySuite: 'Wood Green', residence: 'Haringey' }),
    );
    const outOfArea = person({ forenames: 'Orla', surname: 'Fenn', dateOfBirth: '2008-03-14', sex: 'female' });
    await created(
      '/v1/referrals',
      allianceReferral({ person: outOfArea }, { residence: '12 Elm Road, Tottenham N17' }),
    );
  });

  it('keeps no word of an address-like intervention or action on a MARAC case, in NDJSON or CSV', async () => {
    const ndjson = await exported(['MARAC'], 'ndjson');
    const csv = await exported(['MARAC'], 'csv');
    expect(ndjson.text).not.toMatch(refugeAddress);
    expect(csv.text).not.toMatch(refugeAddress);
    const interventions = records(ndjson.text).filter((r) => r.event_type === 'intervention-arranged');
    expect(interventions.map((r) => r.intervention_pathway)).toEqual(['accommodation', 'other']);
    const actions = records(ndjson.text).filter((r) => r.event_type === 'action-agreed');
    expect(actions.map((r) => r.action_due_by)).toEqual(['2024-05']);
    for (const record of records(ndjson.text)) {
      for (const freeText of ['intervention_type', 'intervention_provider', 'action_owner_agency', 'referrer_agency']) {
        expect(record).not.toHaveProperty(freeText);
      }
    }
    expect(JSON.parse(ndjson.dictionary).withheld).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'intervention type' }),
        expect.objectContaining({ field: 'intervention provider' }),
      ]),
    );
  });

  it("gives an Alliance child's age at engagement as the export's band, never in whole years", async () => {
    const { text } = await exported(['ALLIANCE'], 'ndjson');
    const engagements = records(text).filter((r) => r.event_type === 'alliance-engagement-recorded');
    expect(engagements.map((r) => [r.alliance_age_band, r.alliance_residence])).toEqual([
      ['10-15', 'Haringey'],
      ['10-15', 'other'],
    ]);
    for (const record of records(text)) {
      expect(record).not.toHaveProperty('alliance_age_at_engagement');
      expect(record).not.toHaveProperty('alliance_custody_suite');
    }
    expect(text).not.toMatch(/Wood Green|Elm Road/);
  });
});
