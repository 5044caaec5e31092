import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { ProjectionDefinition } from '../../../read-models/src/projection-definition';
import { seededRandom } from '../../../read-models/src/testing/random-log';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { dumpProjection, type TableDump } from '../../../read-models/src/testing/table-dump';
import { caseRow, evolveCaseFold, NO_CASE, type CaseRow } from './cohort-case-row';
import { namesIn, renamed, type NameRow } from './cohort-people';
import { cohortProjection } from './cohort.projection';
import { appendRandomCaseLog } from './testing/random-case-log';

const EVENTS = 5_000;
const DERIVED = [
  'open_actions',
  'earliest_action_due',
  'next_meeting',
  'last_discussed',
  'iom_eligible',
  'iom_reason',
  'iom_pathways',
  'alliance_outcome',
  'follow_up_due',
  'dash_score',
] as const;

let fixture: ReadModelFixture;
/** The tables `apply` leaves, called on one event at a time (each row stored and read back in between). */
let eventByEvent: TableDump;
beforeAll(async () => {
  fixture = new ReadModelFixture();
  await appendRandomCaseLog(fixture.store, EVENTS, seededRandom(4242));
  const { applyBatch: _batched, ...withoutBatches } = cohortProjection;
  eventByEvent = await rebuilt('event-by-event.sqlite', withoutBatches);
});
afterAll(() => fixture.cleanUp());

async function rebuilt(file: string, projection: ProjectionDefinition, batchSize?: number): Promise<TableDump> {
  const db = fixture.open(file);
  const [status] = await fixture.runtime(db, [projection], batchSize === undefined ? {} : { batchSize }).rebuild();
  expect(status).toMatchObject({ state: 'live', position: BigInt(EVENTS - 1) });
  return dumpProjection(db, cohortProjection.name);
}

async function wholeLog(): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let page = await fixture.store.readAll(); page.length > 0; ) {
    events.push(...page);
    page = await fixture.store.readAll({ fromPosition: page[page.length - 1]?.position });
  }
  return events;
}

function byStream(events: readonly RecordedEvent[], prefix: string): Map<string, RecordedEvent[]> {
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of events.filter((e) => e.stream.startsWith(prefix))) {
    const id = event.stream.slice(prefix.length);
    streams.set(id, [...(streams.get(id) ?? []), event]);
  }
  return streams;
}

/** Each case folded over its whole history in memory, nothing stored and read back between events. */
async function foldedInOneGo(): Promise<TableDump> {
  const events = await wholeLog();
  const cases: CaseRow[] = [];
  for (const [caseId, history] of byStream(events, 'case-')) {
    const row = caseRow(caseId, history.reduce(evolveCaseFold, NO_CASE), history[history.length - 1]!.position);
    if (row !== undefined) cases.push(row);
  }
  const people: (NameRow & { person_id: string })[] = [];
  for (const [personId, history] of byStream(events, 'person-')) {
    const name = history.reduce<NameRow | undefined>((current, e) => {
      const names = namesIn(e);
      return names === undefined ? current : renamed(current, names);
    }, undefined);
    if (name !== undefined) people.push({ person_id: personId, ...name });
  }
  // The dump's order: SQLite compares these ASCII keys as JavaScript does.
  const byKey = <T extends object>(rows: T[], key: keyof T): T[] =>
    rows.sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0));
  return { cases: byKey(cases, 'case_id'), people: byKey(people, 'person_id') };
}

describe('the panel cohort over a long random history', () => {
  it('is a history that reaches every phase and every derived column, for many cases and people', () => {
    const cases = eventByEvent['cases'] as CaseRow[];
    expect(cases.length).toBeGreaterThan(40);
    expect(new Set(cases.map((row) => row.phase))).toEqual(new Set(['referred', 'accepted', 'declined', 'closed']));
    for (const column of DERIVED) expect(new Set(cases.map((row) => row[column])).size).toBeGreaterThan(1);
    expect(eventByEvent['people']?.length).toBeGreaterThan(20);
  });

  it('applyBatch leaves exactly the tables apply leaves event by event, wherever batch boundaries fall', async () => {
    for (const batchSize of [1, 13, 10_000]) {
      expect(await rebuilt(`batched-${batchSize}.sqlite`, cohortProjection, batchSize)).toEqual(eventByEvent);
    }
  });

  it('stores what folding each whole history with evolveCase in one go gives, though every event was stored and read back', async () => {
    expect(eventByEvent).toEqual(await foldedInOneGo());
  });
});
