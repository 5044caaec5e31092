import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { storedStrings, type JobFile } from '../job-kind';
import type { JobPayload, JobProgress, JobState, JobView } from '../job-view';

/**
 * A finished job keeps its state, result and files, not what it was asked to do: nothing runs it
 * again (a retry is queued, not finished), and an upload's input is the uploaded file itself, with
 * the names and dates of birth of everyone in it.
 */
const FORGET_INPUT = `payload = json_remove(payload, '$.input')`;

/** No running job holds the job's exclusive key. */
const KEY_FREE = `(json_extract(payload, '$.exclusiveKey') IS NULL OR NOT EXISTS (
    SELECT 1 FROM jobs AS holder WHERE holder.state = 'running'
      AND json_extract(holder.payload, '$.exclusiveKey') = json_extract(jobs.payload, '$.exclusiveKey')))`;
/** A queued job may start: due, not cancelled, its key free. */
const RUNNABLE = `state = 'queued' AND cancel_requested = 0 AND ${KEY_FREE}`;
/**
 * A job cancelled while it waited to run again: claimed (due at once, under its key) for its kind
 * to be told, then cancelled. See JobKind.cancelledWhileWaiting.
 */
const CANCELLING = `state = 'queued' AND cancel_requested = 1 AND ${KEY_FREE}`;

/**
 * Claims to tell a kind of its cancellation a job gets. Such a claim uses no attempt, so a hook
 * that ends the process (out of memory on a large upload) would otherwise run at every start.
 */
export const MAX_CANCEL_CLAIMS = 3;

/** How soon a scrub another reader stopped is tried again (also at the next finish). */
const SCRUB_RETRY_MS = 60_000;

/** A job row with whom it is about (JobPayload.aboutPersonIds) read out of its payload. */
const JOB_ROW = `SELECT *, json_extract(payload, '$.aboutPersonIds') AS about_person_ids FROM jobs`;

interface JobRow {
  id: string;
  /** `json_extract(payload, '$.aboutPersonIds')`, selected apart: the payload may hold a whole upload. */
  about_person_ids?: string | null;
  kind: string;
  state: JobState;
  owner_id: string;
  payload: string;
  progress: string | null;
  summary: string | null;
  error: string | null;
  attempts: number;
  max_attempts: number;
  cancel_requested: number;
  cancel_claims: number;
  not_before: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** A job claimed for running: the view plus what is needed to run it. */
export interface ClaimedJob {
  readonly id: string;
  readonly payload: JobPayload;
  readonly attempt: number;
  readonly maxAttempts: number;
  /** Claimed to tell its kind of a cancellation, not to run (holds its key meanwhile). */
  readonly cancelling: boolean;
}

/**
 * The embedded runner's durable job records (`DATA_DIR/jobs.sqlite`): a restarted process finds
 * queued and interrupted jobs here and runs them again. One process runs jobs from a file.
 */
export class SqliteJobTable {
  private readonly db: Database.Database;
  /** A scrub another reader stopped, to be tried again. */
  private scrubRetry: NodeJS.Timeout | undefined;

