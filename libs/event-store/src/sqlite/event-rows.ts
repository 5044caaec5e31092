import type { EventMetadata, RecordedEvent } from '../port/event-envelope';

/**
 * A row of `events` as read with `.raw().safeIntegers()`: positional, integers as bigint.
 * `metadata` is null when the log query found it identical to the previous row's (see
 * {@link LOG_AFTER_SQL}); the decoder then reuses what it decoded for that row.
 */
export type EventRow = [
  position: bigint,
  stream: string,
  revision: bigint,
  id: string,
  type: string,
  data: string,
  metadata: string | null,
];

/** A row read with every column, as by id or by stream. */
export type StoredEventRow = [
  position: bigint,
  stream: string,
  revision: bigint,
  id: string,
  type: string,
  data: string,
  metadata: string,
];

export const EVENT_COLUMNS = 'position, stream, revision, id, type, data, metadata';

/**
 * The log after a checkpoint. Reading the log is dominated by creating JS strings and parsing
 * JSON, and the events of one command share their metadata text (same actor, correlation and
 * causation). So SQLite compares each row's metadata with the previous position's (positions are
 * gap-free) in C, and sends it only when it changed; the first row of a page always carries it.
 */
export const LOG_AFTER_SQL = `
  SELECT e.position, e.stream, e.revision, e.id, e.type, e.data,
         CASE WHEN e.position - 1 > @after
                   AND e.metadata IS (SELECT p.metadata FROM events p WHERE p.position = e.position - 1)
              THEN NULL ELSE e.metadata END
  FROM events e
  WHERE e.position > @after
  ORDER BY e.position
  LIMIT @limit`;

/**
 * Turns rows into events, in row order. A run of identical metadata is parsed once and its
 * object shared by those events, which are immutable values.
 */
export class RowDecoder {
  private metadataText: string | undefined;
  private metadata: EventMetadata | undefined;

  /** Takes note of a row that will not be decoded (filtered out), keeping the metadata run intact. */
  pass(row: EventRow): void {
    const text = row[6];
    if (text !== null && text !== this.metadataText) {
      this.metadataText = text;
      this.metadata = undefined;
    }
  }

  decode(row: EventRow): RecordedEvent {
    this.pass(row);
    if (this.metadata === undefined) {
      if (this.metadataText === undefined) throw new Error(`event at position ${row[0]}: metadata missing`);
      this.metadata = JSON.parse(this.metadataText) as EventMetadata;
    }
    // Same property order for every event keeps them one hidden class, which matters at 10^6 events.
    return {
      id: row[3],
      type: row[4],
      data: JSON.parse(row[5]) as unknown,
      metadata: this.metadata,
      stream: row[1],
      revision: row[2],
      position: row[0],
    };
  }
}

export function toRecordedEvents(rows: readonly EventRow[]): RecordedEvent[] {
  const decoder = new RowDecoder();
  const events = new Array<RecordedEvent>(rows.length);
  for (let i = 0; i < rows.length; i++) events[i] = decoder.decode(rows[i] as EventRow);
  return events;
}
