import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { ProjectionDatabase, ProjectionDefinition } from '../projection-definition';

/**
 * Synthetic projections that exercise the runtime the way real ones do (upserts, deletes,
 * filters, sums) without any domain knowledge. Sums and counts make a double-applied or
 * skipped event visible in the tables.
 */

interface SampleData {
  readonly amount?: number;
  readonly label?: string;
}

function dataOf(event: RecordedEvent): SampleData {
  return typeof event.data === 'object' && event.data !== null ? (event.data as SampleData) : {};
}

/** Statements built once per version (see `ProjectionDatabase.statements`). */
const streamTotalsStatements = (db: ProjectionDatabase) => ({
  add: db.prepare<unknown, [string, number, string, bigint]>(
    `INSERT INTO ${db.table('totals')} (stream, events, amount_sum, last_type, last_position) VALUES (?, 1, ?, ?, ?)
     ON CONFLICT (stream) DO UPDATE SET events = events + 1, amount_sum = amount_sum + excluded.amount_sum,
       last_type = excluded.last_type, last_position = excluded.last_position`,
  ),
});

/** Per stream: how many events, the sum of their amounts, the last type and position. Sees everything. */
export function streamTotalsProjection(version = 1): ProjectionDefinition {
  return {
    name: 'stream_totals',
    version,
    migrate(db: ProjectionDatabase): void {
      db.exec(`CREATE TABLE ${db.table('totals')} (
        stream TEXT PRIMARY KEY, events INTEGER NOT NULL, amount_sum INTEGER NOT NULL,
        last_type TEXT NOT NULL, last_position INTEGER NOT NULL) STRICT`);
    },
    apply(db: ProjectionDatabase, event: RecordedEvent): void {
      db.statements(streamTotalsStatements).add.run(
        event.stream,
        dataOf(event).amount ?? 0,
        event.type,
        event.position,
      );
    },
  };
}

/**
 * Counts of two event types only: filtered by type, so most events just move its checkpoint.
 * Uses `db.prepare` (looked up by SQL text) where the others use `db.statements`.
 */
export function typeCountsProjection(version = 1): ProjectionDefinition {
  return {
    name: 'type_counts',
    version,
    eventTypes: ['item-opened', 'item-closed'],
    migrate(db: ProjectionDatabase): void {
      db.exec(`CREATE TABLE ${db.table('counts')} (type TEXT PRIMARY KEY, n INTEGER NOT NULL) STRICT`);
    },
    apply(db: ProjectionDatabase, event: RecordedEvent): void {
      db.prepare<unknown, [string]>(
        `INSERT INTO ${db.table('counts')} (type, n) VALUES (?, 1) ON CONFLICT (type) DO UPDATE SET n = n + 1`,
      ).run(event.type);
    },
  };
}

const openItemsStatements = (db: ProjectionDatabase) => {
  const items = db.table('items');
  return {
    open: db.prepare<unknown, [string, string, bigint]>(
      `INSERT INTO ${items} (stream, label, opened_at, renames) VALUES (?, ?, ?, 0)
       ON CONFLICT (stream) DO UPDATE SET label = excluded.label`,
    ),
    rename: db.prepare<unknown, [string, string]>(
      `UPDATE ${items} SET label = ?, renames = renames + 1 WHERE stream = ?`,
    ),
    close: db.prepare<unknown, [string]>(`DELETE FROM ${items} WHERE stream = ?`),
  };
};

/** Items currently open, filtered by stream prefix: inserts, updates and deletes rows, with an index. */
export function openItemsProjection(version = 1): ProjectionDefinition {
  return {
    name: 'open_items',
    version,
    streamPrefixes: ['item-'],
    migrate(db: ProjectionDatabase): void {
      db.exec(`CREATE TABLE ${db.table('items')} (
        stream TEXT PRIMARY KEY, label TEXT NOT NULL, opened_at INTEGER NOT NULL, renames INTEGER NOT NULL) STRICT`);
      db.exec(`CREATE INDEX ${db.table('items_by_label')} ON ${db.table('items')} (label)`);
    },
    apply(db: ProjectionDatabase, event: RecordedEvent): void {
      const statements = db.statements(openItemsStatements);
      const label = dataOf(event).label ?? '';
      if (event.type === 'item-opened') statements.open.run(event.stream, label, event.position);
      else if (event.type === 'item-renamed') statements.rename.run(label, event.stream);
      else if (event.type === 'item-closed') statements.close.run(event.stream);
    },
  };
}

const categoryTotalsStatements = (db: ProjectionDatabase) => ({
  add: db.prepare<unknown, [string, number]>(
    `INSERT INTO ${db.table('totals')} (category, events, amount_sum) VALUES (?, 1, ?)
     ON CONFLICT (category) DO UPDATE SET events = events + 1, amount_sum = amount_sum + excluded.amount_sum`,
  ),
});

/** Per stream category: events and amounts. The cheap projection the throughput figures use. */
export function categoryTotalsProjection(version = 1): ProjectionDefinition {
  return {
    name: 'category_totals',
    version,
    migrate(db: ProjectionDatabase): void {
      db.exec(`CREATE TABLE ${db.table('totals')} (
        category TEXT PRIMARY KEY, events INTEGER NOT NULL, amount_sum INTEGER NOT NULL) STRICT`);
    },
    apply(db: ProjectionDatabase, event: RecordedEvent): void {
      const hyphen = event.stream.indexOf('-');
      db.statements(categoryTotalsStatements).add.run(
        hyphen < 0 ? event.stream : event.stream.slice(0, hyphen),
        dataOf(event).amount ?? 0,
      );
    },
  };
}

export function sampleProjections(): ProjectionDefinition[] {
  return [streamTotalsProjection(), typeCountsProjection(), openItemsProjection()];
}