  private constructor(
    filename: string,
    private readonly scrubRetryMs: number,
  ) {
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // A finished job forgets its input (an uploaded file: names, dates of birth): freed pages are
    // zeroed, and `scrub` empties the write-ahead log, so no copy is left on disk either.
    this.db.pragma('secure_delete = ON');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS jobs (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, state TEXT NOT NULL, owner_id TEXT NOT NULL,
        payload TEXT NOT NULL, progress TEXT, summary TEXT, error TEXT,
        attempts INTEGER NOT NULL DEFAULT 0, max_attempts INTEGER NOT NULL,
        cancel_requested INTEGER NOT NULL DEFAULT 0, not_before INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL, started_at TEXT, finished_at TEXT, seq INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs (state, not_before, seq);
      CREATE INDEX IF NOT EXISTS jobs_by_owner ON jobs (owner_id, seq);
      CREATE TABLE IF NOT EXISTS job_files (
        job_id TEXT NOT NULL, name TEXT NOT NULL, content_type TEXT NOT NULL, content TEXT NOT NULL,
        PRIMARY KEY (job_id, name)
      );
    `);
    const columns = this.db.pragma('table_info(jobs)') as { name: string }[];
    if (!columns.some((c) => c.name === 'cancel_claims')) {
      this.db.exec('ALTER TABLE jobs ADD COLUMN cancel_claims INTEGER NOT NULL DEFAULT 0');
    }
    // NULL for files kept before a file could say whom it is about: they are served as they were.
    const fileColumns = this.db.pragma('table_info(job_files)') as { name: string }[];
    if (!fileColumns.some((c) => c.name === 'about_person_ids')) {
      this.db.exec('ALTER TABLE job_files ADD COLUMN about_person_ids TEXT');
    }
    // NULL for files kept before a file could name the panels its readers must sit on.
    if (!fileColumns.some((c) => c.name === 'reader_panels')) {
      this.db.exec('ALTER TABLE job_files ADD COLUMN reader_panels TEXT');
    }
  }

  static inDataDir(dataDir: string, scrubRetryMs = SCRUB_RETRY_MS): SqliteJobTable {
    mkdirSync(dataDir, { recursive: true });
    return new SqliteJobTable(join(dataDir, 'jobs.sqlite'), scrubRetryMs);
  }

  insert(id: string, payload: JobPayload, maxAttempts: number, now: Date): JobView {
    const seq = (this.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM jobs').get() as { next: number }).next;
    this.db
      .prepare(
        `INSERT INTO jobs (id, kind, state, owner_id, payload, max_attempts, created_at, seq)
         VALUES (?, ?, 'queued', ?, ?, ?, ?, ?)`,
      )
      .run(id, payload.kind, payload.principal.id, JSON.stringify(payload), maxAttempts, now.toISOString(), seq);
    return this.find(id) as JobView;
  }

  find(id: string): JobView | undefined {
    const row = this.db.prepare(`${JOB_ROW} WHERE id = ?`).get(id) as JobRow | undefined;
    return row === undefined ? undefined : this.toView(row);
  }

  listOwnedBy(ownerId: string, kind: string | undefined): JobView[] {
    const rows = (
      kind === undefined
        ? this.db.prepare(`${JOB_ROW} WHERE owner_id = ? ORDER BY seq DESC LIMIT 200`).all(ownerId)
        : this.db.prepare(`${JOB_ROW} WHERE owner_id = ? AND kind = ? ORDER BY seq DESC LIMIT 200`).all(ownerId, kind)
    ) as JobRow[];
    return rows.map((row) => this.toView(row));
  }

  /**
   * Takes the oldest job cancelled while waiting, else the oldest runnable queued job, and marks it
   * running, in one transaction. A claim to cancel uses no attempt.
   */
  claimNext(now: Date): ClaimedJob | undefined {
    return this.db.transaction((): ClaimedJob | undefined => {
      const cancelled = this.db.prepare(`SELECT * FROM jobs WHERE ${CANCELLING} ORDER BY seq LIMIT 1`).get() as
        | JobRow
        | undefined;
      if (cancelled !== undefined) {
        this.db
          .prepare(`UPDATE jobs SET state = 'running', cancel_claims = cancel_claims + 1 WHERE id = ?`)
          .run(cancelled.id);
        return { ...this.claimed(cancelled, cancelled.attempts), cancelling: true };
      }
      const row = this.db
        .prepare(`SELECT * FROM jobs WHERE ${RUNNABLE} AND not_before <= ? ORDER BY seq LIMIT 1`)
        .get(now.getTime()) as JobRow | undefined;
      if (row === undefined) return undefined;
      this.db
        .prepare(
          `UPDATE jobs SET state = 'running', attempts = attempts + 1, started_at = ?, error = NULL WHERE id = ?`,
        )
        .run(now.toISOString(), row.id);
      return { ...this.claimed(row, row.attempts + 1), cancelling: false };
    })();
  }

  private claimed(row: JobRow, attempt: number): Omit<ClaimedJob, 'cancelling'> {
    return { id: row.id, payload: JSON.parse(row.payload) as JobPayload, attempt, maxAttempts: row.max_attempts };
  }

  /**
   * Milliseconds until the next delayed retry is due, if any is waiting. A job held back by an
   * exclusive key is not due: the holder's finish wakes the runner.
   */
  nextDueInMs(now: Date): number | undefined {
    const row = this.db.prepare(`SELECT MIN(not_before) AS due FROM jobs WHERE ${RUNNABLE}`).get() as {
      due: number | null;
    };
    return row.due === null ? undefined : Math.max(0, row.due - now.getTime());
  }

  recordProgress(id: string, progress: JobProgress): void {
    this.db
      .prepare(`UPDATE jobs SET progress = ? WHERE id = ? AND state = 'running'`)
      .run(JSON.stringify(progress), id);
  }

  complete(id: string, summary: Readonly<Record<string, unknown>>, files: readonly JobFile[], now: Date): void {
    this.db.transaction(() => {
      this.insertFiles(id, files);
      this.db
        .prepare(`UPDATE jobs SET state = 'completed', summary = ?, finished_at = ?, ${FORGET_INPUT} WHERE id = ?`)
        .run(JSON.stringify(summary), now.toISOString(), id);
    })();
    this.scrub();
  }

  /** A run's files, kept before it is completed (see JobResult.onceKept); all or none. */
  keepFiles(id: string, files: readonly JobFile[]): void {
    this.db.transaction(() => this.insertFiles(id, files))();
  }

  /** Files kept for a run whose completion then failed: a job that is not completed leaves none. */
  dropFiles(id: string): void {
    this.db.prepare('DELETE FROM job_files WHERE job_id = ?').run(id);
  }

  private insertFiles(id: string, files: readonly JobFile[]): void {
    const insertFile = this.db.prepare(
      `INSERT OR REPLACE INTO job_files (job_id, name, content_type, content, about_person_ids, reader_panels)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    for (const file of files) {
      const about = file.aboutPersonIds === undefined ? null : JSON.stringify(file.aboutPersonIds);
      const panels = file.readerPanels === undefined ? null : JSON.stringify(file.readerPanels);
      insertFile.run(id, file.name, file.contentType, file.content, about, panels);
    }
  }

  /** Back to the queue after `delayMs`, or failed for good when no attempt is left. */
  fail(id: string, error: string, retryInMs: number | undefined, now: Date): void {
    if (retryInMs === undefined) {
      this.db
        .prepare(`UPDATE jobs SET state = 'failed', error = ?, finished_at = ?, ${FORGET_INPUT} WHERE id = ?`)
        .run(error, now.toISOString(), id);
      this.scrub();
    } else {
      this.db
        .prepare(`UPDATE jobs SET state = 'queued', error = ?, not_before = ? WHERE id = ?`)
        .run(error, now.getTime() + retryInMs, id);
    }
  }

  markCancelled(id: string, now: Date): void {
    this.db
      .prepare(
        `UPDATE jobs SET state = 'cancelled', cancel_requested = 1, finished_at = ?, ${FORGET_INPUT} WHERE id = ?`,
      )
      .run(now.toISOString(), id);
    this.scrub();
  }

  /**
   * A cancellation asked for while running (the run sees it and stops), or while waiting to run
   * again: the job is then claimed to tell its kind (see CANCELLING).
   */
  requestCancel(id: string): void {
    this.db.prepare('UPDATE jobs SET cancel_requested = 1 WHERE id = ?').run(id);
  }

  /** A run interrupted by shutdown goes back to the queue without using up an attempt. */
  release(id: string): void {
    this.db.prepare(`UPDATE jobs SET state = 'queued', attempts = MAX(attempts - 1, 0) WHERE id = ?`).run(id);
  }

  /**
   * Jobs left `running` by a process that died: the attempt counts (it may be what kills the
   * process), so a job that keeps crashing ends as failed instead of looping. One whose
   * cancellation was asked for is queued to be cancelled (its kind told) instead, unless its kind
   * was already being told MAX_CANCEL_CLAIMS times: then it is cancelled untold, saying so.
   */
  recoverInterrupted(now: Date): number {
    const untold = this.db
      .prepare(
        `UPDATE jobs SET state = 'cancelled', finished_at = ?, ${FORGET_INPUT},
           error = 'cancelled without its kind being told: the process stopped while telling it ' || cancel_claims || ' times'
         WHERE state = 'running' AND cancel_requested = 1 AND cancel_claims >= ?`,
      )
      .run(now.toISOString(), MAX_CANCEL_CLAIMS).changes;
    const failed = this.db
      .prepare(
        `UPDATE jobs SET state = 'failed', error = 'interrupted on its last attempt', finished_at = ?, ${FORGET_INPUT}
         WHERE state = 'running' AND attempts >= max_attempts AND cancel_requested = 0`,
      )
      .run(now.toISOString()).changes;
    const requeued = this.db.prepare(`UPDATE jobs SET state = 'queued' WHERE state = 'running'`).run().changes;
    // Files a dead run kept before its job was completed (a subject access report, say) belong to
    // no completed job: the retry keeps its own, and a job that failed or was cancelled leaves none.
    const leftFiles = this.db
      .prepare(`DELETE FROM job_files WHERE job_id IN (SELECT id FROM jobs WHERE state <> 'completed')`)
      .run().changes;
    if (failed + untold + leftFiles > 0) this.scrub();
    return failed + untold + requeued;
  }

  file(id: string, name: string): JobFile | undefined {
    const row = this.db
      .prepare(
        'SELECT name, content_type, content, about_person_ids, reader_panels FROM job_files WHERE job_id = ? AND name = ?',
      )
      .get(id, name) as
      | {
          name: string;
          content_type: string;
          content: string;
          about_person_ids: string | null;
          reader_panels: string | null;
        }
      | undefined;
    if (row === undefined) return undefined;
    const about = storedStrings(row.about_person_ids === null ? undefined : JSON.parse(row.about_person_ids));
    const panels = storedStrings(row.reader_panels === null ? undefined : JSON.parse(row.reader_panels));
    return {
      name: row.name,
      contentType: row.content_type,
      content: row.content,
      ...(about === undefined ? {} : { aboutPersonIds: about }),
      ...(panels === undefined ? {} : { readerPanels: panels }),
    };
  }

  /** Forgets finished jobs (and their files) older than the cut-off. */
  purgeFinishedBefore(cutoff: Date): void {
    this.db.transaction(() => {
      const old = `SELECT id FROM jobs WHERE finished_at IS NOT NULL AND finished_at < ?`;
      this.db.prepare(`DELETE FROM job_files WHERE job_id IN (${old})`).run(cutoff.toISOString());
      this.db.prepare(`DELETE FROM jobs WHERE id IN (${old})`).run(cutoff.toISOString());
    })();
  }

  close(): void {
    clearTimeout(this.scrubRetry);
    if (this.db.open) this.db.close();
  }

  /**
   * Copies the log into the file and truncates it: the log still holds the page images from before
   * an input was forgotten. While another connection reads (a backup, the sqlite3 shell) it cannot:
   * it does not wait (that would hold the event loop for the busy timeout), and tries again at the
   * next scrub and every `scrubRetryMs` until the log is empty.
   */
  private scrub(): void {
    clearTimeout(this.scrubRetry);
    this.scrubRetry = undefined;
    if (!this.db.open) return;
    const busyMs = this.db.pragma('busy_timeout', { simple: true }) as number;
    let busy: number;
    try {
      this.db.pragma('busy_timeout = 0');
      [{ busy }] = this.db.pragma('wal_checkpoint(TRUNCATE)') as [{ busy: number }];
    } catch {
      busy = 1; // SQLITE_BUSY raised rather than reported: the same, try again.
    } finally {
      this.db.pragma(`busy_timeout = ${busyMs}`);
    }
    if (busy !== 0) this.scrubRetry = setTimeout(() => this.scrub(), this.scrubRetryMs).unref();
  }

  private toView(row: JobRow): JobView {
    const files = this.db
      .prepare('SELECT name, content_type FROM job_files WHERE job_id = ? ORDER BY name')
      .all(row.id) as { name: string; content_type: string }[];
    const about = storedStrings(
      typeof row.about_person_ids === 'string' ? JSON.parse(row.about_person_ids) : undefined,
    );
    return {
      id: row.id,
      kind: row.kind,
      // Cancelled while waiting: it never runs again, though its kind has yet to be told.
      state: row.state === 'queued' && row.cancel_requested === 1 ? 'cancelled' : row.state,
      ownerId: row.owner_id,
      progress: row.progress === null ? null : (JSON.parse(row.progress) as JobProgress),
      summary: row.summary === null ? null : (JSON.parse(row.summary) as Record<string, unknown>),
      files: files.map((f) => ({ name: f.name, contentType: f.content_type })),
      error: row.error,
      attempts: row.attempts,
      maxAttempts: row.max_attempts,
      worker: null,
      createdAt: row.created_at,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      ...(about === undefined ? {} : { aboutPersonIds: about }),
    };
  }
}
