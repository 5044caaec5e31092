import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { seededRandom } from '../../../read-models/src/testing/random-log';
import { ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { tablesAfterRebuild, withoutApplyBatch } from '../../../read-models/src/testing/batch-equivalence';
import type { TableDump } from '../../../read-models/src/testing/table-dump';
import { caseRow } from './cohort-case-row';
import { storedCase, type CaseRow } from './cohort-columns';
import { trackedCaseOf } from './cohort-memo';
import { namesIn, renamed, type NameRow } from './cohort-people';
import { evolveTrackedCase, type TrackedCase } from './cohort-tracked-case';
import { cohortProjection } from './cohort.projection';
import { evolveCase, initialCaseState, type CaseEvent, type CaseState, type ReferralMade } from '../domain';
import { ukDayOf } from '../domain/calendar';
import type { MeetingHeld } from '../domain/events/meeting-events';
import { columnsAfterEachEvent, columnsByEvolveCase, type CaseColumns } from './testing/columns-by-evolve-case';
import { appendRandomCaseLog } from './testing/random-case-log';
import { wholeLog as wholeLogOf } from './testing/whole-log';

const EVENTS = 5_000;
const DERIVED = [
  'open_actions',
  'earliest_action_due',
  'next_meeting',
  'last_discussed',
  'iom_eligible',
  'iom_reason',
  'iom_reason_category',
  'iom_pathways',
  'alliance_residence',
  'alliance_outcome',
  'follow_up_due',
  'follow_up_from',
  'dash_score',
  'iom_expiry_month',
  'iom_expiry_reason',
  'last_engaged_on',
  'non_engagement_since',
  'unlocated_since',
] as const;

let fixture: ReadModelFixture;
/** The tables `apply` leaves, called on one event at a time (each row stored and read back in between). */
let eventByEvent: TableDump;
beforeAll(async () => {
  fixture = new ReadModelFixture();
  await appendRandomCaseLog(fixture.store, EVENTS, seededRandom(4243), { meetingsSettled: true });
  eventByEvent = await tablesAfterRebuild(fixture, withoutApplyBatch(cohortProjection));
});
afterAll(() => fixture.cleanUp());

const wholeLog = (): Promise<RecordedEvent[]> => wholeLogOf(fixture.store);

function byStream(events: readonly RecordedEvent[], prefix: string): Map<string, RecordedEvent[]> {
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of events.filter((e) => e.stream.startsWith(prefix))) {
    const id = event.stream.slice(prefix.length);
    streams.set(id, [...(streams.get(id) ?? []), event]);
  }
  return streams;
}

/**
 * Each case folded over its whole history in memory by the domain's `evolveCase`, nothing stored
 * and read back between events: what the tracker must show, whatever its own fold does.
 */
