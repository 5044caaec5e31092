import { Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ApiModule } from '../apps/api/src/app.module';
import { createApi } from '../apps/api/src/create-api';
import { CohortImportModule } from '../libs/cohort-import/src/cohort-import.module';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { TEST_JWT_SECRET, tokenFor } from './support/tokens';

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
  const saved = { ...process.env };

  beforeAll(async () => {
    Object.assign(process.env, {
      DATA_DIR: dataDir,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      SQLITE_SYNCHRONOUS: 'NORMAL',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    app = await createApi({ logger: false, rootModule: ApiWithImportModule });
    process.env = saved;
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
  const finished = async (id: string) => {
    const until = Date.now() + 15_000;
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
