import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { foldPerKey } from '../fold-per-key';
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
  return [streamTotalsProjection(), typeCountsProjection(), openItemsProjection(), itemHistoryProjection()];
}

/** What `item_history` keeps per item: folded from every event, stored as JSON like a case's state. */
interface ItemHistory {
  readonly label: string | null;
  readonly open: boolean;
  readonly renames: number;
  readonly amountSum: number;
  readonly events: number;
  /** The last few events, newest last: state that grows with the stream, as real case state does. */
  readonly recent: readonly { readonly type: string; readonly amount: number }[];
}

const NO_HISTORY: ItemHistory = { label: null, open: false, renames: 0, amountSum: 0, events: 0, recent: [] };

function evolveItem(state: ItemHistory, event: RecordedEvent): ItemHistory {
  const { amount = 0, label = '' } = dataOf(event);
  return {
    label: event.type === 'item-opened' || event.type === 'item-renamed' ? label : state.label,
    open: event.type === 'item-opened' ? true : event.type === 'item-closed' ? false : state.open,
    renames: state.renames + (event.type === 'item-renamed' ? 1 : 0),
    amountSum: state.amountSum + amount,
    events: state.events + 1,
    recent: [...state.recent, { type: event.type, amount }].slice(-8),
  };
}

const itemHistoryStatements = (db: ProjectionDatabase) => ({
  state: db.prepare<string, [string]>(`SELECT state FROM ${db.table('items')} WHERE stream = ?`).pluck(),
  save: db.prepare<unknown, [string, string | null, number, number, bigint, string]>(
    `INSERT OR REPLACE INTO ${db.table('items')} (stream, label, open, events, last_position, state)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ),
});

function loadItem(db: ProjectionDatabase, stream: string): ItemHistory {
  const text = db.statements(itemHistoryStatements).state.get(stream);
  return text === undefined ? NO_HISTORY : (JSON.parse(text) as ItemHistory);
}

function saveItem(db: ProjectionDatabase, stream: string, state: ItemHistory, last: RecordedEvent): void {
  db.statements(itemHistoryStatements).save.run(
    stream,
    state.label,
    Number(state.open),
    state.events,
    last.position,
    JSON.stringify(state),
  );
}

/**
 * Per item, its whole folded state as JSON beside a few queryable columns: the read-modify-write
 * shape of a case tracker. With `batched` (the default) it also gives `applyBatch`, folding
 * each item once per batch; both ways must leave identical tables.
 */
export function itemHistoryProjection(
  version = 1,
  { batched = true }: { batched?: boolean } = {},
): ProjectionDefinition {
  const apply = (db: ProjectionDatabase, event: RecordedEvent): void =>
    saveItem(db, event.stream, evolveItem(loadItem(db, event.stream), event), event);
  return {
    name: 'item_history',
    version,
    streamPrefixes: ['item-'],
    migrate(db: ProjectionDatabase): void {
      db.exec(`CREATE TABLE ${db.table('items')} (
        stream TEXT PRIMARY KEY, label TEXT, open INTEGER NOT NULL, events INTEGER NOT NULL,
        last_position INTEGER NOT NULL, state TEXT NOT NULL) STRICT`);
      db.exec(`CREATE INDEX ${db.table('items_by_label')} ON ${db.table('items')} (label, open)`);
    },
    apply,
    ...(batched
      ? {
          applyBatch(db: ProjectionDatabase, events: readonly RecordedEvent[]): void {
            foldPerKey(events, {
              keyOf: (event) => event.stream,
              load: (stream) => loadItem(db, stream),
              evolve: evolveItem,
              save: (stream, state, last) => saveItem(db, stream, state, last),
            });
          },
        }
      : {}),
  };
}
