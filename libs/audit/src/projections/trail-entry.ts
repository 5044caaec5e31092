import type { Actor, RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { ProjectionDatabase } from '../../../read-models/src/projection-definition';
import { AUDIT_STREAM_CATEGORY } from '../application/read-audit-event';
import type { ReadAuditAction } from '../../../platform/src/audit/read-audit';
import { collectNamedIds, NamedIds } from './named-ids';
import { StreamSubjectsKept, streamSubjectStatements, type StreamSubjectSink } from './trail-stream-subjects';
import { StretchTimes, stretchStatements, type StretchWidening } from './trail-stretches';

/** Person-key claims hold salted hashes only; they are sealed in the chain but are not a trail entry. */
const PERSON_KEY_STREAM = 'personkey-';
export const READ_STREAM = `${AUDIT_STREAM_CATEGORY}-`;
export const CASE_STREAM = 'case-';
export const PERSON_STREAM = 'person-';
export const PERSON_VIEWED: ReadAuditAction = 'person-viewed';
/**
 * Case-lifecycle records a MARAC referral made before the perpetrator is identified with this id
 * in `perpetrator.personId`. It is nobody: as a person of the trail it would gather every such
 * case under `?personId=not-known` and list a person no one can be.
 */
export const PERPETRATOR_NOT_KNOWN = 'not-known';
const NOTHING: Record<string, unknown> = {};
const NONE: readonly unknown[] = [];

/** An entry's columns in the order the writer fills them (`ENTRY_WIDTH` values per entry). */
export const ENTRY_COLUMN_NAMES = [
  'position',
  'at',
  'act',
  'event_id',
  'stream',
  'revision',
  'case_id',
  'person_id',
  'purpose',
  'occurred_at',
  'correlation_id',
  'detail',
] as const;
const ENTRY_COLUMNS = ENTRY_COLUMN_NAMES.join(', ');
const ENTRY_VALUES = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
const ENTRY_WIDTH = ENTRY_COLUMN_NAMES.length;
/** Entries go in many to a statement: most of a one-row insert's cost is the call, not the row. */
const ENTRIES_PER_INSERT = 64;

export const trailStatements = (db: ProjectionDatabase) => ({
  insertEntry: db.prepare(`INSERT INTO ${db.table('entries')} (${ENTRY_COLUMNS}) VALUES ${ENTRY_VALUES}`),
  insertEntries: db.prepare(
    `INSERT INTO ${db.table('entries')} (${ENTRY_COLUMNS}) VALUES ${Array(ENTRIES_PER_INSERT).fill(ENTRY_VALUES).join(', ')}`,
  ),
  actKey: db
    .prepare<
      number,
      [string, string, string, string]
    >(`SELECT key FROM ${db.table('acts')} WHERE actor_id = ? AND actor_name = ? AND actor_agency = ? AND action = ?`)
    .pluck(),
  addAct: db.prepare<unknown, [string, string, string, string]>(
    `INSERT INTO ${db.table('acts')} (actor_id, actor_name, actor_agency, action) VALUES (?, ?, ?, ?)`,
  ),
  link: db.prepare<unknown, [bigint, string, unknown, number]>(
    `INSERT OR IGNORE INTO ${db.table('subjects')} (position, kind, id, named) VALUES (?, ?, ?, ?)`,
  ),
  addCasePerson: db.prepare<unknown, [string, unknown, bigint, CaseRole]>(
    `INSERT OR IGNORE INTO ${db.table('case_people')} (case_id, person_id, since, role) VALUES (?, ?, ?, ?)`,
  ),
  setCasePanel: db.prepare<unknown, [string, string]>(
    `INSERT OR REPLACE INTO ${db.table('case_panels')} (case_id, panel) VALUES (?, ?)`,
  ),
  ...stretchStatements(db),
  ...streamSubjectStatements(db),
});
/** `subject`: the person the case is about (the referral's `personId`); `named`: anyone else it names. */
export type CaseRole = 'subject' | 'named';

/**
 * What `TrailWriter` writes through: the projection's statements (`trailStatements`), or audit
 * verification's capture of what the writer would write for a sealed event, compared with the
 * stored rows. One derivation serves both, so the check cannot drift from the projection.
 */
export interface TrailSink extends StreamSubjectSink {
  readonly insertEntry: { run(values: unknown[]): unknown };
  /** `ENTRIES_PER_INSERT` entries in one array, reused by the writer after the call. */
  readonly insertEntries: { run(values: unknown[]): unknown };
  readonly actKey: { get(id: string, name: string, agency: string, action: string): number | undefined };
  readonly addAct: {
    run(id: string, name: string, agency: string, action: string): { lastInsertRowid: number | bigint };
  };
  readonly link: { run(position: bigint, kind: string, id: unknown, named: number): unknown };
  readonly addCasePerson: { run(caseId: string, personId: unknown, since: bigint, role: CaseRole): unknown };
  readonly setCasePanel: { run(caseId: string, panel: string): unknown };
  readonly widen: StretchWidening;
}

const idAfter = (prefix: string, stream: string): string | undefined =>
  stream.length > prefix.length && stream.startsWith(prefix) ? stream.slice(prefix.length) : undefined;

const asString = (value: unknown): string | null => (typeof value === 'string' ? value : null);

const asList = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : NONE);

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : NOTHING;

