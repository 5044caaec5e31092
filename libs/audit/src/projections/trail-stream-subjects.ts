import type { ProjectionDatabase } from '../../../read-models/src/projection-definition';

const DISCLOSURE_STREAM = 'disclosure-';
const MEETING_STREAM = 'meeting-';
/** A disclosure's first event: the register entry, naming the case and person it is about. */
const ENTRY_RECORDED: ReadonlySet<string> = new Set(['information-shared', 'information-withheld']);
const CASE_LISTED = 'meeting-case-listed';
/**
 * Events that name nothing of what they concern: a meeting called off (its agenda's cases), and a
 * revocation recorded before revocations named their entry's case and person.
 */
const REVOKED = 'disclosure-revoked';
const CANCELLED = 'meeting-cancelled';

export const streamSubjectStatements = (db: ProjectionDatabase) => ({
  addStreamSubject: db.prepare<unknown, [string, 'case' | 'person', string, bigint]>(
    `INSERT OR IGNORE INTO ${db.table('stream_subjects')} (stream, kind, id, since) VALUES (?, ?, ?, ?)`,
  ),
  streamSubjects: db.prepare<{ kind: 'case' | 'person'; id: string }, [string]>(
    `SELECT kind, id FROM ${db.table('stream_subjects')} WHERE stream = ? ORDER BY since, kind`,
  ),
});
/** What `StreamSubjectsKept` writes and reads through: the projection's statements, or verification's capture. */
export interface StreamSubjectSink {
  readonly addStreamSubject: { run(stream: string, kind: 'case' | 'person', id: string, since: bigint): unknown };
  readonly streamSubjects: { all(stream: string): { kind: 'case' | 'person'; id: string }[] };
}

/** The cases and people an event is filed under when its data names none. */
export interface StreamSubjects {
  readonly caseIds: readonly string[];
  readonly personIds: readonly string[];
}

/**
 * What a disclosure's or a meeting's stream is about, kept as the trail meets it: an entry's case
 * and person, a meeting's listed cases. Its later events that name none of it are filed there. Only
 * earlier events of the same stream count, and they are read in log order in the same transaction,
 * so a rebuild files them exactly as the live trail did. A row per entry or listing, read by key.
 */
export class StreamSubjectsKept {
  constructor(private readonly s: StreamSubjectSink) {}

  /** Keeps what `stream` is about when this event says so (the entry's own case and person). */
  note(
    stream: string,
    type: string,
    position: bigint,
    caseId: string | null,
    personId: string | null,
    listed: unknown,
  ): void {
    // Types first: most events are neither, and this runs for every event of a rebuild.
    if (ENTRY_RECORDED.has(type) && stream.startsWith(DISCLOSURE_STREAM)) {
      if (caseId !== null) this.s.addStreamSubject.run(stream, 'case', caseId, position);
      if (personId !== null) this.s.addStreamSubject.run(stream, 'person', personId, position);
    } else if (type === CASE_LISTED && typeof listed === 'string' && stream.startsWith(MEETING_STREAM)) {
      this.s.addStreamSubject.run(stream, 'case', listed, position);
    }
  }

  /**
   * What an event naming nothing (`namesNothing`) is filed under: a cancelled meeting under its
   * agenda, an old revocation under its entry. Undefined for any other event.
   */
  subjectsOf(stream: string, type: string, namesNothing: boolean): StreamSubjects | undefined {
    const kept =
      (type === CANCELLED && stream.startsWith(MEETING_STREAM)) ||
      (type === REVOKED && namesNothing && stream.startsWith(DISCLOSURE_STREAM));
    if (!kept) return undefined;
    const caseIds: string[] = [];
    const personIds: string[] = [];
    for (const { kind, id } of this.s.streamSubjects.all(stream)) (kind === 'case' ? caseIds : personIds).push(id);
    return { caseIds, personIds };
  }
}
