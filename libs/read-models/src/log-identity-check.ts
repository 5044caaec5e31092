import type Database from 'better-sqlite3';
import type { EventStore } from '../../event-store/src/port/event-store';
import { checkPositionsInLog } from '../../event-store/src/port/positions-in-one-log';
import type { CheckpointRow } from './checkpoint-table';

/**
 * Which log the read models were built from. Created where missing, so a file from an earlier
 * release adopts the log it is opened with, once, if its checkpoints are not ahead of it.
 */
const CREATE = 'CREATE TABLE IF NOT EXISTS projection_log (identity TEXT NOT NULL) STRICT';

/** All of them: one rebuilt alone would leave the others on the other log's checkpoints, still failed. */
const ADVICE =
  'rebuild them all from this log: stop the application and run npm run projections:rebuild (all projections)';

/**
 * Checkpoints are positions in one log (see checkPositionsInLog, which the audit chain's seals
 * share): followed in another they would leave the views looking live. So the read-model file
 * records the log's identity, and a mismatch, or a checkpoint ahead of the log's head, is
 * reported instead of projected through.
 */
export class LogIdentityCheck {
  private readonly select: Database.Statement<[], string>;
  private readonly insert: Database.Statement<[string]>;
  private readonly clear: Database.Statement<[]>;
  /**
   * The log has an identity (or the store names no logs), so only a mismatch needs checking
   * again. Until then every round checks: an empty log has no identity before its first event,
   * and that event decides whether it is the recorded log or one the file adopts.
   */
  get settled(): boolean {
    return this.named;
  }
  private named = false;

  constructor(db: Database.Database) {
    db.exec(CREATE);
    this.select = db.prepare<[], string>('SELECT identity FROM projection_log LIMIT 1').pluck();
    this.insert = db.prepare('INSERT INTO projection_log (identity) VALUES (?)');
    this.clear = db.prepare('DELETE FROM projection_log');
  }

  /** Why these checkpoints cannot be followed in `store`'s log, or undefined when they can (adopting its identity). */
  async problem(store: EventStore, checkpoints: readonly CheckpointRow[]): Promise<string | undefined> {
    const answer = await checkPositionsInLog(store, {
      recorded: () => this.select.get(),
      positions: () => checkpoints,
      adopt: (identity) => this.insert.run(identity),
    });
    if (answer.verdict === 'another-log') {
      return `the read models were built from another event log (${answer.recorded}, this one is ${answer.identity}): ${ADVICE}`;
    }
    if (answer.verdict === 'ahead-of-head') {
      const names = answer.ahead.map(({ name, version, position }) => `${name} v${version} at ${position.toString()}`);
      return (
        `projection checkpoints are ahead of the log, whose head is ${answer.head.toString()} (${names.join(', ')}): ` +
        `the read models were built from another event log, or the log was restored from an older backup; ${ADVICE}`
      );
    }
    this.named = answer.identity !== undefined || store.logIdentity === undefined;
    return undefined;
  }

  /** Forgets the recorded log: every read model is about to be rebuilt from the current one. */
  forget(): void {
    this.clear.run();
    this.named = false;
  }
}

/** `projections:rebuild <name>` on read models whose other projections were built from another log. */
export class OtherProjectionsFromOtherLogError extends Error {
  override readonly name = 'OtherProjectionsFromOtherLogError';
  constructor(projection: string, problem: string) {
    super(`cannot rebuild ${projection} alone, nothing was dropped: ${problem}`);
  }
}
