import Database from 'better-sqlite3';
import { Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { ApiModule } from '../apps/api/src/app.module';
import { createApi } from '../apps/api/src/create-api';
import { CohortImportModule } from '../libs/cohort-import/src/cohort-import.module';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { inTestEnv } from './support/test-env';
import { tokenFor } from './support/tokens';

@Module({ imports: [ApiModule, CohortImportModule] })
class ApiWithImportModule {}

const HEADER =
  'CRN,PNC,Forenames,Surname,Date of birth,Postcode,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years';
// Synthetic people only.
const MARCH = [
  HEADER,
  'A200001,,Ada,Importtest,01/02/1990,N1 1AA,80,40,N',
  'B200002,,Ben,Importtest,1985-06-15,,55,35,Y',
  'C200003,,Cal,Importtest,1992-11-30,,40,40,N',
  'D200004,,Dee,Importtest,1988-03-03,,high,40,N',
].join('\n');

describe('POST /v1/jobs/iom-import (the real API, embedded runner)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccb-iom-import-'));
  let app: NestExpressApplication;
  let coordinator: string;

  beforeAll(async () => {
    app = await inTestEnv(dataDir, {}, () => createApi({ logger: false, rootModule: ApiWithImportModule }));
    coordinator = await tokenFor({ sub: 'coord-iom', roles: ['coordinator'], panels: ['IOM'] });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const upload = (token: string, query: string, body: string, type = 'text/csv') =>
    request(app.getHttpServer())
      .post(`/v1/jobs/iom-import${query}`)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', type)
      .send(body);
  const finished = async (id: string, withinMs = 15_000) => {
    const until = Date.now() + withinMs;
    for (;;) {
      const res = await request(app.getHttpServer())
        .get(`/v1/jobs/${id}`)
        .set('Authorization', `Bearer ${coordinator}`);
      if (['completed', 'failed', 'cancelled'].includes(res.body.state)) return res.body;
      if (Date.now() > until) throw new Error(`job ${id} still ${res.body.state}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const importEvents = async (): Promise<number> => {
    const store = SqliteEventStore.inDataDir(dataDir, { synchronous: 'NORMAL' });
    try {
      const events = await store.readAll({});
      return events.filter((e) => /^(case|person|personkey|personreferrals|iomimport)-/.test(e.stream)).length;
    } finally {
      await store.close();
    }
  };

  it('imports the file: summary, bad-row report, and new people in eligible-not-adopted; the same file again adds nothing', async () => {
    const started = await upload(coordinator, '?month=2024-03', MARCH);
    expect(started.status).toBe(202);
    const job = await finished(started.body.id);
    expect(job).toMatchObject({
      state: 'completed',
      progress: { done: 4, total: 4, unit: 'rows' },
      result: { summary: { month: '2024-03', rows: 4, imported: 3, bad: 1, new: 2, expired: 0, unchanged: 1 } },
    });
    const badRows = job.result.files.find((f: { name: string }) => f.name === 'bad-rows.csv');
    const report = await request(app.getHttpServer()).get(badRows.href).set('Authorization', `Bearer ${coordinator}`);
    expect(report.text).toContain('row,field,reason,message');
    expect(report.text).toContain('4,ogrs_2yr,percentage,');

    const until = Date.now() + 10_000;
    let listed: request.Response;
    do {
      listed = await request(app.getHttpServer())
        .get('/v1/panels/IOM/eligible-not-adopted')
        .set('Authorization', `Bearer ${coordinator}`)
        .set('X-Purpose', 'monthly core-cohort review');
      if (listed.body.total === 2 || Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 50));
    } while (listed.body.total !== 2);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((i: { displayName: string }) => i.displayName).sort()).toEqual([
      'Ada Importtest',
      'Ben Importtest',
    ]);

    // The import's cases carry name-based ids (so a retry names them alike); the case routes take them.
    const imported = (listed.body.items as { caseId: string; displayName: string }[]).find(
      (i) => i.displayName === 'Ada Importtest',
    );
    const viewed = await request(app.getHttpServer())
      .get(`/v1/cases/${imported?.caseId ?? 'missing'}`)
      .set('Authorization', `Bearer ${coordinator}`)
      .set('X-Purpose', 'adoption decision');
    expect(viewed.status).toBe(200);
    const adopted = await request(app.getHttpServer())
      .post(`/v1/cases/${imported?.caseId ?? 'missing'}/iom/adopt`)
      .set('Authorization', `Bearer ${coordinator}`)
      .send({ reason: 'Eligible on the March upload, agreed at panel' });
    expect(adopted.status).toBe(200);

    const before = await importEvents();
    const again = await finished((await upload(coordinator, '?month=2024-03', MARCH)).body.id);
    expect(again.result.summary).toMatchObject({ new: 2, alreadyImported: true });
    expect(await importEvents()).toBe(before);
  });

  const download = async (job: { result: { files: { name: string; href: string }[] } }, name: string) => {
    const found = job.result.files.find((f) => f.name === name);
    if (found === undefined) throw new Error(`no ${name} among ${job.result.files.map((f) => f.name).join(', ')}`);
    return (await request(app.getHttpServer()).get(found.href).set('Authorization', `Bearer ${coordinator}`)).text;
  };
  /** The data lines of a downloaded CSV file, as cells. */
  const lines = (text: string): string[][] => (parse(text) as string[][]).slice(1);
  const importJobs = async (): Promise<number> =>
    (await request(app.getHttpServer()).get('/v1/jobs?kind=iom-import').set('Authorization', `Bearer ${coordinator}`))
      .body.items.length;

  it('refuses a month after the current UK month, creating no job', async () => {
    const [year = '', month = ''] = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
    })
      .format(new Date())
      .split('-');
    const next =
      Number(month) === 12 ? `${Number(year) + 1}-01` : `${year}-${String(Number(month) + 1).padStart(2, '0')}`;
    const jobsBefore = await importJobs();
    for (const future of [next, '2099-01']) {
      const refused = await upload(coordinator, `?month=${future}`, MARCH);
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'month', rule: 'year-month-not-future' })]);
    }
    expect(await importJobs()).toBe(jobsBefore);
  });

  // Synthetic people: Kate stays eligible, Newt joins only in the late file.
  const KATE = 'K210001,,Kate,Latefile,1980-01-01,,80,40,N';
  const NEWT = 'N210002,,Newt,Latefile,1981-02-02,,90,40,N';

  it('a late earlier-month file says which later upload has the word, and what it left alone', async () => {
    const run = async (month: string, ...rows: string[]) =>
      finished((await upload(coordinator, `?month=${month}`, [HEADER, ...rows].join('\n'))).body.id);
    await run('2021-01', KATE);
    await run('2021-03', KATE);
    const late = await run('2021-02', NEWT);
    expect(late.result.summary).toMatchObject({
      month: '2021-02',
      supersededBy: '2021-03',
      new: 1,
      expired: 1,
      leftAlone: 2,
    });
    // Newt counts new in February, but March's upload had the whole cohort: no referral opened.
    const [newt] = lines(await download(late, 'new.csv'));
    expect(newt).toEqual([expect.any(String), '', '1', 'N210002']);
    const [kate] = lines(await download(late, 'expired.csv'));
    expect(kate).toEqual([expect.any(String), '', 'absent-from-upload', '', '']);
    const [row] = lines(await download(late, 'rows.csv'));
    expect(row?.slice(0, 3)).toEqual(['1', 'N210002', 'left-alone-late']);
    expect(row?.[5]).toContain('2021-03');
  });

  // Synthetic people for the per-row report.
  const IDA = (ogrs: string) => `I220001,,Ida,Rowreport,1980-03-03,,${ogrs},40,N`;
  const JON = (ogrs: string) => `J220002,,Jon,Rowreport,1981-04-04,,${ogrs},40,N`;
  const KIT = (ogrs: string) => `K220003,,Kit,Rowreport,1982-05-05,,${ogrs},40,N`;
  const LOU = 'not-a-crn,,Lou,Rowreport,1983-06-06,,80,40,N';
  const MO = 'M220005,,Mo,Rowreport,1984-07-07,,20,10,N';

  it('rows.csv says what happened to every row, and a re-upload of the same file lists the same rows', async () => {
    const run = async (month: string, ...rows: string[]) =>
      finished((await upload(coordinator, `?month=${month}`, [HEADER, ...rows].join('\n'))).body.id);
    await run('2022-06', IDA('80'), JON('30'), KIT('high'), LOU);
    const july = [IDA('20'), JON('high'), KIT('80'), LOU, MO];
    const first = await run('2022-07', ...july);
    expect(first.result.files.map((f: { name: string }) => f.name)).toContain('rows.csv');
    const rows = lines(await download(first, 'rows.csv'));
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['1', 'I220001', 'expired-flagged'],
      ['2', 'J220002', 'held'],
      ['3', 'K220003', 'new'],
      ['4', 'not-a-crn', 'bad'],
      ['5', 'M220005', 'unchanged'],
    ]);
    const [ida, jon, kit, lou, mo] = rows as [string[], string[], string[], string[], string[]];
    expect(ida[3]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ida[4]).toMatch(/^[0-9a-f-]{36}$/);
    expect(jon[5]).toContain('ogrs_2yr');
    expect(kit[4]).toMatch(/^[0-9a-f-]{36}$/);
    expect([lou[3], lou[4]]).toEqual(['', '']);
    expect(lou[5]).toContain('crn');
    expect(mo[4]).toBe('');
    const newCsv = lines(await download(first, 'new.csv'));
    expect(newCsv).toEqual([[kit[3], kit[4], '3', 'K220003']]);
    expect(lines(await download(first, 'expired.csv'))).toEqual([
      [ida[3], ida[4], 'no-longer-eligible', '1', 'I220001'],
    ]);
    expect(lines(await download(first, 'bad-rows.csv')).map((r) => [r[0], r[2], r.at(-1)])).toEqual([
      ['2', 'percentage', 'J220002'],
      ['4', 'crn-format', 'not-a-crn'],
    ]);

    const again = await run('2022-07', ...july);
    expect(again.result.summary).toMatchObject({ alreadyImported: true });
    for (const name of ['rows.csv', 'new.csv', 'expired.csv', 'bad-rows.csv']) {
      expect(await download(again, name)).toBe(await download(first, name));
    }
  });

  it('a cancelled or completed upload keeps no copy of the file in its job record; the report and a re-upload still work', async () => {
    // Enough rows that the upload is still running when it is cancelled (it stops between batches of 250).
    const rows = Array.from(
      { length: 600 },
      (_, i) => `R${String(300_000 + i)},,Rex${i},Keptnowhere,1980-01-01,,80,40,N`,
    );
    const csv = [HEADER, ...rows].join('\n');
    const started = await upload(coordinator, '?month=2020-01', csv);
    const cancel = await request(app.getHttpServer())
      .delete(`/v1/jobs/${started.body.id}`)
      .set('Authorization', `Bearer ${coordinator}`);
    expect(cancel.status).toBe(200);
    expect((await finished(started.body.id, 45_000)).state).toBe('cancelled');

    const again = await finished((await upload(coordinator, '?month=2020-01', csv)).body.id, 45_000);
    expect(again).toMatchObject({ state: 'completed', result: { summary: { new: 600, unchanged: 0 } } });
    expect(lines(await download(again, 'new.csv'))).toHaveLength(600);

    const jobs = new Database(join(dataDir, 'jobs.sqlite'), { readonly: true });
    try {
      const kept = jobs.prepare(`SELECT id FROM jobs WHERE payload LIKE '%Keptnowhere%'`).all();
      expect(kept).toEqual([]);
    } finally {
      jobs.close();
    }
  }, 120_000);

  it('refuses whole-file problems with 400 naming the field, and people outside IOM with 403', async () => {
    const noMonth = await upload(coordinator, '', MARCH);
    expect(noMonth.status).toBe(400);
    expect(noMonth.body.errors).toEqual([expect.objectContaining({ field: 'month', rule: 'year-month' })]);
    const noColumn = await upload(coordinator, '?month=2024-03', 'CRN,Forenames,Surname,DOB,OGRS 2-year\nA1,x,y,z,1\n');
    expect(noColumn.status).toBe(400);
    expect(noColumn.body.errors.map((e: { field: string }) => e.field)).toEqual(['ovp_2yr', 'robbery_burglary_2yr']);
    const notCsv = await upload(coordinator, '?month=2024-03', `${HEADER}\n"unclosed,1,2\n`);
    expect(notCsv.status).toBe(400);
    expect(notCsv.body.errors).toEqual([expect.objectContaining({ field: 'body', rule: 'csv-syntax' })]);
    const marac = await tokenFor({ sub: 'coord-marac', roles: ['coordinator'], panels: ['MARAC'] });
    expect((await upload(marac, '?month=2024-03', MARCH)).status).toBe(403);
    const analyst = await tokenFor({ sub: 'analyst-1', roles: ['analyst'] });
    expect((await upload(analyst, '?month=2024-03', MARCH)).status).toBe(403);
  });
});
