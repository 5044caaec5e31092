import type Database from 'better-sqlite3';
import type { EventStore } from '../../event-store/src/port/event-store';
import type { ProjectionLagSource } from '../../platform/src/health/projection-lag';
import type {
  PreviousVersionAnswering,
  ReadModelProgress,
  ViewsReach,
  ViewsRefusal,
} from '../../platform/src/http/read-model-progress';
import { BatchApplier, CheckpointMovedError, type BatchResult } from './batch-applier';
import { CheckpointTable } from './checkpoint-table';
import { carryOverFailures } from './failure-carry-over';
import { setUpInstances } from './instance-setup';
import { LagReadings, lagReport, type ProjectionLagReport } from './lag-report';
import { LogFollower } from './log-follower';
import { LogIdentityCheck, OtherProjectionsFromOtherLogError } from './log-identity-check';
import { OTHER_LOG_REFUSAL } from './other-log-refusal';
import type { ProjectionDefinition } from './projection-definition';
import { reportedFailure, type ProjectionInstance } from './projection-instance';
import { definitionsByName, projectionRegistry } from './projection-registry';
import { resetProjections } from './projection-reset';
import type { ProjectionState } from './projection-state';
import { ProgressSignal } from './progress-signal';
import { reportedCause } from './reported-cause';
import { previousVersions, refusal, servedReach, versionsOf } from './served-views';
import { switchOver } from './switch-over';
import { groupByCheckpoint, sleep, yieldToEventLoop } from './runtime-timing';

export interface RuntimeLog {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const SILENT: RuntimeLog = { log: () => undefined, warn: () => undefined, error: () => undefined };

export interface ProjectorRuntimeOptions {
  readonly store: EventStore;
  /** The writer's connection (see `openReadModelDatabase`). The runtime never closes it. */
  readonly database: Database.Database;
  readonly projections: readonly ProjectionDefinition[];
  /** Most events applied per transaction. */
  readonly batchSize?: number;
  /** Most events per `readAll` call (capped at `batchSize`). */
  readonly pageSize?: number;
  readonly clock?: () => Date;
  readonly log?: RuntimeLog;
  /** Delay before the first retry of a failed projection; doubles per attempt up to `maxRetryDelayMs`. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  /** The cap instead, when the batch itself could not be committed or read (see `stall`). */
  readonly maxStalledRetryDelayMs?: number;
  /** Longest idle wait before the log is read again without a wake-up (see `DEFAULT_IDLE_RECHECK_MS`). */
  readonly idleRecheckMs?: number;
}

export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly position: bigint;
  readonly state: ProjectionState;
  /** Whether this version answers queries. */
  readonly active: boolean;
  readonly error?: string;
}

/**
 * Measured on the embedded store: large transactions amortise the page writes of an update
 * (a batch touching the same rows many times writes each page once), while `readAll` is fastest
 * with pages of about a thousand events. A 10k batch holds the thread for tens of milliseconds,
 * which bounds how long a background rebuild can delay a live update.
 */
export const DEFAULT_BATCH_SIZE = 10_000;
export const DEFAULT_PAGE_SIZE = 1_000;
/**
 * A batch that cannot commit (another process holds the write lock, the disk is full) or a log
 * that cannot be read fails for a cause outside the projections, which usually clears on its
 * own: retried this often at most, the views move again within seconds of it clearing. A locked
 * file holds each try for the writer's busy timeout (5 s), which is why it is not shorter.
 */
export const DEFAULT_MAX_STALLED_RETRY_DELAY_MS = 10_000;
/**
 * The subscription that wakes an idle runtime can stall or drop without a word on EventStoreDB (a
 * server restart, a network blip, a catch-up subscription that never delivers), and the views
 * would then stop for good. So the log is read again at least this often while idle, on a fresh
 * subscription. Well under the 5 s a read with `X-Min-Position` waits by default and the 5 s
 * after which `/ready` calls a view lagging: a silent stall delays views by up to a second rather
 * than failing reads. The cost, per idle process, is one empty read and one new subscription a second.
 */