async function foldedInOneGo(): Promise<TableDump> {
  const events = await wholeLog();
  const cases: CaseColumns[] = [];
  // The listings each case still waits on, by the meeting's UK day.
  const waiting: { case_id: string; uk_day: string; meeting_id: string }[] = [];
  // The form's previous MARAC date of the referral that opened each case, when it was judged with it.
  const reported: { case_id: string; reported_on: string; repeat_from: string | null }[] = [];
  for (const [caseId, history] of byStream(events, 'case-')) {
    const columns = columnsByEvolveCase(caseId, history);
    if (columns === undefined) continue;
    cases.push(columns);
    const opening = (history.find((e) => e.type === 'referral-made') as ReferralMade | undefined)?.data.details;
    if (opening?.kind === 'marac' && opening.repeatFrom !== undefined && opening.previousMaracDateReported)
      reported.push({
        case_id: caseId,
        reported_on: opening.previousMaracDateReported,
        repeat_from: opening.repeatFrom,
      });
    const state = history.reduce(
      (folded, event) => evolveCase(folded, event as unknown as CaseEvent),
      initialCaseState(),
    );
    for (const { meetingId, meetingDate, discussedAt } of Object.values(state.exists ? state.listings : {}))
      if (discussedAt === null) waiting.push({ case_id: caseId, uk_day: ukDayOf(meetingDate), meeting_id: meetingId });
  }
  const people: (NameRow & { person_id: string })[] = [];
  for (const [personId, history] of byStream(events, 'person-')) {
    const name = history.reduce<NameRow | undefined>((current, e) => {
      const names = namesIn(e);
      return names === undefined ? current : renamed(current, names);
    }, undefined);
    if (name !== undefined) people.push({ person_id: personId, ...name });
  }
  // A meeting's latest held or cancelled, read straight off the event types.
  const meetings: { meeting_id: string; outcome: string }[] = [];
  for (const [meetingId, history] of byStream(events, 'meeting-')) {
    const last = history.filter((e) => e.type === 'meeting-held' || e.type === 'meeting-cancelled').at(-1);
    if (last !== undefined) meetings.push({ meeting_id: meetingId, outcome: last.type.slice('meeting-'.length) });
  }
  // The cases a meeting's latest record of it held names, whatever came after.
  const discussions: { meeting_id: string; case_id: string; held_at: string }[] = [];
  for (const [meetingId, history] of byStream(events, 'meeting-')) {
    const held = history.filter((e) => e.type === 'meeting-held').at(-1)?.data as MeetingHeld['data'] | undefined;
    for (const caseId of new Set(held?.casesDiscussed))
      discussions.push({ meeting_id: meetingId, case_id: caseId, held_at: held?.occurredAt as string });
  }
  // Each IOM case's latest word per track: words without a month by when they were true, then
  // position; those with one (expiry flags, the import's evaluations) by month then position.
  type Word = {
    case_id: string;
    track: string;
    person_id: string;
    month: string | null;
    eligible: number;
    position: number;
    occurred_at: string;
  };
  const eligibility = new Map<string, Word>();
  const uploadMonths: { case_id: string; month: string }[] = [];
  for (const [caseId, history] of byStream(events, 'case-')) {
    let state: CaseState = initialCaseState();
    for (const event of history) {
      state = evolveCase(state, event as unknown as CaseEvent);
      if (!state.exists || state.panel.kind !== 'iom') continue;
      const data = event.data as { eligible?: boolean; source?: string; month?: string; occurredAt: string };
      const occurred_at = new Date(data.occurredAt).toISOString();
      const word: Omit<Word, 'case_id' | 'person_id' | 'position'> | undefined =
        event.type === 'iom-eligibility-evaluated'
          ? {
              track: data.month !== undefined ? 'upload' : 'own',
              month: data.month ?? null,
              eligible: Number(data.eligible === true),
              occurred_at,
            }
          : event.type === 'iom-cohort-expiry-flagged'
            ? { track: 'upload', month: data.month as string, eligible: 0, occurred_at }
            : undefined;
      if (word === undefined) continue;
      const key = `${caseId}/${word.track}`;
      const known = eligibility.get(key);
      const later =
        word.track === 'own'
          ? word.occurred_at >= (known?.occurred_at ?? '')
          : (word.month ?? '') >= (known?.month ?? '');
      if (known === undefined || later)
        eligibility.set(key, { case_id: caseId, person_id: state.personId, ...word, position: Number(event.position) });
    }
    if (state.exists && state.panel.kind === 'iom' && state.panel.uploadMonth !== undefined)
      uploadMonths.push({ case_id: caseId, month: state.panel.uploadMonth });
  }
  // The dump's order: SQLite compares these ASCII keys as JavaScript does.
  const byKey = <T extends object>(rows: T[], key: keyof T): T[] =>
    rows.sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0));
  return {
    cases: byKey(cases, 'case_id'),
    iom_case_evidence: byKey(byKey([...eligibility.values()], 'track'), 'case_id'),
    iom_upload_evidence: [],
    iom_upload_month: byKey(uploadMonths, 'case_id'),
    iom_upload_pending: [],
    marac_reported: byKey(reported, 'case_id'),
    meeting_discussions: byKey(byKey(discussions, 'case_id'), 'meeting_id'),
    meetings: byKey(meetings, 'meeting_id'),
    people: byKey(people, 'person_id'),
    waiting_listings: byKey(byKey(byKey(waiting, 'meeting_id'), 'uk_day'), 'case_id'),
  };
}

