import Database from 'better-sqlite3';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { VersionedProjectionDatabase } from '../../../read-models/src/projection-database';
import { seededRandom } from '../../../read-models/src/testing/random-log';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { evolveCase, initialCaseState, type CaseEvent, type CaseRecord } from '../domain';
import type { MeetingHeld } from '../domain/events/meeting-events';
import { cohortRows } from './cohort-rows';
import { cohortProjection } from './cohort.projection';
import { appendRandomCaseLog } from './testing/random-case-log';
import { wholeLog } from './testing/whole-log';

const PANELS = ['MARAC', 'IOM', 'ALLIANCE', 'OTHER'];

let fixture: ReadModelFixture;
let log: RecordedEvent[];
beforeAll(async () => {
  fixture = new ReadModelFixture();
  await appendRandomCaseLog(fixture.store, 5_000, seededRandom(9191), { meetingsSettled: true });
  log = await wholeLog(fixture.store);
});
afterAll(() => fixture.cleanUp());

/** The tracker's last discussion of every open case, from tables fed the whole log. */
function trackerLastDiscussed(): Map<string, string | null> {
  const connection = new Database(':memory:');
  try {
    const tables = new VersionedProjectionDatabase(connection, cohortProjection.name, cohortProjection.version);
    cohortProjection.migrate(tables);
    const projected = log.filter((event) => cohortProjection.streamPrefixes?.some((p) => event.stream.startsWith(p)));
    connection.transaction(() => cohortProjection.applyBatch?.(tables, projected))();
    const rows = PANELS.flatMap(
      (panel) =>
        cohortRows(connection, tables, {}, panel, new Date('2024-12-31T12:00:00Z'), {
          personOfCase: (_, personId) => personId,
          idsOf: (personId) => [personId],
        }).rows,
    );
    return new Map(rows.map((row) => [row.case_id, row.last_discussed]));
  } finally {
    connection.close();
  }
}

/** Each meeting's latest record of it held: when it sat and whom it named. */
function meetingsHeld(): Map<string, MeetingHeld['data']> {
  const held = new Map<string, MeetingHeld['data']>();
  for (const event of log)
    if (event.stream.startsWith('meeting-') && event.type === 'meeting-held')
      held.set(event.stream.slice('meeting-'.length), event.data as MeetingHeld['data']);
  return held;
}

function casesByEvolveCase(): Map<string, CaseRecord> {
  const states = new Map<string, ReturnType<typeof initialCaseState>>();
  for (const event of log.filter((e) => e.stream.startsWith('case-'))) {
    const caseId = event.stream.slice('case-'.length);
    states.set(caseId, evolveCase(states.get(caseId) ?? initialCaseState(), event as unknown as CaseEvent));
  }
  const cases = new Map<string, CaseRecord>();
  for (const [caseId, state] of states) if (state.exists) cases.set(caseId, state);
  return cases;
}

describe("the tracker's last discussion of a case", () => {
  it('is the latest of its own discussions and the sittings of the meetings it is listed on that were recorded held naming it', () => {
    const held = meetingsHeld();
    const cases = casesByEvolveCase();
    const shown = trackerLastDiscussed();
    const seen = { heldLater: 0, ownLater: 0, namedUnlisted: 0 };
    for (const [caseId, lastDiscussed] of shown) {
      const record = cases.get(caseId) as CaseRecord;
      const own = Object.values(record.listings).flatMap((l) => (l.discussedAt === null ? [] : [l.discussedAt]));
      const sittings: string[] = [];
      for (const [meetingId, { casesDiscussed, occurredAt }] of held) {
        if (!casesDiscussed.includes(caseId)) continue;
        if (Object.hasOwn(record.listings, meetingId)) sittings.push(occurredAt);
        else seen.namedUnlisted++;
      }
      const latest = (times: string[]) => times.sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1) ?? null;
      const [ownLatest, heldLatest] = [latest(own), latest(sittings)];
      expect([caseId, lastDiscussed]).toEqual([caseId, latest([...own, ...sittings])]);
      if (heldLatest !== null && (ownLatest === null || heldLatest > ownLatest)) seen.heldLater++;
      if (ownLatest !== null && heldLatest !== null && ownLatest > heldLatest) seen.ownLater++;
    }
    expect(seen.heldLater).toBeGreaterThan(5);
    expect(seen.ownLater).toBeGreaterThan(1);
    expect(seen.namedUnlisted).toBeGreaterThan(0);
  });
});
