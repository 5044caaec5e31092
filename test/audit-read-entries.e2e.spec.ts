import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import request from 'supertest';
import { newDataDir, startApiWithTestKinds } from '../libs/jobs/src/testing/jobs-test-api';
import { maracReferral, person } from './support/referrals';
import { TEST_JWT_SECRET, tokenFor, type TestUser } from './support/tokens';

/**
 * Reads the audit trail must be able to find under the people and cases they handed over: job
 * file downloads, an auditor's own trail queries and subject access reports, verification runs,
 * a view of a person named on someone else's case, and a HEAD that shows nothing.
 */
const USERS = {
  coordinator: {
    sub: 'coord-are',
    name: 'Casey Coordinator',
    agency: 'Metropolitan Police',
    roles: ['coordinator'],
    panels: ['IOM', 'MARAC'],
  },
  auditor: { sub: 'auditor-are', name: 'Ada Auditor', agency: 'ICO liaison', roles: ['auditor'] },
  admin: { sub: 'admin-are', name: 'Ida Governance', agency: 'Partnership IG', roles: ['admin'] },
} satisfies Record<string, TestUser>;
type Who = keyof typeof USERS;

interface TrailItem {
  position: string;
  action: string;
  subject?: string;
  correlationId?: string;
  caseIds: string[];
  personIds: string[];
  personId?: string;
  resultCount?: number;
  parameters?: Record<string, unknown>;
  pathParameters?: Record<string, string>;
}

const IOM_UPLOAD = [
  'CRN,PNC,Forenames,Surname,Date of birth,Postcode,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years',
  'A300001,,Ada,Auditread,01/02/1990,N1 1AA,80,40,N',
  'B300002,,Ben,Auditread,1985-06-15,,55,35,Y',
  'D300004,,Dee,Auditread,1988-03-03,,high,40,N',
].join('\n');

