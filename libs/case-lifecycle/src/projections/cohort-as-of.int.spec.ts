import Database from 'better-sqlite3';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { VersionedProjectionDatabase } from '../../../read-models/src/projection-database';
import { eventFilter } from '../../../read-models/src/projection-definition';
import { seededRandom } from '../../../read-models/src/testing/random-log';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { endOfUkDay } from '../domain/calendar';
import { CohortAsOf } from './cohort-as-of';
import { cohortProjection } from './cohort.projection';
import { appendRandomCaseLog } from './testing/random-case-log';

let fixture: ReadModelFixture;
let log: RecordedEvent[];
beforeAll(async () => {
  fixture = new ReadModelFixture();
  // Each event's occurredAt is drawn at random over 2024, so the log is full of late recordings.
  await appendRandomCaseLog(fixture.store, 3_000, seededRandom(77), { meetingsSettled: true });
  log = [];
  for (let page = await fixture.store.readAll(); page.length > 0; ) {
    log.push(...page);
    page = await fixture.store.readAll({ fromPosition: page[page.length - 1]?.position });
  }
});
afterAll(() => fixture.cleanUp());

function dump(db: Database.Database): Record<string, unknown[]> {
  const tables = db
    .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .pluck()
    .all();
  return Object.fromEntries(
    tables.map((table) => {
      const columns = db.prepare(`SELECT * FROM "${table}" LIMIT 0`).columns().length;
      const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
      return [table, db.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).all()];
    }),
  );
}

/** A listing counts by its meeting's day too: a case discussed there was on the agenda by then. */
const happenedBy = (event: RecordedEvent, endOfDay: number): boolean => {
  const { occurredAt, meetingDate } = event.data as { occurredAt?: string; meetingDate?: string };
  const listedByMeeting =
    event.type === 'case-listed' && meetingDate !== undefined && Date.parse(meetingDate) <= endOfDay;
  return listedByMeeting || Date.parse(occurredAt ?? event.metadata.occurredAt) <= endOfDay;
};

/** The streams the projection declares (cases, people, meetings). */
const projected = eventFilter(cohortProjection);

/** What the as-of view means, written the plain way: every event of its streams that had happened by then, one `apply` each, in log order. */
function oneByOne(endOfDay: number): Record<string, unknown[]> {
  const scratch = new Database(':memory:');
  try {
    const db = new VersionedProjectionDatabase(scratch, cohortProjection.name, cohortProjection.version);
    cohortProjection.migrate(db);
    for (const event of log) {
      if (projected(event) && happenedBy(event, endOfDay)) cohortProjection.apply(db, event);
    }
    return dump(scratch);
  } finally {
    scratch.close();
  }
}

async function replayed(day: string, pageSize: number): Promise<Record<string, unknown[]>> {
  const scratch = new Database(':memory:');
  try {
    await new CohortAsOf(scratch, day).catchUp(fixture.store, { pageSize });
    return dump(scratch);
  } finally {
    scratch.close();
  }
}

describe('the cohort as of a past day', () => {
  it.each(['2024-03-15', '2024-06-15', '2024-08-12'])(
    'on %s equals applying, one by one, every event that had happened by then',
    async (day) => {
      const expected = oneByOne(endOfUkDay(day) ?? Number.NaN);
      // Pages of 333 put page boundaries in the middle of cases' histories.
      expect(await replayed(day, 333)).toEqual(expected);
      expect(await replayed(day, 10_000)).toEqual(expected);
    },
  );

  it('counts an event recorded late about an earlier day, and not one recorded early about a later day', async () => {
    const endOfDay = endOfUkDay('2024-05-15') ?? Number.NaN;
    const lateButEarlier = log.findIndex(
      (event, i) => i > 0 && happenedBy(event, endOfDay) && log.slice(0, i).some((e) => !happenedBy(e, endOfDay)),
    );
    expect(lateButEarlier).toBeGreaterThan(0);
    const cases = (tables: Record<string, unknown[]>) =>
      tables[`${cohortProjection.name}_v${cohortProjection.version}_cases`] ?? [];
    const then = cases(await replayed('2024-05-15', 500));
    const now = cases(await replayed('2025-01-01', 500));
    const referredBy = new Set(
      log
        .filter((e) => e.type === 'referral-made' && happenedBy(e, endOfDay))
        .map((e) => e.stream.slice('case-'.length)),
    );
    expect(then.map((row) => (row as { case_id: string }).case_id).sort()).toEqual([...referredBy].sort());
    expect(then.length).toBeLessThan(now.length);
  });

  it('replays meetings held and cancelled too, which decide the next meeting', async () => {
    const tables = await replayed('2024-08-12', 500);
    const meetings = Object.entries(tables).find(([table]) => table.endsWith('_meetings'))?.[1] ?? [];
    expect(meetings.length).toBeGreaterThan(0);
  });
});
