import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { CasePersonRow } from '../domain/referral-rows';
import type { DerivedRow, StreamSubjectRow, TrailContent } from '../domain/trail-consistency';
import { ENTRY_COLUMN_NAMES, TrailWriter, type CaseRole, type TrailSink } from './trail-entry';

/** An entry's act as the `acts` table holds it. */
export type ActTuple = readonly [actorId: unknown, actorName: unknown, actorAgency: unknown, action: unknown];
/** One `subjects` row of an entry: kind, id, place named. */
export type Link = readonly [kind: unknown, id: unknown, named: unknown];

/** The entry's own columns compared: all but its key and the act key (compared as the act's fields). */
export const COMPARED_COLUMNS = ENTRY_COLUMN_NAMES.filter((name) => name !== 'position' && name !== 'act');
export const ACT_FIELDS = ['actor_id', 'actor_name', 'actor_agency', 'action'] as const;
/** What a row's content holds, in order: its columns, its act's fields, its links (`subjects`, sorted). */
export const CONTENT_NAMES: readonly string[] = [...COMPARED_COLUMNS, ...ACT_FIELDS, 'subjects'];
const COLUMN_INDEXES = COMPARED_COLUMNS.map((name) => ENTRY_COLUMN_NAMES.indexOf(name));

/**
 * Everything one entry stores, as text in `CONTENT_NAMES` order: the shape both stored and derived
 * rows are read into, so they compare value by value. `indexes`: where each of `COMPARED_COLUMNS`
 * sits in `columns` (the writer's order, or a query's); `act`: its `ACT_FIELDS`.
 */
export function entryContent(
  columns: readonly unknown[],
  indexes: readonly number[],
  act: ActTuple | readonly unknown[] | undefined,
  links: readonly Link[] | undefined,
): TrailContent {
  const values: (string | null)[] = [];
  for (const index of indexes) values.push(text(columns[index]));
  for (let i = 0; i < ACT_FIELDS.length; i++) values.push(text(act?.[i]));
  values.push(links === undefined || links.length === 0 ? null : linkText(links));
  return { names: CONTENT_NAMES, values };
}

const linkText = (links: readonly Link[]): string =>
  links
    .map(([kind, id, named]) => `${text(kind) ?? ''}:${text(id) ?? ''}@${text(named) ?? ''}`)
    .sort()
    .join(' ');

/** The rows kept of what a stream is about, before a position, as the projection reads them back. */
export type StreamSubjectsBefore = (stream: string, before: bigint) => { kind: 'case' | 'person'; id: string }[];

/**
 * Runs the projection's own `TrailWriter` over `events` (in log order) with its writes captured
 * instead of made, so verification compares stored rows with exactly what the projection derives.
 * Each event's writes are kept apart: how they combine in the tables (a repeated link or case
 * person keeps its first row, a case its last panel) is the comparison's business. The one thing
 * the writer reads back, what a disclosure's or meeting's stream is about, is read from the stored
 * rows as they stood before the event (`streamSubjectsBefore`); each of those rows is checked in
 * turn against the event that wrote it.
 */
export function derivedTrail(
  events: Iterable<RecordedEvent>,
  streamSubjectsBefore: StreamSubjectsBefore,
): Map<bigint, DerivedRow> {
  const capture = new TrailCapture(streamSubjectsBefore);
  const writer = new TrailWriter(capture);
  for (const event of events) {
    capture.recording(event);
    writer.record(event);
  }
  writer.finish();
  return capture.derived();
}

interface CapturedReferral {
  readonly caseId: string;
  readonly first: boolean;
  readonly people: Map<string, CasePersonRow>;
  panel: string | null;
}

class TrailCapture implements TrailSink {
  private readonly acts: ActTuple[] = [];
  private readonly entries = new Map<bigint, { columns: unknown[]; act: ActTuple | undefined }>();
  private readonly links = new Map<bigint, Map<string, Link>>();
  private readonly referrals = new Map<bigint, CapturedReferral>();
  private readonly streamRows = new Map<bigint, StreamSubjectRow[]>();
  /** The event being recorded: case people and panels are written for it, and do not name it. */
  private current: RecordedEvent | undefined;