describe('audit entries name the people and cases a read handed over', () => {
  const dataDir = newDataDir();
  let app: NestExpressApplication;
  const tokens = {} as Record<Who, string>;
  let victim = '';
  let perpetrator = '';
  let maracCase = '';

  const server = () => app.getHttpServer();
  const get = (who: Who, url: string, correlationId: string = randomUUID()) =>
    request(server())
      .get(url)
      .set('Authorization', `Bearer ${tokens[who]}`)
      .set('X-Correlation-Id', correlationId)
      .set('X-Purpose', 'audit entry check');
  /** The admin's trail under a filter, every page; the admin's own queries are left out of the answer. */
  const trail = async (filter: string): Promise<TrailItem[]> => {
    const items: TrailItem[] = [];
    let cursor: string | undefined;
    do {
      const page = await get(
        'admin',
        `/v1/audit/trail?${filter}&limit=1000${cursor ? `&cursor=${cursor}` : ''}`,
      ).expect(200);
      items.push(...(page.body.items as TrailItem[]));
      cursor = page.body.next as string | undefined;
    } while (cursor !== undefined);
    return items;
  };
  const entriesOf = (items: readonly TrailItem[], correlationId: string) =>
    items.filter((item) => item.correlationId === correlationId);
  const completedFiles = async (who: Who, jobId: string): Promise<void> => {
    for (const until = Date.now() + 60_000; Date.now() < until; await new Promise((r) => setTimeout(r, 25))) {
      const job = await get(who, `/v1/jobs/${jobId}`).expect(200);
      if (job.body.state === 'completed') return;
      if (job.body.state === 'failed') throw new Error(`job ${jobId} failed: ${JSON.stringify(job.body.error)}`);
    }
    throw new Error(`job ${jobId} did not complete`);
  };
  const upload = async (kind: string, csv: string, query = ''): Promise<string> => {
    const started = await request(server())
      .post(`/v1/jobs/${kind}${query}`)
      .set('Authorization', `Bearer ${tokens.coordinator}`)
      .set('Content-Type', 'text/csv')
      .send(csv)
      .expect(202);
    await completedFiles('coordinator', started.body.id as string);
    return started.body.id as string;
  };

  beforeAll(async () => {
    app = await startApiWithTestKinds(dataDir, { AUTH_JWT_SECRET: TEST_JWT_SECRET });
    for (const [who, user] of Object.entries(USERS)) tokens[who as Who] = await tokenFor(user);
    const referral = await request(server())
      .post('/v1/referrals')
      .set('Authorization', `Bearer ${tokens.coordinator}`)
      .send(maracReferral({ person: person({ forenames: 'Ama', surname: 'Auditread', dateOfBirth: '1988-02-14' }) }))
      .expect(201);
    victim = referral.body.personId as string;
    perpetrator = referral.body.perpetratorPersonId as string;
    maracCase = referral.body.caseId as string;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("records an IOM import file's download under every person and case it lists, with its rows", async () => {
    const jobId = await upload('iom-import', IOM_UPLOAD, '?month=2024-03');
    const rowsCsv = await get('coordinator', `/v1/jobs/${jobId}/files/rows.csv`, 'download-rows').expect(200);
    const listed = rowsCsv.text
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(','))
      .filter((cells) => cells[3] !== '')
      .map((cells) => ({ personId: cells[3] ?? '', caseId: cells[4] ?? '' }));
    expect(listed.length).toBeGreaterThan(0);

    const [entry, ...more] = entriesOf(await trail('action=export'), 'download-rows');
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      subject: 'job-file',
      resultCount: 3,
      pathParameters: { id: jobId, name: 'rows.csv' },
    });
    expect(entry?.personIds).toEqual(expect.arrayContaining(listed.map((row) => row.personId)));
    expect(entry?.caseIds).toEqual(expect.arrayContaining(listed.map((row) => row.caseId).filter((id) => id !== '')));

    const imported = listed[0]?.personId ?? '';
    expect(entriesOf(await trail(`personId=${imported}`), 'download-rows')).toHaveLength(1);
    const report = await get('admin', `/v1/audit/subject-access/${imported}`).expect(200);
    expect((report.body.reads as TrailItem[]).map((read) => read.correlationId)).toContain('download-rows');
  }, 60_000);

  it('records a 10,000-row file in bounded entries that together name every person in it', async () => {
    const rows = Array.from({ length: 10_000 }, () => ({ personId: randomUUID(), caseId: randomUUID() }));
    const csv = ['row,person_id,case_id', ...rows.map((r, i) => `${i + 1},${r.personId},${r.caseId}`)].join('\r\n');
    const jobId = await upload('test-listing', csv);

    await get('coordinator', `/v1/jobs/${jobId}/files/listing.csv`, 'download-large').expect(200);

    const entries = entriesOf(await trail(`actor=${USERS.coordinator.sub}&action=export`), 'download-large');
    expect(entries.length).toBeGreaterThan(1);
    for (const [index, entry] of entries.entries()) {
      expect(entry).toMatchObject({ resultCount: 10_000, parameters: { part: index + 1, parts: entries.length } });
      expect(entry.personIds.length).toBeLessThanOrEqual(5000);
    }
    const named = new Set(entries.flatMap((entry) => entry.personIds));
    expect(rows.filter((row) => !named.has(row.personId))).toEqual([]);
    const last = rows[rows.length - 1];
    expect(entriesOf(await trail(`personId=${last?.personId}`), 'download-large')).toHaveLength(1);
  }, 120_000);

  it("finds an auditor's trail queries under the person or case they were filtered by, JSON and CSV", async () => {
    await get('auditor', `/v1/audit/trail?personId=${victim}`, 'trail-of-victim').expect(200);
    await get('auditor', `/v1/audit/trail?caseId=${maracCase}&format=csv`, 'trail-of-case-csv').expect(200);

    expect(entriesOf(await trail(`personId=${victim}`), 'trail-of-victim')).toEqual([
      expect.objectContaining({ action: 'search', subject: 'audit-trail', personIds: [victim] }),
    ]);
    expect(entriesOf(await trail(`caseId=${maracCase}`), 'trail-of-case-csv')).toEqual([
      expect.objectContaining({ action: 'export', subject: 'audit-trail', caseIds: [maracCase] }),
    ]);
  });

  it('finds a subject access report under each case it gave out', async () => {
    await get('auditor', `/v1/audit/subject-access/${victim}`, 'sar-of-victim').expect(200);

    expect(entriesOf(await trail(`caseId=${maracCase}`), 'sar-of-victim')).toEqual([
      expect.objectContaining({ action: 'export', subject: 'subject-access', caseIds: [maracCase] }),
    ]);
  });

  it("records a verification run under the request's correlation id", async () => {
    await get('auditor', '/v1/audit/verify', 'verify-run').expect(200);

    expect(entriesOf(await trail('action=report-run'), 'verify-run')).toEqual([
      expect.objectContaining({ subject: 'audit-verify' }),
    ]);
  });

  it("names the person viewed, not the victim of the case naming him, as a perpetrator view's person", async () => {
    await get('coordinator', `/v1/people/${perpetrator}`, 'view-perpetrator').expect(200);

    const [view] = entriesOf(await trail('action=person-viewed'), 'view-perpetrator');
    expect(view?.personId).toBe(perpetrator);
    const csv = await get('admin', '/v1/audit/trail?action=person-viewed&format=csv').expect(200);
    const row = csv.text.split('\r\n').find((line) => line.startsWith(`${view?.position},`)) ?? '';
    expect(row.split(',')[8]).toBe(perpetrator);
  });

  it('records a HEAD of a case as its GET: its ETag and length answer the read, though no body is sent', async () => {
    const head = await request(server())
      .head(`/v1/cases/${maracCase}`)
      .set('Authorization', `Bearer ${tokens.coordinator}`)
      .set('X-Correlation-Id', 'head-of-case')
      .set('X-Purpose', 'checking for changes')
      .expect(200);
    expect(head.headers['etag']).toBeDefined();
    await request(server())
      .head(`/v1/cases/${maracCase}`)
      .set('Authorization', `Bearer ${tokens.coordinator}`)
      .set('X-Correlation-Id', 'head-without-purpose')
      .expect(400);

    const views = await trail(`caseId=${maracCase}&action=case-viewed`);
    expect(entriesOf(views, 'head-of-case')).toHaveLength(1);
    expect(entriesOf(views, 'head-without-purpose')).toEqual([]);
  });

  it('records a HEAD of a name search on a cohort as the search: its length would say whether the name is listed', async () => {
    await request(server())
      .head('/v1/panels/MARAC/cohort?q=Nosuchname')
      .set('Authorization', `Bearer ${tokens.coordinator}`)
      .set('X-Correlation-Id', 'head-of-search')
      .expect(200);
    const searches = await trail('action=search');
    expect(entriesOf(searches, 'head-of-search')).toHaveLength(1);
  });
});
