/**
 * A floor for part (a): SQLite alone writing one audit-trail-sized row per event (12 columns:
 * position, a timestamp, a small key, four UUIDs, a few small values) in the runtime's batch
 * transactions and 64-row statements, then building three indexes on it, with no log read and
 * no projection logic at all. Any projection that must keep one such row per event cannot
 * rebuild faster than this, so the figure says how much of the rebuild goal is left to the code.
 */
import { rmSync } from 'node:fs';
import { openReadModelDatabase } from '../libs/read-models/src/read-model-schema';
import { DEFAULT_BATCH_SIZE } from '../libs/read-models/src/projector-runtime';

export interface WriteFloor {
  readonly rows: number;
  readonly insertSeconds: number;
  readonly indexSeconds: number;
  readonly rowsPerSecond: number;
}

const ROWS_PER_STATEMENT = 64;
const COLUMNS = 12;

function syntheticUuid(n: number): string {
  const hex = (n * 2_654_435_761 + 0x9e3779b9).toString(16).padStart(12, '0').slice(-12);
  return `0b1e5a7e-${hex.slice(0, 4)}-4${hex.slice(4, 7)}-8${hex.slice(7, 10)}-${hex.padStart(12, '0')}`;
}

export function measureWriteFloor(filename: string, rows: number): WriteFloor {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${filename}${suffix}`, { force: true });
  const db = openReadModelDatabase(filename);
  try {
    db.exec(`CREATE TABLE floor (position INTEGER PRIMARY KEY, at TEXT, act INTEGER, event_id TEXT, stream TEXT,
      revision INTEGER, case_id TEXT, person_id TEXT, purpose TEXT, occurred_at TEXT, correlation_id TEXT, detail TEXT)`);
    const row = `(${Array(COLUMNS).fill('?').join(', ')})`;
    const insert = db.prepare(`INSERT INTO floor VALUES ${Array(ROWS_PER_STATEMENT).fill(row).join(', ')}`);
    const values: unknown[] = new Array(COLUMNS * ROWS_PER_STATEMENT);
    const ids = Array.from({ length: 20_000 }, (_, i) => syntheticUuid(i));
    const batch = db.transaction((from: number, to: number) => {
      for (let first = from; first + ROWS_PER_STATEMENT <= to; first += ROWS_PER_STATEMENT) {
        let i = 0;
        for (let position = first; position < first + ROWS_PER_STATEMENT; position++) {
          values[i++] = position;
          values[i++] = new Date(1_600_000_000_000 + position * 60_000).toISOString();
          values[i++] = position % 800;
          values[i++] = syntheticUuid(position + 1_000_000_000);
          values[i++] = null;
          values[i++] = position % 20;
          values[i++] = ids[(position * 7) % ids.length];
          values[i++] = position % 3 === 0 ? null : ids[(position * 13) % ids.length];
          values[i++] = null;
          values[i++] = null;
          values[i++] = ids[(position * 17) % ids.length];
          values[i++] = null;
        }
        insert.run(values);
      }
    });
    const batchRows = DEFAULT_BATCH_SIZE - (DEFAULT_BATCH_SIZE % ROWS_PER_STATEMENT);
    const whole = rows - (rows % ROWS_PER_STATEMENT);
    const started = performance.now();
    for (let from = 0; from < whole; from += batchRows) batch(from, Math.min(from + batchRows, whole));
    const inserted = performance.now();
    db.exec(`CREATE INDEX floor_by_case ON floor (case_id, position) WHERE case_id IS NOT NULL;
      CREATE INDEX floor_by_person ON floor (person_id, position) WHERE person_id IS NOT NULL;
      CREATE INDEX floor_by_act ON floor (act, position);`);
    const indexed = performance.now();
    const written = db.prepare<[], number>('SELECT count(*) FROM floor').pluck().get();
    if (written !== whole) throw new Error(`floor wrote ${String(written)} rows, expected ${whole}`);
    return {
      rows: whole,
      insertSeconds: (inserted - started) / 1000,
      indexSeconds: (indexed - inserted) / 1000,
      rowsPerSecond: whole / ((indexed - started) / 1000),
    };
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${filename}${suffix}`, { force: true });
  }
}
