import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { EventStoreUnavailableError } from '../port/errors';
import type { EventToAppend, RecordedEvent } from '../port/event-envelope';
import { cappedCount, checkCap } from '../port/event-count';
import type {
  AppendResult,
  EventCount,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeAllOptions,
  Subscription,
} from '../port/event-store';
import type { ExpectedRevision } from '../port/expected-revision';
import { checkMaxCount, checkPosition, checkRevision } from '../shared/read-options';
import { compileFilter } from '../shared/subscription-filter';
import { validateAppend } from '../shared/validate-append';
import { AppendNotifier } from './append-notifier';
import { toRecordedEvents, type EventRow } from './event-rows';
import { EventStatements, MAX_REVISION, NO_LIMIT } from './event-statements';
import { openEventDatabase, type SqliteSynchronous } from './schema';
import { GroupCommit } from './group-commit';
import { nextTurn } from './next-turn';
import {
  APPEND_GROUP_CAP,
  appendRequest,
  SqliteAppender,
  type AppendOutcome,
  type AppendRequest,
} from './sqlite-appender';
import { translateSqliteError } from './sqlite-errors';
import { SqliteSubscription, type SubscriptionSettings } from './sqlite-subscription';

export interface SqliteEventStoreOptions {
  readonly filename: string;
  /** Commit durability. FULL (default): an acknowledged append survives power loss. */
  readonly synchronous?: SqliteSynchronous;
  /** How often an idle subscription re-checks the file for appends by other processes. */
  readonly pollIntervalMs?: number;
  /** Events a subscription reads per query (and at most holds ahead of its consumer). */
  readonly subscriptionPageSize?: number;
}

const DEFAULT_POLL_INTERVAL_MS = 1_000;
const DEFAULT_SUBSCRIPTION_PAGE_SIZE = 500;

/**
 * The embedded event store: one SQLite file in WAL mode, through better-sqlite3 on the process's
 * one thread. Reads of events (`readAll`, `readStream`, each subscription page) run on the next
 * turn of the event loop, so a loop paging through the log lets other requests in between pages
 * (next-turn.ts); appends wait for the next turn too, so those asked for meanwhile share one
 * commit and one fsync (group-commit.ts). Safe for one writing process;
 * further processes may share the file (appends serialise on SQLite's lock, and their
 * subscriptions see each other's events within `pollIntervalMs`).
 */
export class SqliteEventStore implements EventStore {
  /** Another process's appends reach this process's subscriptions at the next poll. */
  readonly subscriptionsPoll = true;
  private readonly db: Database.Database;
  private readonly statements: EventStatements;
  private readonly appends: GroupCommit<AppendRequest, AppendOutcome>;
  private readonly notifier = new AppendNotifier();
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly subscriptionSettings: SubscriptionSettings;
  private closed = false;

  constructor(options: SqliteEventStoreOptions) {
    try {
      this.db = openEventDatabase(options.filename, options.synchronous ?? 'FULL');
    } catch (error) {
      throw translateSqliteError(error);
    }
    this.statements = new EventStatements(this.db);
    const appender = new SqliteAppender(this.db, this.statements);
    this.appends = new GroupCommit((requests) => {
      const settled = this.run(() => appender.appendGroup(requests));
      if (settled.some((outcome) => outcome.value?.wrote === true)) this.notifier.notify();
      return settled;
    }, APPEND_GROUP_CAP);
    this.subscriptionSettings = {
      pageSize: options.subscriptionPageSize ?? DEFAULT_SUBSCRIPTION_PAGE_SIZE,
      pollIntervalMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    };
  }

  /** The store kept at `<dataDir>/events.sqlite`, creating the directory if needed. */
  static inDataDir(dataDir: string, options: Omit<SqliteEventStoreOptions, 'filename'> = {}): SqliteEventStore {
    mkdirSync(dataDir, { recursive: true });
    return new SqliteEventStore({ ...options, filename: SqliteEventStore.fileIn(dataDir) });
  }

  /** Where `inDataDir` keeps the log. */
  static fileIn(dataDir: string): string {
    return join(dataDir, 'events.sqlite');
  }

  async append(
    stream: string,
    events: readonly EventToAppend[],
    options: { expected: ExpectedRevision },
  ): Promise<AppendResult> {
    this.ensureOpen();
    const serialised = validateAppend(stream, events, options.expected);
    const outcome = await this.appends.submit(appendRequest(stream, serialised, options.expected));
    return outcome.result;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.ensureOpen();
    const limit = checkMaxCount(options.maxCount) ?? NO_LIMIT;
    const from = checkRevision(options.from);
    await nextTurn();
    const rows = this.run(() =>
      options.direction === 'backwards'
        ? this.statements.streamBackwards.all(stream, from ?? MAX_REVISION, limit)
        : this.statements.streamForwards.all(stream, from ?? 0n, limit),
    );
    return toRecordedEvents(rows);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.ensureOpen();
    const after = checkPosition(options.fromPosition) ?? -1n;
    const limit = checkMaxCount(options.maxCount) ?? NO_LIMIT;
    await nextTurn();
    return toRecordedEvents(this.run(() => this.statements.logAfter.all(after, limit)));
  }

  subscribeAll(options: SubscribeAllOptions = {}): Subscription {
    this.ensureOpen();
    const source = {
      notifier: this.notifier,
      readPage: (after: bigint, limit: number): EventRow[] =>
        this.run(() => this.statements.logAfter.all(after, limit)),
    };
    const subscription = new SqliteSubscription(
      source,
      checkPosition(options.fromPosition) ?? -1n,
      compileFilter(options.filter),
      this.subscriptionSettings,
      (closed) => this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<bigint> {
    this.ensureOpen();
    return this.run(() => this.statements.logHead.get() ?? -1n);
  }

  /**
   * Named after the log's first event, so that every copy of the file, made before or after
   * this release or restored from a backup, is the same log, and nothing has to be written to
   * the file to name it. An empty file is no log yet: it becomes whichever log is written to it.
   * The id alone is not enough: some are derived (a referral's from its sender and body), so a
   * scripted first referral would give two deployments one name; its recordedAt tells them apart.
   */
  async logIdentity(): Promise<string | undefined> {
    this.ensureOpen();
    const first = this.run(() => this.statements.logFirst.get());
    if (first === undefined) return undefined;
    return `sqlite:${first.position.toString()}:${first.id}:${first.recordedAt ?? ''}`;
  }

  async headEvent(): Promise<RecordedEvent | undefined> {
    this.ensureOpen();
    return toRecordedEvents(this.run(() => this.statements.logHeadEvent.all()))[0];
  }

  /** Positions are gap-free event numbers here: the count is a subtraction, whatever the cap. */
  async countAfter(after: bigint, cap: number): Promise<EventCount> {
    this.ensureOpen();
    const from = checkPosition(after) ?? -1n;
    checkCap(cap);
    const head = this.run(() => this.statements.logHead.get() ?? -1n);
    return cappedCount(head > from ? head - from : 0n, cap);
  }

  /** Ends every subscription (their iterations finish) and closes the database. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    // Appends already asked for are written, not dropped: their callers are waiting for an answer.
    this.appends.flush();
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    this.db.close();
  }

  private ensureOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('the event store is closed');
  }

  private run<T>(operation: () => T): T {
    if (this.closed) throw new EventStoreUnavailableError('the event store is closed');
    try {
      return operation();
    } catch (error) {
      throw translateSqliteError(error);
    }
  }
}