export const DEFAULT_IDLE_RECHECK_MS = 1_000;
/** How often a waiting reader looks at a checkpoint another process moves (see `watchUnmoved`). */
const UNMOVED_POLL_MS = 20;

/**
 * Keeps every registered projection up to date from the store's global log.
 *
 * Versions sharing a checkpoint form a group that reads each page once and commits it (tables
 * and checkpoints) in one transaction. A version rebuilding from the start is a group of its
 * own, interleaved page by page with the live group, so live views stay fresh during a rebuild;
 * groups merge when their checkpoints meet. When idle, a subscription wakes the loop on the next
 * append, and the log is read again every `idleRecheckMs` in case the subscription has stalled;
 * `waitUntilProcessed` callers are woken by commits.
 */
export class ProjectorRuntime implements ReadModelProgress, ProjectionLagSource {
  private readonly store: EventStore;
  private readonly db: Database.Database;
  private readonly projections: readonly ProjectionDefinition[];
  /** The version each view's queries are written for: the highest registered. */
  private readonly registeredVersions: ReadonlyMap<string, number>;
  private readonly batchSize: number;
  private readonly pageSize: number;
  private readonly clock: () => Date;
  private readonly logger: RuntimeLog;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly maxStalledRetryDelayMs: number;
  private readonly idleRecheckMs: number;
  private readonly checkpoints: CheckpointTable;
  private readonly applier: BatchApplier;
  private readonly follower: LogFollower;
  private readonly progress = new ProgressSignal();
  private readonly logCheck: LogIdentityCheck;
  private readonly lagReadings = new LagReadings();
  /** Why the checkpoints cannot be followed in this log (see LogIdentityCheck); undefined when they can. */
  private logMismatch: string | undefined;
  private instances: ProjectionInstance[] = [];
  private initialised = false;
  private running: Promise<void> | undefined;
  private stopping = false;
  /** Aborts the current idle wait: on stop, and when a reload gives the loop new work. */
  private idle: AbortController | undefined;
  /**
   * Set when the last idle wait ran its full `idleRecheckMs` without the subscription ringing: the
   * read that follows tells whether the subscription missed appends (`from`: where it waited).
   */
  private unrungWait: { readonly from: bigint; readonly silentMs: number } | undefined;
  /** The current stall was reported; the next wake-up from the subscription ends it. */
  private stallReported = false;
  /**
   * The store's idle wake-ups do not hold the process open (a store should never keep a process
   * alive on its own), but a started runtime is a service: a worker whose only job is projecting
   * must not exit while idle. This handle does that until `stop()`.
   */
  private keepAlive: NodeJS.Timeout | undefined;
  /** Runs while readers wait on a version another process moves (see `watchUnmoved`). */
  private unmovedPoll: NodeJS.Timeout | undefined;