describe('the panel cohort over a long random history', () => {
  it('is a history that reaches every phase and every derived column, for many cases and people', () => {
    const cases = eventByEvent['cases'] as CaseRow[];
    expect(cases.length).toBeGreaterThan(40);
    expect(new Set(cases.map((row) => row.phase))).toEqual(new Set(['referred', 'accepted', 'declined', 'closed']));
    for (const column of DERIVED) expect(new Set(cases.map((row) => row[column])).size).toBeGreaterThan(1);
    expect(new Set(cases.map((row) => row.marac_idva))).toEqual(
      new Set([null, 'started', 'arranged', 'completed', 'declined']),
    );
    // MARAC referrals judged under more than one repeat window.
    const windows = cases.map((row) => row.marac_repeat_window).filter((window) => window !== null);
    expect(new Set(windows).size).toBeGreaterThan(1);
    // A child still held with no release recorded, beside ones whose follow-up counts from the engagement.
    expect(cases.map((row) => row.follow_up_from)).toEqual(expect.arrayContaining(['engagement', 'awaiting-release']));
    expect(eventByEvent['people']?.length).toBeGreaterThan(20);
    // Previous MARAC dates from the form, judged with to a repeat and not.
    const reportedFrom = (eventByEvent['marac_reported'] as { repeat_from: string | null }[]).map((r) => r.repeat_from);
    expect(new Set(reportedFrom)).toEqual(new Set(['reported', null]));
    // Meetings settled both ways, some held and cancelled both (the latest counts).
    const outcomes = (eventByEvent['meetings'] as { outcome: string }[]).map((row) => row.outcome);
    expect(new Set(outcomes)).toEqual(new Set(['held', 'cancelled']));
    // Meetings held naming the cases they reached.
    const discussions = eventByEvent['meeting_discussions'] as { meeting_id: string }[];
    expect(discussions.length).toBeGreaterThan(20);
    expect(new Set(discussions.map((row) => row.meeting_id)).size).toBeGreaterThan(3);
  });

  it('opens IOM cases from forms with scores and without (not assessed until an evaluation)', async () => {
    const iomReferrals = [...byStream(await wholeLog(), 'case-').values()]
      .map((history) => (history[0]?.type === 'referral-made' ? (history[0] as unknown as ReferralMade) : undefined))
      .filter((made) => made?.data.details.kind === 'iom');
    const scored = iomReferrals.map((made) => made !== undefined && 'scores' in made.data.details);
    expect(new Set(scored)).toEqual(new Set([true, false]));
  });

  it('holds meetings more than once, so the latest record of one held has to name its cases', async () => {
    const heldAgain = [...byStream(await wholeLog(), 'meeting-').values()].filter(
      (history) => history.filter((e) => e.type === 'meeting-held').length > 1,
    );
    expect(heldAgain.length).toBeGreaterThan(2);
  });

  it('flags and clears IOM cohort expiry, and takes IDVA support away when its intervention is arranged again as something else', async () => {
    const turns = { expiryCleared: 0, idvaTakenAway: 0 };
    for (const [caseId, history] of byStream(await wholeLog(), 'case-')) {
      columnsAfterEachEvent(caseId, history).reduce((before, after) => {
        if (before?.iom_expiry_month != null && after?.iom_expiry_month === null) turns.expiryCleared++;
        if (before?.marac_idva != null && after?.marac_idva === null) turns.idvaTakenAway++;
        return after;
      }, undefined);
    }
    expect(turns.expiryCleared).toBeGreaterThan(0);
    expect(turns.idvaTakenAway).toBeGreaterThan(0);
  });

  it('enters IOM pathways out of time order, and shows the latest review by occurredAt, not the last entered', async () => {
    const stored = new Map((eventByEvent['cases'] as CaseRow[]).map((row) => [row.case_id, row.iom_pathways]));
    const outOfOrder: { shown: string | null | undefined; latest: string }[] = [];
    for (const [caseId, history] of byStream(await wholeLog(), 'case-')) {
      const reviews = history
        .filter((e) => e.type === 'iom-pathways-updated' && stored.get(caseId) != null)
        .map((e) => e.data as { pathways: string[]; occurredAt: string });
      const lastEntered = reviews.at(-1);
      // Ties go to the review entered later, as for RAG and status.
      const latest = reviews.reduce<(typeof reviews)[number] | undefined>(
        (kept, r) => (kept === undefined || Date.parse(r.occurredAt) >= Date.parse(kept.occurredAt) ? r : kept),
        undefined,
      );
      if (latest === undefined || JSON.stringify(latest.pathways) === JSON.stringify(lastEntered?.pathways)) continue;
      outOfOrder.push({ shown: stored.get(caseId), latest: JSON.stringify(latest.pathways) });
    }
    expect(outOfOrder.length).toBeGreaterThan(2);
    expect(outOfOrder.map(({ shown }) => shown)).toEqual(outOfOrder.map(({ latest }) => latest));
  });

  it("enters IOM cases' own eligibility words out of time order, and keeps the one true latest, not the last entered", async () => {
    type Stored = { case_id: string; track: string; position: number; occurred_at: string };
    const own = (eventByEvent['iom_case_evidence'] as Stored[]).filter((row) => row.track === 'own');
    const history = byStream(await wholeLog(), 'case-');
    const notLastEntered = own.filter((row) => {
      const words = (history.get(row.case_id) ?? []).filter(
        (e) => e.type === 'iom-eligibility-evaluated' && (e.data as { month?: string }).month === undefined,
      );
      const latest = Math.max(...words.map((e) => Date.parse((e.data as { occurredAt: string }).occurredAt)));
      return Number(words.at(-1)?.position) !== row.position && Date.parse(row.occurred_at) === latest;
    });
    expect(notLastEntered.length).toBeGreaterThan(2);
  });

  it('applyBatch leaves exactly the tables apply leaves event by event, wherever batch boundaries fall', async () => {
    for (const batchSize of [1, 13, 10_000]) {
      expect(await tablesAfterRebuild(fixture, cohortProjection, batchSize)).toEqual(eventByEvent);
    }
  });

  it('stores what folding each whole history with evolveCase in one go gives, though every event was stored and read back', async () => {
    const cases = (eventByEvent['cases'] as CaseRow[]).map(({ memo: _memo, ...columns }) => columns);
    expect({ ...eventByEvent, cases }).toEqual(await foldedInOneGo());
  });

  it('agrees with evolveCase after every event of every case, kept in memory or stored and loaded in between', async () => {
    for (const [caseId, history] of byStream(await wholeLog(), 'case-')) {
      let inMemory: TrackedCase | undefined;
      let reloaded: TrackedCase | undefined;
      const columnsAfter = (tracked: TrackedCase | undefined, position: bigint): CaseColumns | undefined => {
        if (tracked === undefined) return undefined;
        const { memo: _memo, ...columns } = caseRow(caseId, tracked, position);
        return columns;
      };
      const kept = history.map((event) => {
        inMemory = evolveTrackedCase(inMemory, event);
        reloaded = evolveTrackedCase(reloaded, event);
        // The upload month is kept beside the row and loaded with it (cohort.projection.ts).
        if (reloaded !== undefined) {
          const { iomUploadMonth } = reloaded;
          reloaded = trackedCaseOf(storedCase(caseRow(caseId, reloaded, event.position)));
          if (iomUploadMonth !== undefined) reloaded.iomUploadMonth = iomUploadMonth;
        }
        return [columnsAfter(inMemory, event.position), columnsAfter(reloaded, event.position)];
      });
      const expected = columnsAfterEachEvent(caseId, history);
      expect(kept).toEqual(expected.map((columns) => [columns, columns]));
    }
  });
});