  readonly insertEntry = { run: (values: unknown[]) => this.addEntries(values) };
  readonly insertEntries = { run: (values: unknown[]) => this.addEntries(values) };
  // No act is ever found, so each new one is "inserted" and its key is its index here.
  readonly actKey = { get: () => undefined };
  readonly addAct = {
    run: (id: string, name: string, agency: string, action: string) => ({
      lastInsertRowid: this.acts.push([id, name, agency, action]) - 1,
    }),
  };
  readonly link = {
    run: (position: bigint, kind: string, id: unknown, named: number) => {
      let links = this.links.get(position);
      if (links === undefined) this.links.set(position, (links = new Map<string, Link>()));
      const key = `${kind}:${text(id)}`;
      if (!links.has(key)) links.set(key, [kind, id, named]);
    },
  };
  readonly addCasePerson = {
    run: (caseId: string, personId: unknown, since: bigint, role: CaseRole) => {
      const people = this.referral(caseId).people;
      const id = String(personId);
      if (!people.has(id)) people.set(id, { personId: id, role, since });
    },
  };
  readonly setCasePanel = {
    run: (caseId: string, panel: string) => {
      this.referral(caseId).panel = panel;
    },
  };
  // Stretches bound positions by time for queries; they are not part of any one entry.
  readonly widen = { run: () => undefined };
  readonly addStreamSubject = {
    run: (stream: string, kind: 'case' | 'person', id: string, since: bigint) => {
      const rows = this.streamRows.get(since);
      if (rows === undefined) this.streamRows.set(since, [{ stream, kind, id }]);
      else rows.push({ stream, kind, id });
    },
  };
  readonly streamSubjects = {
    all: (stream: string) => this.streamSubjectsBefore(stream, this.recordingNow().position),
  };

  constructor(private readonly streamSubjectsBefore: StreamSubjectsBefore) {}

  recording(event: RecordedEvent): void {
    this.current = event;
  }

  derived(): Map<bigint, DerivedRow> {
    const derived = new Map<bigint, DerivedRow>();
    for (const [position, { columns, act }] of this.entries) {
      const links = this.links.get(position);
      const content = entryContent(columns, COLUMN_INDEXES, act, links === undefined ? undefined : [...links.values()]);
      const referral = this.referrals.get(position);
      const streamSubjects = this.streamRows.get(position);
      derived.set(position, {
        content,
        ...(referral === undefined ? {} : { referral: { ...referral, people: [...referral.people.values()] } }),
        ...(streamSubjects === undefined ? {} : { streamSubjects }),
      });
    }
    return derived;
  }

  private referral(caseId: string): CapturedReferral {
    const event = this.recordingNow();
    let referral = this.referrals.get(event.position);
    if (referral === undefined) {
      referral = { caseId, first: event.revision === 0n, people: new Map(), panel: null };
      this.referrals.set(event.position, referral);
    }
    return referral;
  }

  private recordingNow(): RecordedEvent {
    if (this.current === undefined) throw new Error('trail rows written outside an event');
    return this.current;
  }

  /** The writer passes one entry or a batch of them, `ENTRY_COLUMN_NAMES.length` values each. */
  private addEntries(values: readonly unknown[]): void {
    const width = ENTRY_COLUMN_NAMES.length;
    for (let start = 0; start + width <= values.length; start += width) {
      const columns = values.slice(start, start + width);
      this.entries.set(columns[POSITION] as bigint, { columns, act: this.acts[Number(columns[ACT])] });
    }
  }
}

const POSITION = ENTRY_COLUMN_NAMES.indexOf('position');
const ACT = ENTRY_COLUMN_NAMES.indexOf('act');

/**
 * A value as text, whichever side it comes from: null stays null, numbers and bigints print alike
 * (the writer's `1n` and SQLite's `1`). A column holds nothing else; anything else prints as JSON.
 */
function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return value.toString();
  return JSON.stringify(value);
}