  constructor(options: ProjectorRuntimeOptions) {
    this.store = options.store;
    this.db = options.database;
    this.projections = projectionRegistry(options.projections);
    this.registeredVersions = new Map(
      [...definitionsByName(this.projections)].map(([name, definitions]) => [name, definitions.at(-1)?.version ?? 0]),
    );
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isSafeInteger(this.batchSize) || this.batchSize < 1) {
      throw new RangeError(`batchSize must be a positive integer (got ${this.batchSize})`);
    }
    this.pageSize = Math.min(this.batchSize, options.pageSize ?? DEFAULT_PAGE_SIZE);
    if (!Number.isSafeInteger(this.pageSize) || this.pageSize < 1) {
      throw new RangeError(`pageSize must be a positive integer (got ${this.pageSize})`);
    }
    this.clock = options.clock ?? (() => new Date());
    this.logger = options.log ?? SILENT;
    this.retryDelayMs = options.retryDelayMs ?? 1_000;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 60_000;
    this.maxStalledRetryDelayMs = Math.min(
      this.maxRetryDelayMs,
      options.maxStalledRetryDelayMs ?? DEFAULT_MAX_STALLED_RETRY_DELAY_MS,
    );
    this.idleRecheckMs = options.idleRecheckMs ?? DEFAULT_IDLE_RECHECK_MS;
    if (!Number.isFinite(this.idleRecheckMs) || this.idleRecheckMs <= 0) {
      throw new RangeError(`idleRecheckMs must be a positive number of milliseconds (got ${this.idleRecheckMs})`);
    }
    this.checkpoints = new CheckpointTable(this.db);
    this.applier = new BatchApplier(this.db, this.checkpoints);
    this.follower = new LogFollower(this.store);
    this.logCheck = new LogIdentityCheck(this.db);
  }

  /** Sets up the registered versions (their `migrate` runs the first time) and loads checkpoints. Idempotent. */
  initialise(): void {
    if (!this.initialised) this.reload();
  }

  /**
   * On an empty log (a fresh install) the versions with nothing older to serve are at the head
   * already: they answer at once instead of refusing the first requests as rebuilding until the
   * loop's first round gets to them. Called before the service takes requests. Whatever stands in
   * the way (an unreachable store, another process) leaves them to the loop, which does the same.
   */
  async activateIfLogEmpty(): Promise<void> {
    this.initialise();
    try {
      if ((await this.store.headPosition()) !== -1n) return;
      const now = this.clock().getTime();
      for (const instance of this.current()) {
        if (instance.active || instance.checkpoint !== -1n || !instance.isDue(now)) continue;
        instance.caughtUp = true;
        if (!instance.indexed) this.createIndexes(instance);
        this.switchOverIfReady(instance);
      }
    } catch {
      return;
    }
  }

  /**
   * Checks that the read models belong to the store's log before the service takes requests, so
   * that reads refuse from the first one when they do not (see `readModelsFromOtherLog`). If the
   * store cannot be reached, the loop checks at its first round.
   */
  async checkLogBeforeServing(): Promise<void> {
    this.initialise();
    try {
      await this.checkLog();
    } catch {
      return;
    }
  }

  /**
   * Why the read models cannot be trusted against the store's log (built from another, or ahead
   * of it: see LogIdentityCheck), or undefined when they can or before the first check. While it
   * stands, their rows describe events this log does not hold, so nothing may be read from them.
   */
  readModelsFromOtherLog(): string | undefined {
    return this.logMismatch;
  }

  /** Starts following the log in the background. */
  start(): void {
    this.initialise();
    if (this.running !== undefined) return;
    this.stopping = false;
    this.keepAlive = setInterval(() => undefined, 2 ** 30);
    this.running = this.follow(false).finally(() => {
      this.running = undefined;
      clearInterval(this.keepAlive);
      this.keepAlive = undefined;
    });
  }

  /** Lets the batch in hand commit, then stops. Waiters are answered with what is true now. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.idle?.abort();
    await this.running;
    this.progress.release();
  }

  /**
   * Resolves once every registered version has processed the log as far as its head when
   * called (and pending switch-overs are done). Runs the loop itself if it is not running; in
   * that mode a storage error rejects instead of being retried. Failed versions do not hold it
   * up: they are reported in the result.
   */
  async catchUp(): Promise<ProjectionStatus[]> {
    this.initialise();
    if (this.running !== undefined) {
      const head = await this.store.headPosition();
      await this.progress.waitFor(() => this.caughtUpTo(head), undefined);
    } else {
      this.stopping = false;
      const run = this.follow(true);
      this.running = run.finally(() => {
        this.running = undefined;
      });
      await run;
    }
    return this.status();
  }

  /**
   * Drops the named projection (all registered ones if omitted), every version, and replays it
   * from the start. One projection alone is refused, with nothing dropped, while the others were
   * built from another log: it would be rebuilt from this one, the others not, and none would move.
   */
  async rebuild(name?: string): Promise<ProjectionStatus[]> {
    const registered = [...definitionsByName(this.projections).keys()];
    if (name !== undefined && !registered.includes(name)) {
      throw new Error(`no registered projection is named "${name}" (registered: ${registered.join(', ') || 'none'})`);
    }
    if (name === undefined) {
      this.logCheck.forget();
    } else {
      const others = this.checkpoints.all().filter((row) => row.name !== name);
      const problem = await this.logCheck.problem(this.store, others);
      if (problem !== undefined) throw new OtherProjectionsFromOtherLogError(name, problem);
    }
    resetProjections(this.db, this.checkpoints, name === undefined ? registered : [name]);
    this.reload();
    return this.catchUp();
  }

  async waitUntilProcessed(position: bigint, timeoutMs: number, views?: readonly string[]): Promise<boolean> {
    return (await this.reach(position, timeoutMs, views)).reached;
  }

  /**
   * Waits until the views named (every view, when omitted) have processed `position`; only those,
   * so another view failing, lagging or being rebuilt holds nothing up. Answers at once, with the
   * reason, when a version waited on cannot get there in time (`refusal`).
   */
  async reach(position: bigint, timeoutMs: number, views?: readonly string[]): Promise<ViewsReach> {
    const deadline = this.clock().getTime() + timeoutMs;
    this.refreshUnmoved();
    if (this.servedReach(position, views)) return { reached: true };
    // A position past the head can never be reached through this log: waiting for the head is
    // the best any reader can get, and it is what we wait for instead of timing out.
    let target = position;
    try {
      const head = await this.store.headPosition();
      if (head < position) target = head;
    } catch {
      // The store is unreachable: wait for the position as asked; the timeout bounds it.
    }
    let refused: ViewsRefusal | undefined;
    const settled = () => {
      refused = undefined;
      if (this.servedReach(target, views)) return true;
      refused = this.refusal(target, views, deadline);
      return refused !== undefined;
    };
    const waited = this.progress.waitFor(settled, timeoutMs);
    this.watchUnmoved();
    const reachedOrRefused = await waited;
    if (refused !== undefined) return { reached: false, refusal: refused };
    return reachedOrRefused ? { reached: true } : { reached: false };
  }

  /** The views among `views` (every view, when omitted) answered by an older version than the one registered. */
  previousVersionsAnswering(views?: readonly string[]): PreviousVersionAnswering[] {
    this.refreshUnmoved();
    return previousVersions(versionsOf(this.instances, views), this.registeredVersions);
  }

  /**
   * When the background loop next retries `version` of `name` after a failed batch, by this
   * runtime's clock. Undefined unless started: `catchUp` leaves a failed version as it is.
   */
  nextRetryAt(name: string, version: number): number | undefined {
    if (this.keepAlive === undefined || this.stopping) return undefined;
    const instance = this.current().find((candidate) => candidate.name === name && candidate.version === version);
    return instance?.definition === undefined ? undefined : instance.failure?.retryAt;
  }

  async lag(head: bigint): Promise<readonly ProjectionLagReport[]> {
    this.noticeReset();
    this.refreshUnmoved();
    return lagReport(this.current(), head, this.store, this.clock(), this.lagReadings);
  }

  /** Events this process has read from the log into `name`'s registered version: as many as a rebuild replayed. */
  eventsRead(name: string): number {
    const versions = this.current().filter((instance) => instance.name === name && instance.definition !== undefined);
    return Math.max(0, ...versions.map((instance) => instance.eventsRead));
  }

  status(): ProjectionStatus[] {
    this.refreshUnmoved();
    return this.current().map((instance) => ({
      name: instance.name,
      version: instance.version,
      position: instance.checkpoint,
      state: instance.state,
      active: instance.active,
      ...(instance.failure === undefined ? {} : { error: instance.failure.message }),
    }));
  }

  private current(): ProjectionInstance[] {
    return this.instances
      .filter((instance) => !instance.retired)
      .sort((a, b) => a.name.localeCompare(b.name) || a.version - b.version);
  }

  /** Every view among `views` (every view, when omitted) answers from a version that has processed `position` of this log. */
  private servedReach(position: bigint, views?: readonly string[]): boolean {
    // Read models of another log answer nothing, but a route that reads none (the log's replays) is not held up.
    if (this.logMismatch !== undefined) return views?.length === 0;
    this.noticeReset();
    return servedReach(versionsOf(this.instances, views), position);
  }

  /** Why a wait on `views` for `position` cannot succeed by `deadline`, when that is known now. */
  private refusal(position: bigint, views: readonly string[] | undefined, deadline: number): ViewsRefusal | undefined {
    if (this.logMismatch !== undefined) return OTHER_LOG_REFUSAL;
    return refusal(versionsOf(this.instances, views), this.registeredVersions, position, deadline);
  }

  /**
   * Another process may have reset versions this one holds (`projections:rebuild --force`): their
   * checkpoint row is gone or behind ours. The loop would learn it only from its next batch, after
   * an append, and until then report them live and let X-Min-Position through while their tables
   * are emptied and refilled. Otherwise a checkpoint only moves forward, so one read of the small
   * checkpoint table tells, before progress or lag is answered; a reset is met with a reload.
   */
  private noticeReset(): void {
    // Closed: a stopped service answers from what it last knew.
    if (!this.initialised || !this.db.open) return;
    const stored = new Map(this.checkpoints.all().map((row) => [`${row.name} v${row.version}`, row.position]));
    const reset = this.instances.some((instance) => {
      const position = stored.get(`${instance.name} v${instance.version}`);
      return !instance.retired && (position === undefined || position < instance.checkpoint);
    });
    if (!reset) return;
    this.logger.warn('projections: checkpoints were reset by another process; reloading checkpoints');
    try {
      this.reload();
    } catch (error) {
      // The loop's next batch meets the moved checkpoint and reloads in its turn.
      this.logger.error(`projections: ${describe(error)}; reloading at the next batch`);
    }
  }

  /**
   * A version this process does not move (no longer registered, or a newer release's) is moved,
   * if at all, by another process sharing the file, whose commits do not wake us: its checkpoint
   * is read from the file whenever it is reported or waited for, never remembered from the start.
   */
  private refreshUnmoved(): void {
    // Closed at shutdown while the HTTP server may still answer /ready: report what was last read.
    if (!this.db.open) return;
    for (const instance of this.instances) {
      if (instance.retired || instance.definition !== undefined) continue;
      instance.checkpoint = this.checkpoints.position(instance.name, instance.version) ?? instance.checkpoint;
    }
  }

  /**
   * While a reader waits on a version that answers queries but is moved elsewhere, look at its
   * checkpoint every UNMOVED_POLL_MS: only then, and once for all waiters. Leaving such versions
   * out of `servedReach` instead would let `X-Min-Position` pass before the version queries read
   * holds the write.
   */
  private watchUnmoved(): void {
    if (this.unmovedPoll !== undefined || this.progress.waiting === 0) return;
    if (!this.instances.some((instance) => !instance.retired && instance.active && instance.definition === undefined)) {
      return;
    }
    const poll = setInterval(() => {
      if (this.progress.waiting > 0) {
        try {
          this.refreshUnmoved();
        } catch {
          // The file is unreadable this moment: the next look, or the waiter's timeout, answers.
        }
        this.progress.notify();
      }
      if (this.progress.waiting === 0) {
        clearInterval(poll);
        this.unmovedPoll = undefined;
      }
    }, UNMOVED_POLL_MS);
    poll.unref();
    this.unmovedPoll = poll;
  }

  private caughtUpTo(head: bigint): boolean {
    return this.instances.every(
      (instance) =>
        instance.retired ||
        instance.definition === undefined ||
        instance.failure !== undefined ||
        (instance.active && instance.caughtUp && instance.checkpoint >= head),
    );
  }

  private reload(): void {
    const previous = this.instances;
    const instances = setUpInstances(
      this.db,
      this.checkpoints,
      this.projections,
      this.now(),
      (name, active, target) =>
        this.logger.warn(
          `projections: ${name} v${active} answers queries, newer than this release's v${target}; leaving it to the ` +
            `release that built it (to go back to v${target}, stop that release and run npm run projections:rebuild ${name})`,
        ),
      (name, version, target) => {
        // Once per version, not at every reload another process causes.
        if (previous.some((instance) => instance.name === name && instance.version === version)) return;
        this.logger.warn(
          `projections: ${name} v${version}, newer than this release's v${target}, is being rebuilt by the release ` +
            `that set it up; leaving it alone`,
        );
      },
    );
    carryOverFailures(previous, instances, this.checkpoints.failures(), this.clock().getTime());
    for (const instance of instances) {
      const before = previous.find((old) => old.name === instance.name && old.version === instance.version);
      // Not across a reset: the count starts again with the replay.
      if (before !== undefined && before.checkpoint <= instance.checkpoint) instance.eventsRead = before.eventsRead;
    }
    // Only once set-up succeeded: a failed reload leaves the loop the instances it had, whose next batch retries it.
    for (const instance of previous) instance.retired = true;
    this.instances = instances;
    this.initialised = true;
    this.idle?.abort();
    // Readers already waiting may now wait on a version another process moves.
    this.watchUnmoved();
  }

  private async follow(untilCaughtUp: boolean): Promise<void> {
    let consecutiveErrors = 0;
    while (!this.stopping) {
      try {
        const unrung = this.unrungWait;
        this.unrungWait = undefined;
        const { allAtHead, projected } = await this.round();
        if (unrung !== undefined) this.reportMissedAppends(unrung);
        // A round with nothing due (a stalled batch waiting out its delay) proves nothing has cleared.
        if (projected) consecutiveErrors = 0;
        this.progress.notify();
        if (this.stopping || (allAtHead && untilCaughtUp)) return;
        if (allAtHead) await this.waitForWork();
        // Let queries and requests run between pages of a long catch-up.
        else await yieldToEventLoop();
      } catch (error) {
        this.progress.notify();
        if (error instanceof CheckpointMovedError) {
          // Another writer changed the database under us: start again from what it says.
          this.logger.warn(`projections: ${error.message}; reloading checkpoints`);
          this.reload();
          continue;
        }
        if (untilCaughtUp) throw error;
        consecutiveErrors++;
        const delay = Math.min(this.maxStalledRetryDelayMs, this.retryDelay(consecutiveErrors));
        this.logger.error(`projections: ${describe(error)}; retrying in ${delay} ms`);
        await this.idleFor(delay);
      }
    }
  }

  /**
   * One batch for every group that is due. `allAtHead` when every group found nothing more in the
   * log; `projected` when at least one batch was read and committed.
   */
  private async round(): Promise<{ allAtHead: boolean; projected: boolean }> {
    if (!this.logCheck.settled || this.logMismatch !== undefined) {
      try {
        await this.checkLog();
      } catch (error) {
        this.stall(this.instances, error);
        throw error;
      }
    }
    // Nothing is projected through another log's checkpoints; the versions wait failed.
    if (this.logMismatch !== undefined) return { allAtHead: true, projected: false };
    const now = this.clock().getTime();
    let allAtHead = true;
    let projected = false;
    for (const group of groupByCheckpoint(this.instances.filter((instance) => instance.isDue(now)))) {
      if (this.stopping) return { allAtHead: false, projected };
      try {
        if (!(await this.projectBatch(group))) allAtHead = false;
        projected = true;
      } catch (error) {
        this.stall(group, error);
        throw error;
      }
    }
    return { allAtHead, projected };
  }

  /**
   * The round could not read the log or commit a batch for `instances`: nothing of theirs moves
   * until the cause clears. Each due one is failed with the cause (in memory: the file cannot be
   * written meanwhile), so /ready says so instead of `live`, and is retried with the loop, whose
   * back-off is capped lower than a projection's own failure. A successful batch clears it.
   */
  private stall(instances: readonly ProjectionInstance[], error: unknown): void {
    if (error instanceof CheckpointMovedError) return;
    const now = this.clock().getTime();
    for (const instance of instances) {
      if (!instance.isDue(now)) continue;
      const attempts = (instance.failure?.attempts ?? 0) + 1;
      const delay = Math.min(this.maxStalledRetryDelayMs, this.retryDelay(attempts));
      // The loop logs the cause in full.
      instance.failure = { message: `stalled, retrying: ${reportedCause(error)}`, attempts, retryAt: now + delay };
      instance.caughtUp = false;
    }
  }

  /** Reads one batch after the group's checkpoint and commits it. True when it reached the head. */
  private async projectBatch(group: readonly ProjectionInstance[]): Promise<boolean> {
    const from = group[0]?.checkpoint ?? -1n;
    const { events, atHead } = await this.follower.readBatch(from, this.batchSize, this.pageSize);
    // A switch-over or reload while the batch was being read may have replaced some versions.
    const members = group.filter((instance) => !instance.retired && instance.checkpoint === from);
    if (members.length === 0) return false;
    const states = members.map((instance) => (!instance.active ? 'rebuilding' : atHead ? 'live' : 'catching-up'));
    const unchanged = members.every(
      (instance, i) => instance.failure === undefined && instance.persistedState === states[i],
    );
    // An empty batch only needs a write when a state changes (or a failed version recovers).
    const { failed, recovered }: BatchResult =
      events.length > 0 || !unchanged
        ? this.applier.apply(members, events, states, this.now())
        : { failed: new Map(), recovered: new Map() };
    for (const [instance, error] of recovered) {
      this.logger.warn(
        `projections: ${describe(error)}; ${instance.name} v${instance.version} applied those events one at a time ` +
          `instead (applyBatch must accept any batch that apply, event by event, does)`,
      );
    }
    for (const instance of members) {
      if (failed.has(instance)) {
        this.recordFailure(instance, failed.get(instance));
        continue;
      }
      instance.eventsRead += events.length;
      instance.failure = undefined;
      instance.caughtUp = atHead;
    }
    if (atHead) {
      for (const instance of members) {
        if (!instance.indexed && !failed.has(instance)) this.createIndexes(instance);
        this.switchOverIfReady(instance);
      }
    }
    return atHead;
  }

  /**
   * Checked when the loop starts and, while it fails, at every retry: the store may have been
   * pointed back at the right log, or the read models rebuilt by another process.
   */
  private async checkLog(): Promise<void> {
    const problem = await this.logCheck.problem(this.store, this.checkpoints.all());
    const previous = this.logMismatch;
    this.logMismatch = problem;
    const live = this.instances.filter((instance) => !instance.retired);
    if (problem === undefined) {
      for (const instance of live)
        if (previous !== undefined && instance.failure?.message === previous) instance.failure = undefined;
      return;
    }
    if (previous === undefined) this.logger.error(`projections: ${problem}`);
    const attempts = (live[0]?.failure?.attempts ?? 0) + 1;
    const retryAt = this.clock().getTime() + this.retryDelay(attempts);
    for (const instance of live) {
      if (previous === undefined)
        this.checkpoints.setState(instance.name, instance.version, 'failed', problem, this.now());
      instance.failure = { message: problem, attempts, retryAt };
      instance.persistedState = 'failed';
      instance.caughtUp = false;
    }
  }

  /** A version at the head gets its deferred indexes before it may take over from an older one. */
  private createIndexes(instance: ProjectionInstance): void {
    const { definition } = instance;
    if (definition?.indexes === undefined) return;
    try {
      this.db.transaction(() => definition.indexes?.(instance.db)).immediate();
      instance.indexed = true;
    } catch (error) {
      this.checkpoints.setState(instance.name, instance.version, 'failed', reportedFailure(error), this.now());
      this.recordFailure(instance, error);
    }
  }

  private recordFailure(instance: ProjectionInstance, error: unknown): void {
    const attempts = (instance.failure?.attempts ?? 0) + 1;
    const delay = this.retryDelay(attempts);
    instance.failure = { message: reportedFailure(error), attempts, retryAt: this.clock().getTime() + delay };
    instance.persistedState = 'failed';
    instance.caughtUp = false;
    this.logger.error(`projections: ${describe(error)}; retrying ${instance.name} v${instance.version} in ${delay} ms`);
  }

  /** A rebuilt version that has reached the head takes over from the version answering queries. */
  private switchOverIfReady(target: ProjectionInstance): void {
    if (target.active || target.retired || target.failure !== undefined || target.definition === undefined) return;
    const previous = this.instances.find(
      (instance) => instance.name === target.name && instance.active && !instance.retired,
    );
    // Never let a query see fewer events than it could before the switch.
    if (
      previous?.definition !== undefined &&
      previous.failure === undefined &&
      previous.checkpoint > target.checkpoint
    ) {
      return;
    }
    switchOver(this.db, this.checkpoints, target, previous, this.now());
    target.active = true;
    target.persistedState = 'live';
    if (previous !== undefined) {
      previous.retired = true;
      this.instances = this.instances.filter((instance) => instance !== previous);
    }
    this.logger.log(
      `projections: ${target.name} v${target.version} now answers queries${
        previous === undefined ? '' : ` (v${previous.version} dropped)`
      }`,
    );
  }

  /**
   * Idle: until the log grows past the versions' checkpoints, a failed version's retry is due,
   * `idleRecheckMs` has passed (the next round reads the log whatever woke it), or stop.
   */
  private async waitForWork(): Promise<void> {
    const now = this.clock().getTime();
    const following = this.instances.filter((instance) => instance.isDue(now));
    const retryTimes = this.instances.flatMap((instance) =>
      instance.retired || instance.failure === undefined ? [] : [instance.failure.retryAt],
    );
    const untilRetry = retryTimes.length === 0 ? undefined : Math.max(0, Math.min(...retryTimes) - now);
    const from = following.reduce<bigint | undefined>(
      (lowest, instance) => (lowest === undefined || instance.checkpoint < lowest ? instance.checkpoint : lowest),
      undefined,
    );
    if (from === undefined) return this.idleFor(untilRetry);
    const wakeAfter = untilRetry === undefined ? this.idleRecheckMs : Math.min(untilRetry, this.idleRecheckMs);
    const idle = (this.idle = new AbortController());
    // The runtime's own timer, not the follower's, so it can tell its timer from the doorbell.
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      idle.abort();
    }, wakeAfter);
    try {
      await this.follower.waitForEventsAfter(from, idle.signal, undefined);
    } finally {
      clearTimeout(timer);
      this.idle = undefined;
    }
    if (!idle.signal.aborted) this.stallReported = false;
    // A retry's shorter wait gives a working subscription too little time to count as silent.
    else if (timedOut && wakeAfter === this.idleRecheckMs) this.unrungWait = { from, silentMs: wakeAfter };
  }

  /**
   * The idle re-read keeps the views moving when the subscription stalls, which would otherwise
   * go unseen: once per stall, a re-read after a full idle wait that found events says so.
   */
  private reportMissedAppends({ from, silentMs }: { readonly from: bigint; readonly silentMs: number }): void {
    // On a polling store the re-read often finds another process's appends first: no sign of a stall.
    if (this.store.subscriptionsPoll === true) return;
    if (this.stallReported || !this.instances.some((instance) => !instance.retired && instance.checkpoint > from)) {
      return;
    }
    this.stallReported = true;
    this.logger.warn(
      `projections: subscription silent for ${silentMs / 1000} s while the log moved; ` +
        `re-read found events after position ${from}. The views follow the log by re-reading every ` +
        `${silentMs} ms meanwhile; check the event store's subscriptions`,
    );
  }

  private async idleFor(ms: number | undefined): Promise<void> {
    const idle = (this.idle = new AbortController());
    try {
      await sleep(ms, idle.signal);
    } finally {
      this.idle = undefined;
    }
  }

  private retryDelay(attempt: number): number {
    return Math.min(this.maxRetryDelayMs, this.retryDelayMs * 2 ** Math.min(attempt - 1, 30));
  }

  private now(): string {
    return this.clock().toISOString();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