/**
 * What a read entry shows beyond its columns; writes have none (their data stays in the log). A
 * view's `access` (the panel or disclosures it was shown through) is kept so an auditor can check
 * the view against the reader's entitlement without going back to the log; a refused view's
 * `refused` (what was attempted, on which route, the status and rule it was answered with).
 */
function readDetail(data: Record<string, unknown>): string | null {
  const { parameters, pathParameters, resultCount, subject, access, refused } = data;
  if (
    parameters === undefined &&
    pathParameters === undefined &&
    resultCount === undefined &&
    subject === undefined &&
    access === undefined &&
    refused === undefined
  ) {
    return null;
  }
  return JSON.stringify({ parameters, pathParameters, resultCount, subject, access, refused });
}

/**
 * Writes trail entries for one call of `apply` or `applyBatch`; `finish` writes what it holds
 * back. Whatever it remembers (act keys, entries not yet inserted) lives only that long: a
 * batch that fails is rolled back, and anything kept across it could name rows never committed.
 */
export class TrailWriter {
  private readonly actKeys = new Map<string, { name: string; agency: string; actions: Map<string, number> }>();
  /** Entries not yet inserted, `ENTRY_WIDTH` values each. */
  private readonly pending: unknown[] = new Array(ENTRY_WIDTH * ENTRIES_PER_INSERT);
  private held = 0;
  private readonly named = new NamedIds();
  private readonly stretches: StretchTimes;
  private readonly streams: StreamSubjectsKept;

  constructor(private readonly s: TrailSink) {
    this.stretches = new StretchTimes(s.widen);
    this.streams = new StreamSubjectsKept(s);
  }

