import request from 'supertest';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { iomReferral, maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

const ADMIN_KEY = 'an-admin-held-export-key-for-tests-only-0123456789';

/** What the synthetic referrals carry that must never reach an export. */
const DIRECT_IDENTIFIERS = [
  'Jordan',
  'Okafor',
  'Sam',
  'Reyes',
  'Dean',
  'Marsh',
  'Alex Morgan',
  'alex.morgan@example.org',
  '1990-04-12',
  '1987-09-30',
  '1995-01-20',
  'N17 6AB',
  '6AB',
  '1979/0163001B',
  '9990000018',
  'Threats to kill after separation',
  'Prolific acquisitive offending',
  'Casey Coordinator',
];

describe('pseudonymised export job (POST /v1/jobs/export, the real API)', () => {
  let api: TestApi;
  let analyst: string;
  let admin: string;
  const ids: string[] = [];
  const http = () => request(api.app.getHttpServer());

  async function runExport(token: string, body: object) {
    const started = await http().post('/v1/jobs/export').set('Authorization', `Bearer ${token}`).send(body);
    expect(started.status).toBe(202);
    for (let i = 0; i < 200; i++) {
      const job = await http().get(`/v1/jobs/${started.body.id}`).set('Authorization', `Bearer ${token}`);
      if (job.body.state === 'completed' || job.body.state === 'failed') {
        expect(job.body).toMatchObject({ state: 'completed', error: null });
        const files: Record<string, { contentType: string; text: string }> = {};
        for (const file of job.body.result.files) {
          const res = await http().get(file.href).set('Authorization', `Bearer ${token}`);
          expect(res.status).toBe(200);
          files[file.name] = { contentType: String(res.headers['content-type']), text: res.text };
        }
        return { job: job.body, files };
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('export did not finish');
  }

  beforeAll(async () => {
    api = await startTestApi({ EXPORT_PSEUDONYM_KEY: ADMIN_KEY });
    const coordinator = await tokenFor(COORDINATOR_ALL_PANELS);
    analyst = await tokenFor({ sub: 'analyst-1', roles: ['analyst'] });
    admin = await tokenFor({ sub: 'admin-1', roles: ['admin'] });
    const victim = person({ identifiers: { nhsNumber: '9990000018' }, ethnicity: 'White British' });
    for (const body of [maracReferral({ person: victim }), iomReferral()]) {
      const res = await http().post('/v1/referrals').set('Authorization', `Bearer ${coordinator}`).send(body);
      expect([res.status, res.body.errors]).toEqual([201, undefined]);
      ids.push(res.body.caseId, res.body.personId);
      if (res.body.perpetratorPersonId !== undefined) ids.push(res.body.perpetratorPersonId);
    }
  });
  afterAll(async () => api?.close());

  it('exports CSV with a data dictionary, keeps statistics, drops every direct identifier, and is audited', async () => {
    const { job, files } = await runExport(analyst, {
      from: '2024-01-01',
      to: '2024-12-31',
      panels: ['MARAC', 'IOM'],
      format: 'csv',
    });
    expect(job.result.summary).toMatchObject({ records: expect.any(Number), panels: ['IOM', 'MARAC'] });
    expect(job.progress).toMatchObject({ unit: 'events', percent: 100 });
    const csv = files['export.csv']!;
    expect(csv.contentType).toBe('text/csv; charset=utf-8');
    const lines = csv.text.trim().split('\r\n');
    expect(lines.length - 1).toBe(job.result.summary.records);
    expect(csv.text).toContain('N17');
    // Ethnicity leaves as the census group and category, never as typed.
    expect(csv.text).toContain(',white,white-british,');
    expect(csv.text).not.toContain('White British');
    expect(csv.text).toMatch(/referral-made,[^,]*,MARAC/);
    const leaks = [...DIRECT_IDENTIFIERS, ...ids].filter((value) => csv.text.includes(value));
    expect(leaks).toEqual([]);
    const dictionary = JSON.parse(files['data-dictionary.json']!.text);
    expect(dictionary.columns.map((c: { name: string }) => c.name)).toEqual(lines[0]!.split(','));
    expect(dictionary.pseudonyms).toMatch(/cannot be linked/);

    const store = SqliteEventStore.inDataDir(api.dataDir, { synchronous: 'NORMAL' });
    try {
      // Downloading its files is audited too (subject job-file); this is the job's own entry.
      const audit = (await store.readAll({ maxCount: 10_000 })).filter(
        (e) => e.type === 'export' && (e.data as { subject?: string }).subject === 'pseudonymised-export',
      );
      expect(audit).toHaveLength(1);
      expect(audit[0]!.data).toMatchObject({
        subject: 'pseudonymised-export',
        resultCount: job.result.summary.records,
        parameters: { from: '2024-01-01', to: '2024-12-31', format: 'csv', coarsenDatesToMonth: true },
      });
      expect(audit[0]!.metadata.actor.id).toBe('analyst-1');
    } finally {
      await store.close();
    }
  });

  it('pseudonyms: unlinkable across ordinary exports, linkable only for an admin with the admin-held key', async () => {
    const body = { from: '2024-01-01', to: '2024-12-31', panels: ['MARAC'], coarsenDatesToMonth: true };
    const persons = (ndjson: string) =>
      new Set(
        ndjson
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line).person as string),
      );
    const a = await runExport(analyst, body);
    const b = await runExport(analyst, body);
    expect(a.files['export.ndjson']!.contentType).toBe('application/x-ndjson; charset=utf-8');
    expect(a.files['export.ndjson']!.text).toMatch(/"occurred_at":"2024-05"/);
    const overlap = [...persons(a.files['export.ndjson']!.text)].filter((p) =>
      persons(b.files['export.ndjson']!.text).has(p),
    );
    expect(overlap).toEqual([]);

    const refused = await http()
      .post('/v1/jobs/export')
      .set('Authorization', `Bearer ${analyst}`)
      .send({ ...body, linkablePseudonyms: true });
    expect(refused.status).toBe(403);
    expect(refused.body.rule).toBe('linkable-pseudonyms-admin-only');
    const c = await runExport(admin, { ...body, linkablePseudonyms: true });
    const d = await runExport(admin, { ...body, linkablePseudonyms: true });
    expect([...persons(c.files['export.ndjson']!.text)]).toEqual([...persons(d.files['export.ndjson']!.text)]);
  });

  it('answers 400 naming the field for a bad export request', async () => {
    const bad = await http()
      .post('/v1/jobs/export')
      .set('Authorization', `Bearer ${analyst}`)
      .send({ from: '2024-13-01', to: '2024-12-31', panels: ['MARAC'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'from', rule: 'calendar-date' })]);
    const coordinator = await tokenFor(COORDINATOR_ALL_PANELS);
    const forbidden = await http()
      .post('/v1/jobs/export')
      .set('Authorization', `Bearer ${coordinator}`)
      .send({ from: '2024-01-01', to: '2024-12-31', panels: ['MARAC'] });
    expect(forbidden.status).toBe(403);
  });
});
