/**
 * Seeds an embedded event store with a realistic case-coordination log for the projections
 * benchmark: waves of cases on IOM, MARAC and Operation Alliance progressing side by side, with
 * their people and panel meetings, one append per command through the real SqliteEventStore.
 */
import type { Actor, EventMetadata, EventToAppend } from '../libs/event-store/src/port/event-envelope';
import type { EventStore } from '../libs/event-store/src/port/event-store';
import { BenchRandom } from './projections-random';
import {
  caseStory,
  StoryWriter,
  type Meeting,
  type PanelCode,
  type Step,
  type StoryContext,
} from './projections-stories';

export interface SeededLog {
  readonly events: number;
  readonly appends: number;
  readonly cases: number;
  readonly streams: number;
  readonly largestStream: number;
  readonly seconds: number;
  /** Commands the deciders refused (the generator's own mistakes); should be empty. */
  readonly refused: ReadonlyMap<string, number>;
}

/**
 * Cases that progress at the same time: their commands interleave in the log. A wave is about
 * 30,000 events, so a case's ~20 events are spread over that much log and a 10,000-event batch
 * holds a handful of them: about the locality of a partnership's caseload (a case gets a few
 * events a week while a thousand or so others are active), not the best case for folding.
 */
const WAVE_CASES = 1_500;
const CASES_PER_MEETING = 25;
const START = Date.parse('2021-01-04T09:00:00Z');
const WAVE_MS = 14 * 86_400_000;
/** Roughly how partnerships' caseloads compare: MARAC busiest, Alliance smallest. */
const PANEL_MIX: readonly PanelCode[] = [
  'MARAC',
  'MARAC',
  'MARAC',
  'MARAC',
  'IOM',
  'IOM',
  'IOM',
  'ALLIANCE',
  'ALLIANCE',
];

function actors(random: BenchRandom): Actor[] {
  return Array.from({ length: 40 }, (_, i) => ({
    id: random.uuid(),
    name: `Synthetic User ${i}`,
    agency: ['Metropolitan Police', 'Probation', 'Haringey Council', 'IDVA Service'][i % 4] as string,
    roles: [i % 5 === 0 ? 'practitioner' : 'coordinator'],
  }));
}

/** Round-robin over the wave's stories so cases' commands interleave as they do in real use. */
function interleave(stories: readonly Step[][]): Step[] {
  const out: Step[] = [];
  const cursors = stories.map(() => 0);
  let remaining = stories.reduce((sum, story) => sum + story.length, 0);
  while (remaining > 0) {
    stories.forEach((story, i) => {
      const step = story[cursors[i] ?? 0];
      if (step === undefined) return;
      out.push(step);
      cursors[i] = (cursors[i] ?? 0) + 1;
      remaining--;
    });
  }
  return out;
}

/** Appends about `targetEvents` events (stops after the wave that reaches it). */
export async function seedCaseLog(store: EventStore, targetEvents: number, seed = 4): Promise<SeededLog> {
  const started = performance.now();
  const random = new BenchRandom(seed);
  const writer = new StoryWriter();
  const users = actors(random);
  const knownPeople: string[] = [];
  const streamSizes = new Map<string, number>();
  let events = 0;
  let appends = 0;
  let cases = 0;
  for (let wave = 0; events < targetEvents; wave++) {
    const waveStart = START + wave * WAVE_MS;
    const meetings = new Map<string, Meeting>();
    const meetingSteps: Step[] = [];
    const ctx: StoryContext = {
      random,
      writer,
      knownPeople,
      meetingFor(panel, cycle) {
        // Cases of the same panel and cycle share meetings, CASES_PER_MEETING at a time.
        const slot = Math.floor((cases % WAVE_CASES) / CASES_PER_MEETING);
        const key = `${panel}/${cycle}/${slot}`;
        let meeting = meetings.get(key);
        if (meeting === undefined) {
          // A wave's referrals run over its first 31 days and a case is listed a week before its meeting:
          // the first meeting (day 56) lists every case after it was referred.
          const date = new Date(waveStart + (cycle + 2) * 28 * 86_400_000).toISOString();
          meeting = { meetingId: random.uuid(), panel, date };
          meetings.set(key, meeting);
          writer.onMeeting(meetingSteps, meeting.meetingId, {
            type: 'schedule-meeting',
            data: {
              meetingId: meeting.meetingId,
              panelCode: panel,
              scheduledFor: date,
              chair: 'Synthetic Chair',
              occurredAt: new Date(waveStart).toISOString(),
            },
          });
        }
        return meeting;
      },
    };
    const stories: Step[][] = [];
    for (let i = 0; i < WAVE_CASES && events < targetEvents; i++, cases++) {
      const story = caseStory(ctx, random.pick(PANEL_MIX), waveStart + i * 1_800_000);
      stories.push(story);
      for (const step of story) events += step.events.length;
    }
    for (const step of meetingSteps) events += step.events.length;
    // Meetings are scheduled before anything is listed on them.
    const ordered = [...meetingSteps, ...interleave(stories)];
    for (const step of ordered) {
      await store.append(step.stream, toAppend(step, random, users), { expected: 'any' });
      streamSizes.set(step.stream, (streamSizes.get(step.stream) ?? 0) + step.events.length);
      appends++;
    }
    writer.forget();
  }
  let largestStream = 0;
  for (const size of streamSizes.values()) largestStream = Math.max(largestStream, size);
  return {
    events,
    appends,
    cases,
    streams: streamSizes.size,
    largestStream,
    seconds: (performance.now() - started) / 1000,
    refused: writer.refused,
  };
}

function toAppend(step: Step, random: BenchRandom, users: readonly Actor[]): EventToAppend[] {
  const correlationId = random.uuid();
  const metadata: EventMetadata = {
    actor: random.pick(users),
    correlationId,
    causationId: correlationId,
    occurredAt: step.occurredAt,
    recordedAt: step.occurredAt,
    schemaVersion: 1,
  };
  return step.events.map((event) => ({ id: random.uuid(), type: event.type, data: event.data, metadata }));
}
