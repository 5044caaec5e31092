import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { apiForSuite } from './support/api-suite';
import { referredToMarac } from './support/marac';
import { iomReferral, person } from './support/referrals';
import { ANALYST, COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * The research export is private by default and counts days as the reports do: dates are
 * coarsened to the UK month unless the requester turns that off (which is recorded), a MARAC
 * victim's postcode district is never given, and 23:30Z on 31 July (00:30 BST on 1 August) is
 * August in the export exactly as in the MARAC report. Synthetic people only.
 */
describe('research export: privacy by default, UK calendar dates, real periods (the real API)', () => {
  const { api, client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS, analyst: ANALYST });

  const finished = async (id: string): Promise<{ state: string }> => {
    const deadline = Date.now() + 10_000;
    let job = (await client.get(`/v1/jobs/${id}`, tokens.analyst, null).expect(200)).body;
    while (job.state !== 'completed' && job.state !== 'failed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      job = (await client.get(`/v1/jobs/${id}`, tokens.analyst, null).expect(200)).body;
    }
    return job;
  };

  const exported = async (body: Record<string, unknown>) => {
    const started = await client.post('/v1/jobs/export', tokens.analyst, { panels: ['MARAC', 'IOM'], ...body });
    expect([started.status, started.body.errors]).toEqual([202, undefined]);
    expect(await finished(started.body.id)).toMatchObject({ state: 'completed' });
    const text = async (name: string) =>
      (await client.get(`/v1/jobs/${started.body.id}/files/${name}`, tokens.analyst, null)).text;
    const lines = (await text('export.ndjson')).split('\n').filter((line) => line !== '');
    return {
      records: lines.map((line) => JSON.parse(line) as Record<string, string | number | null>),
      dictionary: JSON.parse(await text('data-dictionary.json')),
    };
  };

  beforeAll(async () => {
    await referredToMarac(
      client,
      tokens.coordinator,
      person({ forenames: 'Tamsin', surname: 'Carrow', postcode: 'N17 6AB' }),
      '2024-07-31T23:30:00Z',
    );
    const offender = person({ forenames: 'Dean', surname: 'Marsh', sex: 'male', postcode: 'SE1 7PB' });
    const iom = await client.post(
      '/v1/referrals',
      tokens.coordinator,
      iomReferral({}, { person: offender, referredAt: '2024-08-10T10:00:00Z' }),
    );
    expect(iom.status).toBe(201);
  });

  it('coarsens to the UK month by default and counts 23:30Z on 31 July as August, as the MARAC report does', async () => {
    const august = await exported({ from: '2024-08-01', to: '2024-08-31' });
    const referrals = august.records.filter((r) => r.event_type === 'referral-made');
    expect(referrals.map((r) => [r.panel, r.occurred_at])).toEqual([
      ['MARAC', '2024-08'],
      ['IOM', '2024-08'],
    ]);
    expect(august.records.every((r) => /^\d{4}-\d{2}$/.test(String(r.occurred_at)))).toBe(true);
    expect(august.dictionary).toMatchObject({ datesCoarsenedToMonth: true });
    const july = await exported({ from: '2024-07-01', to: '2024-07-31' });
    expect(july.records.filter((r) => r.panel === 'MARAC')).toEqual([]);

    const report = await client.get(
      '/v1/analytics/marac/repeat-rate?from=2024-07-01&to=2024-08-31',
      tokens.analyst,
      null,
    );
    expect(report.body.months.map((m: { month: string; referrals: number }) => [m.month, m.referrals])).toEqual([
      ['2024-07', 0],
      ['2024-08', 1],
    ]);
  });

  it('gives exact dates only when asked, and says so in the dictionary and the audit trail', async () => {
    const exact = await exported({ from: '2024-08-01', to: '2024-08-31', coarsenDatesToMonth: false });
    const marac = exact.records.find((r) => r.event_type === 'referral-made' && r.panel === 'MARAC');
    expect(marac?.occurred_at).toBe('2024-07-31T23:30:00Z');
    expect(exact.dictionary).toMatchObject({ datesCoarsenedToMonth: false, dates: expect.stringMatching(/turned/) });
    const store = SqliteEventStore.inDataDir(api.dataDir, { synchronous: 'NORMAL' });
    try {
      // File downloads are audited as exports too; the job's own entry names the export itself.
      const audits = (await store.readAll({ maxCount: 10_000 })).filter(
        (e) => e.type === 'export' && (e.data as { subject?: string }).subject === 'pseudonymised-export',
      );
      const parameters = audits.map((e) => (e.data as { parameters: { coarsenDatesToMonth: boolean } }).parameters);
      expect(parameters.at(-1)).toMatchObject({ coarsenDatesToMonth: false });
    } finally {
      await store.close();
    }
  });

  it("never gives a MARAC victim's postcode district; an IOM nominal's still is", async () => {
    const { records } = await exported({ from: '2024-01-01', to: '2024-12-31' });
    const districts = records.filter((r) => r.event_type === 'person-registered').map((r) => r.postcode_district);
    expect(districts).toContain('SE1');
    expect(districts).not.toContain('N17');
  });

  it.each([
    [{ from: '2024-02-30', to: '2024-03-31' }, 'from', 'calendar-date'],
    [{ from: '2024-01-01', to: '2023-02-29' }, 'to', 'calendar-date'],
    [{ from: '1900-01-01', to: '2999-12-31' }, 'to', 'period-at-most-25-years'],
    [{ from: '2024-03-01', to: '2024-02-01' }, 'from', 'period-order'],
  ])('refuses the period %j with 400 naming %s and %s, as the reports do', async (period, field, rule) => {
    const refused = await client.post('/v1/jobs/export', tokens.analyst, { panels: ['MARAC'], ...period });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field, rule })]);
  });
});
