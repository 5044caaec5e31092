import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { DeterministicPersonResolver } from '../../../case-lifecycle/src/application/person-resolution/deterministic-person-resolver';
import { cohortProjection } from '../../../case-lifecycle/src/projections/cohort.projection';
import { emptyCohortTables } from '../../../case-lifecycle/src/projections/testing/cohort-tables';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { VersionedProjectionDatabase } from '../../../read-models/src/projection-database';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import { eventIdsFor } from '../testing/deterministic-ids';
import { COHORT_HEADER, UPLOAD_COORDINATOR } from '../testing/upload-coordinator';
import { CohortImportService, ImportCancelledError, type CohortImportRequest } from './cohort-import.service';

// Synthetic people; five rows make three batches of two.
const MARCH: CohortImportRequest = {
  month: '2024-03',
  csv: [
    COHORT_HEADER,
    'A100001,,Ada,Testperson,01/02/1990,N1 1AA,80,40,N,licence',
    'B100002,,Ben,Exampleson,1985-06-15,,55,35,Y,custody',
    'C100003,,Cal,Sampleton,1992-11-30,N8 0AB,40,40,N,community order',
    'D100004,,Dee,Fictional,1988-03-03,,90,50,no,',
    'E100005,,Eve,Madeupname,1995-07-07,,76,31,N,licence',
  ].join('\n'),
  receivedAt: '2024-03-05T09:00:00.000Z',
};

/** The panel_cohort tables the upload's rows pass through, fed as the projection runtime feeds them. */
class CohortTables {
  private connection: Database.Database;
  private tables: VersionedProjectionDatabase;
  constructor() {
    ({ connection: this.connection, tables: this.tables } = emptyCohortTables());
  }
  project(events: readonly RecordedEvent[]): this {
    this.connection.transaction(() => cohortProjection.applyBatch?.(this.tables, events))();
    return this;
  }
  /** Person ids held for the month's uploads, and those counted as its evidence. */
  rows(month: string): { held: string[]; counted: string[] } {
    const ids = (table: string) =>
      this.connection
        .prepare<[string], string>(`SELECT person_id FROM ${this.tables.table(table)} WHERE month = ? ORDER BY 1`)
        .pluck()
        .all(month);
    return { held: ids('iom_upload_pending'), counted: ids('iom_upload_evidence') };
  }
  close(): void {
    this.connection.close();
  }
}

describe('an IOM upload a user cancels releases the rows it held', () => {
  let dir: string;
  let store: SqliteEventStore;
  let service: CohortImportService;
  const opened: CohortTables[] = [];
  const tables = () => {
    const fresh = new CohortTables();
    opened.push(fresh);
    return fresh;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'upload-cancelled-'));
    store = SqliteEventStore.inDataDir(dir, { synchronous: 'NORMAL' });
    service = new CohortImportService(store, new DeterministicPersonResolver(store), undefined, 2);
  });
  afterEach(async () => {
    for (const t of opened.splice(0)) t.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs `input` until its first batch is written, then aborts it for `reason`. */
  const stoppedAfterFirstBatch = async (input: CohortImportRequest, reason: 'cancelled' | 'shutdown') => {
    const controller = new AbortController();
    const run = {
      principal: UPLOAD_COORDINATOR,
      correlationId: 'job-1',
      signal: controller.signal,
      eventIdFor: eventIdsFor(input),
      progress: async () => controller.abort(reason),
    };
    await expect(service.run(input, run)).rejects.toBeInstanceOf(ImportCancelledError);
  };
  const completed = (input: CohortImportRequest) =>
    service.run(input, { principal: UPLOAD_COORDINATOR, correlationId: 'job-2', eventIdFor: eventIdsFor(input) });
  const log = () => store.readAll({});
  /** Everyone the file's rows name, as its batches recorded them. */
  const listed = async () => {
    const ids = new Set<string>();
    for (const event of await log())
      if (event.type === 'iom-cohort-batch-imported')
        for (const { personId } of (event.data as { people: { personId: string }[] }).people) ids.add(personId);
    return [...ids].sort();
  };
  /** Rebuilt from the log: every person of the file counted, none still held. */
  const expectEveryRowCounted = async () => {
    const everyone = await listed();
    expect(everyone).toHaveLength(5);
    expect(
      tables()
        .project(await log())
        .rows('2024-03'),
    ).toEqual({ held: [], counted: everyone });
  };

  it('holds nothing once cancelled, after a rebuild too; the same file uploaded again is counted when it completes', async () => {
    await stoppedAfterFirstBatch(MARCH, 'cancelled');
    const cancelledRun = await log();
    const live = tables().project(cancelledRun.filter((e) => e.type !== 'iom-cohort-upload-cancelled'));
    expect(live.rows('2024-03').held).toHaveLength(2);
    expect(cancelledRun.filter((e) => e.type === 'iom-cohort-upload-cancelled').map((e) => e.data)).toEqual([
      { month: '2024-03', fileDigest: expect.any(String) as string },
    ]);

    live.project(cancelledRun.filter((e) => e.type === 'iom-cohort-upload-cancelled'));
    expect(live.rows('2024-03')).toEqual({ held: [], counted: [] });
    expect(tables().project(cancelledRun).rows('2024-03')).toEqual({ held: [], counted: [] });

    // A new job for the same file: received later, so its writes are named apart from the cancelled one's.
    const report = await completed({ ...MARCH, receivedAt: '2024-03-06T09:00:00.000Z' });
    expect(report.summary).toMatchObject({ rows: 5, imported: 5, alreadyImported: false });
    const everything = await log();
    live.project(everything.slice(cancelledRun.length));
    const counted = { held: [], counted: await listed() };
    expect(counted.counted).toHaveLength(5);
    expect(live.rows('2024-03')).toEqual(counted);
    expect(tables().project(everything).rows('2024-03')).toEqual(counted);
  });

  it('holds the rows again when the cancelled job itself runs again under the same event ids, and counts them', async () => {
    await stoppedAfterFirstBatch(MARCH, 'cancelled');
    await completed(MARCH);
    await expectEveryRowCounted();
  });

  it('keeps the rows of an upload stopped by a shutdown for the resumed run, which counts them', async () => {
    await stoppedAfterFirstBatch(MARCH, 'shutdown');
    const interrupted = await log();
    expect(interrupted.map((e) => e.type)).not.toContain('iom-cohort-upload-cancelled');
    expect(tables().project(interrupted).rows('2024-03').held).toHaveLength(2);

    await completed(MARCH);
    await expectEveryRowCounted();
  });
});
