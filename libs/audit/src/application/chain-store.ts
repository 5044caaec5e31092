import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Seal } from '../domain/chain';

type SealRow = [position: bigint, eventId: string, stream: string, hash: string];

/** Events a batch seals that were recorded before the sealing service started (see ChainSealer). */
export interface SealedAtStart {
  readonly positions: readonly bigint[];
  readonly sealedAt: string;
}
const NONE_AT_START: SealedAtStart = { positions: [], sealedAt: '' };

/**
 * The chain's own file, `<DATA_DIR>/audit-chain.sqlite`, apart from the log it seals and from the
 * rebuildable read models: rebuilding a read model must never recompute (and so launder) a seal.
 */
export class ChainStore {
  private readonly db: Database.Database;
  private readonly headStatement: Database.Statement<[], SealRow>;
  private readonly insertStatement: Database.Statement<[bigint, string, string, string]>;
  private readonly pageStatement: Database.Statement<[bigint, number], SealRow>;

  /** `mustExist`: a check opens the chain it was pointed at, never a new empty one in its place. */
  constructor(filename: string, options: { readonly mustExist?: boolean } = {}) {
    this.db = new Database(filename, { fileMustExist: options.mustExist ?? false });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS seals (
        position INTEGER PRIMARY KEY, event_id TEXT NOT NULL, stream TEXT NOT NULL, hash TEXT NOT NULL
      ) STRICT;
      CREATE TABLE IF NOT EXISTS anchors (
        anchored_at TEXT NOT NULL, position INTEGER NOT NULL, hash TEXT NOT NULL, checked INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE IF NOT EXISTS sealed_at_start (position INTEGER PRIMARY KEY, sealed_at TEXT NOT NULL) STRICT;
      CREATE TABLE IF NOT EXISTS sealed_log (identity TEXT NOT NULL) STRICT;
    `);
    this.headStatement = this.db
      .prepare<[], SealRow>('SELECT position, event_id, stream, hash FROM seals ORDER BY position DESC LIMIT 1')
      .raw()
      .safeIntegers();
    this.insertStatement = this.db.prepare('INSERT INTO seals (position, event_id, stream, hash) VALUES (?, ?, ?, ?)');
    this.pageStatement = this.db
      .prepare<
        [bigint, number],
        SealRow
      >('SELECT position, event_id, stream, hash FROM seals WHERE position > ? ORDER BY position LIMIT ?')
      .raw()
      .safeIntegers();
  }

  static inDataDir(dataDir: string): ChainStore {
    return new ChainStore(ChainStore.fileIn(dataDir));
  }

  static fileIn(dataDir: string): string {
    return join(dataDir, 'audit-chain.sqlite');
  }

  /**
   * The chain file as a check finds it: with no file there, a chain with no seals (in memory, so
   * nothing is created), which verification reports as `chain-missing` over a non-empty log.
   */
  static asFoundIn(dataDir: string): ChainStore {
    const file = ChainStore.fileIn(dataDir);
    return existsSync(file) ? new ChainStore(file, { mustExist: true }) : new ChainStore(':memory:');
  }

  head(): Seal | undefined {
    const row = this.headStatement.get();
    return row === undefined ? undefined : toSeal(row);
  }

  /**
   * Appends seals computed from `head` (as read before hashing). Several processes may seal one
   * file: inside the write lock, a head that moved means another sealer got there first, and
   * this batch is dropped rather than forking the chain.
   */
  extend(expectedHead: bigint | undefined, seals: readonly Seal[], atStart: SealedAtStart = NONE_AT_START): boolean {
    return this.db
      .transaction(() => {
        if (this.head()?.position !== expectedHead) return false;
        for (const seal of seals) this.insertStatement.run(seal.position, seal.eventId, seal.stream, seal.hash);
        const flag = this.db.prepare('INSERT OR IGNORE INTO sealed_at_start (position, sealed_at) VALUES (?, ?)');
        for (const position of atStart.positions) flag.run(position, atStart.sealedAt);
        return true;
      })
      .immediate();
  }

  /** Positions sealed although recorded before the sealing service started, oldest first. */
  sealedAtStart(limit: number): { count: number; positions: bigint[] } {
    const count = this.db.prepare<[], number>('SELECT COUNT(*) FROM sealed_at_start').pluck().get() ?? 0;
    const positions = this.db
      .prepare<[number], bigint>('SELECT position FROM sealed_at_start ORDER BY position LIMIT ?')
      .pluck()
      .safeIntegers()
      .all(limit);
    return { count: Number(count), positions };
  }

  page(after: bigint, limit: number): Seal[] {
    return this.pageStatement.all(after, limit).map(toSeal);
  }

  /** The identity of the log the chain seals (see EventStore.logIdentity); undefined before it was recorded. */
  sealedLog(): string | undefined {
    return this.db.prepare<[], string>('SELECT identity FROM sealed_log LIMIT 1').pluck().get();
  }

  /** Records the sealed log's identity, unless one is recorded already. */
  recordSealedLog(identity: string): void {
    this.db
      .prepare('INSERT INTO sealed_log (identity) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM sealed_log)')
      .run(identity);
  }

  recordAnchor(anchoredAt: string, head: Seal, checked: number): void {
    this.db
      .prepare('INSERT INTO anchors (anchored_at, position, hash, checked) VALUES (?, ?, ?, ?)')
      .run(anchoredAt, head.position, head.hash, checked);
  }

  anchors(): Map<bigint, string> {
    const rows = this.db.prepare<[], [bigint, string]>('SELECT position, hash FROM anchors').raw().safeIntegers().all();
    return new Map(rows.map(([position, hash]) => [position, hash]));
  }

  close(): void {
    this.db.close();
  }
}

const toSeal = ([position, eventId, stream, hash]: SealRow): Seal => ({ position, eventId, stream, hash });