  /**
   * One event as one trail entry. Its own case and person go in the entry's columns, any other
   * case or person it names becomes a `subjects` row. A referral records its case's people once
   * (`case_people`); nothing is written per event for the people of a case. An event on a
   * disclosure's or meeting's stream that names none of what it concerns (a meeting called off, an
   * old revocation) is filed under what the stream's earlier events named (`StreamSubjectsKept`).
   */
  record(event: RecordedEvent): void {
    const stream = event.stream;
    if (stream.startsWith(PERSON_KEY_STREAM)) return;
    const data = (typeof event.data === 'object' && event.data !== null ? event.data : NOTHING) as Record<
      string,
      unknown
    >;
    const isRead = stream.startsWith(READ_STREAM);
    let caseIds: readonly unknown[];
    let personIds: readonly unknown[];
    if (isRead) {
      caseIds = asList(data['caseIds']);
      personIds = asList(data['personIds']);
    } else {
      const named = collectNamedIds(data, this.named);
      const namesNothing = named.caseIds.length === 0 && named.personIds.length === 0;
      const filed = this.streams.subjectsOf(stream, event.type, namesNothing) ?? named;
      caseIds = filed.caseIds;
      personIds = filed.personIds;
    }
    if (personIds.includes(PERPETRATOR_NOT_KNOWN)) personIds = personIds.filter((id) => id !== PERPETRATOR_NOT_KNOWN);
    const streamCase = idAfter(CASE_STREAM, stream);
    const caseId = streamCase ?? asString(caseIds[0]);
    // An entry about a case is about the case's subject, not whoever it names first: for a read, the
    // person the reader was shown the case as being about (a merge or split since changes who that
    // is, and the referral's id is not what they saw); else the referral's subject, found when read.
    const shown = isRead && caseId !== null ? asString(asRecord(data['caseSubjects'])[caseId]) : null;
    const dataPerson = data['personId'] === PERPETRATOR_NOT_KNOWN ? shown : (asString(data['personId']) ?? shown);
    // A person view is about the person viewed (the route's id, first of its `personIds`), not the
    // subject of the first case it lists: a coordinator opening a perpetrator sees the victim's case.
    const viewed = isRead && event.type === PERSON_VIEWED ? asString(personIds[0]) : null;
    const personId =
      idAfter(PERSON_STREAM, stream) ?? viewed ?? dataPerson ?? (caseId === null ? asString(personIds[0]) : null);
    const position = event.position;
    const metadata = event.metadata;
    const at = metadata.recordedAt;
    const row = this.pending;
    let i = this.held;
    row[i++] = position;
    row[i++] = at;
    row[i++] = this.actKey(metadata.actor, event.type);
    row[i++] = event.id;
    row[i++] = streamCase === undefined ? stream : null;
    row[i++] = event.revision;
    row[i++] = caseId;
    row[i++] = personId;
    row[i++] = isRead ? asString(data['purpose']) : null;
    row[i++] = isRead || metadata.occurredAt === at ? null : metadata.occurredAt;
    row[i++] = asString(metadata.correlationId);
    row[i++] = isRead ? readDetail(data) : null;
    this.held = i === row.length ? this.insertHeld() : i;
    this.stretches.note(position, at);
    if (!isRead) this.streams.note(stream, event.type, position, caseId, personId, data['caseId']);

    this.link(event, caseId, personId, caseIds, personIds);
  }

  /** The cases and people the event names besides its own, and a referral's people of its case. */
  private link(
    event: RecordedEvent,
    caseId: string | null,
    personId: string | null,
    caseIds: readonly unknown[],
    personIds: readonly unknown[],
  ): void {
    const s = this.s;
    const position = event.position;
    for (let named = 0; named < caseIds.length; named++) {
      const id = caseIds[named];
      if (id !== caseId && typeof id === 'string') s.link.run(position, 'case', id, named);
    }
    if (event.type === 'referral-made' && caseId !== null && event.stream === CASE_STREAM + caseId) {
      // The referral's people belong to its case from here on; the case's entries reach them through it.
      const subject = (event.data as Record<string, unknown>)['personId'];
      for (const id of personIds) s.addCasePerson.run(caseId, id, position, id === subject ? 'subject' : 'named');
      const panel = (event.data as Record<string, unknown>)['panelCode'];
      if (typeof panel === 'string') s.setCasePanel.run(caseId, panel);
      return;
    }
    for (let named = 0; named < personIds.length; named++) {
      const id = personIds[named];
      if (id !== personId && typeof id === 'string') s.link.run(position, 'person', id, named);
    }
  }

  /** Inserts the entries still held. */
  finish(): void {
    for (let row = 0; row < this.held; row += ENTRY_WIDTH) {
      this.s.insertEntry.run(this.pending.slice(row, row + ENTRY_WIDTH));
    }
    this.held = 0;
    this.stretches.flush();
  }

  private insertHeld(): number {
    this.s.insertEntries.run(this.pending);
    return 0;
  }

  private actKey({ id, name, agency }: Actor, action: string): number {
    let actor = this.actKeys.get(id);
    if (actor === undefined || actor.name !== name || actor.agency !== agency) {
      actor = { name, agency, actions: new Map() };
      this.actKeys.set(id, actor);
    }
    let key = actor.actions.get(action);
    if (key === undefined) {
      const s = this.s;
      key = s.actKey.get(id, name, agency, action) ?? Number(s.addAct.run(id, name, agency, action).lastInsertRowid);
      actor.actions.set(action, key);
    }
    return key;
  }
}
