import { Logger } from '@nestjs/common';
import type { CommandContext } from '../../../command-handling/src/command-context';
import type { DomainEvent } from '../../../command-handling/src/decider';
import { handleCommand, toEventsToAppend } from '../../../command-handling/src/handle-command';
import { EventIdConflictError, WrongExpectedRevisionError } from '../../../event-store/src/port/errors';
import type { EventStore } from '../../../event-store/src/port/event-store';
import type { ExpectedRevision } from '../../../event-store/src/port/expected-revision';
import { toActor, type Principal } from '../../../platform/src/auth/principal';
import { abortReasonOf } from '../../../jobs/src/job-execution';
import type { CasesOfPerson } from '../../../case-lifecycle/src/application/person-resolution/case-homes';
import { ReferralHistory } from '../../../case-lifecycle/src/application/referral-history';
import type {
  PersonResolver,
  ReferredPerson,
} from '../../../case-lifecycle/src/application/person-resolution/person-resolver';
import {
  caseStream,
  CORE_COHORT_UPLOAD_ROUTE,
  createCaseDecider,
  type CaseDecider,
  DEFAULT_PANEL_REGISTRY,
  evaluateIomEligibility,
  type CaseCommand,
  type IomEligibilityPolicy,
  type IomHeldReason,
  type IomScores,
  type PanelRegistry,
} from '../../../case-lifecycle/src/domain';
import {
  absentFromFile,
  checkFile,
  cohortSnapshot,
  decideRow,
  heldReason,
  heldSaysMonth,
  importStream,
  monthAfter,
  monthBefore,
  supersedingMonth,
  type AbsentPerson,
  type CohortIdentity,
  type CohortImportEvent,
  type CohortRow,
  type ImportedPerson,
  type ImportRowProblem,
  type RowSituation,
} from '../domain';
import { correctedOnRecord } from './corrected-on-record';
import { csvRecords } from './csv-records';
import { fileDigestFor } from './file-digest';
import { importReport, type ImportOutcome, type ImportReport } from './import-report';
import { knownToIom, peopleOtherUploadsBroughtIn } from './known-to-iom';
import { noteUploadReferral } from './note-upload-referral';
import { findOpenIomCase, monthOfDecidedIomCase } from './open-iom-case';

export interface CohortImportRequest {
  /** `YYYY-MM`, already checked. */
  readonly month: string;
  readonly csv: string;
  /** When the file was received: `occurredAt` of everything the import records (stable across retries). */
  readonly receivedAt: string;
}

/** What the import needs from whoever runs it (the job runner, a test, the benchmark). */
export interface ImportRun {
  readonly principal: Principal;
  readonly correlationId: string;
  /** Checked between batches. Aborted for `'cancelled'` (libs/jobs' reason), the upload ends; else it resumes later. */
  readonly signal?: AbortSignal;
  progress?(done: number, total: number): Promise<void>;
  /** Deterministic uuid for a key: a retried run names its writes as the first run did. */
  eventIdFor(key: string): string;
}

export type { ExpiredPerson, ImportReport } from './import-report';

export class ImportCancelledError extends Error {
  override readonly name = 'ImportCancelledError';
}

const DEFAULT_BATCH = 250;
const ABSENTEE_BATCH = 1_000;
/**
 * How far back the previous upload is looked for: a year of missed months is not "the previous
 * month". As far forward, a later upload that makes this file late.
 */
const MONTHS_BACK = 12;
const IOM_PANEL_CODE = 'IOM';
const MAX_UNRESOLVED_IN_A_ROW = 20;
/** Looks for a row's open IOM case, each finding one an API referral opened and then gone by the next, before the run fails. */
const MAX_LOOKS_FOR_OPEN_CASE = 3;
const log = new Logger('CohortImport');

/**
 * The row's person: the ids standing for them now with the cases about them now (after merges and
 * splits), and the record the row's resolution brought in.
 */
interface RowPerson {
  readonly placed: CasesOfPerson;
  /** The registration or the linked record; null when it brought none (a resolver matching without one). */
  readonly recordId: string | null;
}

function referredPerson(identity: CohortIdentity): ReferredPerson {
  return {
    forenames: identity.forenames,
    surname: identity.surname,
    dateOfBirth: identity.dateOfBirth,
    ...(identity.postcode === undefined ? {} : { postcode: identity.postcode }),
    identifiers: { crn: identity.crn, ...(identity.pnc === undefined ? {} : { pnc: identity.pnc }) },
  };
}

/**
 * The monthly IOM core-cohort import: reads and checks the file, matches each row to a person,
 * evaluates eligibility with the IOM panel's policy, and compares the month with the previous
 * one — new eligible people get an IOM referral awaiting adoption, expired ones a flag on their
 * case. Every write is named deterministically and checked against what is already recorded,
 * so a retried run or the same file uploaded again adds nothing.
 */
export class CohortImportService {
  private readonly history: ReferralHistory;
  private readonly policy: IomEligibilityPolicy;
  /** Judges on the same registry as the import: a case records the policy the import applied. */
  private readonly cases: CaseDecider;

  constructor(
    private readonly store: EventStore,
    private readonly people: PersonResolver,
    registry: PanelRegistry = DEFAULT_PANEL_REGISTRY,
    /** Rows per batch: one progress report, one cancellation check and one batch event each. */
    private readonly batchSize: number = DEFAULT_BATCH,
  ) {
    this.history = new ReferralHistory(store);
    const panel = registry.panels.find((p) => p.code === IOM_PANEL_CODE);
    if (panel?.rules.kind !== 'iom') throw new Error(`the panel registry has no IOM panel ${IOM_PANEL_CODE}`);
    this.policy = panel.rules.eligibilityPolicy;
    this.cases = createCaseDecider(registry);
  }

  async run(request: CohortImportRequest, run: ImportRun): Promise<ImportReport> {
    const { month } = request;
    const records = csvRecords(request.csv);
    const checked = checkFile(records, month);
    const recorded = await this.store.readStream(importStream(month));
    const fileDigest = fileDigestFor(month, request.csv, records, recorded as unknown as CohortImportEvent[]);
    const done = recordedOutcome(recorded as unknown as CohortImportEvent[], fileDigest);
    if (done !== undefined) return importReport(checked, records, done);

    const unresolved = { inARow: 0 };
    const { comparedWith, previous } = await this.previousMonth(month);
    const laterUploadMonth = await this.laterMonth(month);
    const writtenIds = new Set(recorded.map((event) => event.id));
    const openedByThisFile = referralsOpenedBy(recorded as unknown as CohortImportEvent[], fileDigest);
    const broughtIn = await peopleOtherUploadsBroughtIn(this.store, month, fileDigest, MONTHS_BACK);
    const known = (placed: CasesOfPerson) => knownToIom(this.history, placed, broughtIn, IOM_PANEL_CODE);
    const context = (key: string): CommandContext => ({
      actor: toActor(run.principal),
      correlationId: run.correlationId,
      causationId: run.correlationId,
      occurredAt: request.receivedAt,
      now: new Date().toISOString(),
      eventId: (index) => run.eventIdFor(`${key}/${index}`),
      deterministicIds: true,
    });
    // At the revision read, not `any`: whether an id already written is recognised under `any` is
    // the store's business (certain on the embedded store, best effort on EventStoreDB), and two runs
    // of one job overlap when a lease lapses. The other run's writes are read, and only the rest written.
    let importRevision: ExpectedRevision = recorded.at(-1)?.revision ?? 'no-stream';
    const appendOnce = async (key: string, event: DomainEvent): Promise<void> => {
      const ctx = context(key);
      while (!writtenIds.has(ctx.eventId(0))) {
        try {
          const appended = await this.store.append(importStream(month), toEventsToAppend([event], ctx), {
            expected: importRevision,
          });
          importRevision = appended.nextExpectedRevision;
          writtenIds.add(ctx.eventId(0));
        } catch (error) {
          // The other run wrote here (the event itself, with its own counts, being an id conflict).
          if (!(error instanceof WrongExpectedRevisionError || error instanceof EventIdConflictError)) throw error;
          const now = await this.store.readStream(importStream(month));
          for (const written of now) writtenIds.add(written.id);
          importRevision = now.at(-1)?.revision ?? 'no-stream';
          if (error instanceof EventIdConflictError && !writtenIds.has(ctx.eventId(0))) throw error;
        }
      }
    };
    const cancelled = cancellationsOf(recorded as unknown as CohortImportEvent[], fileDigest);
    // A cancellation released the rows this run's earlier batches held: held again under new names.
    const rowsKey = (key: string): string => (cancelled === 0 ? key : `${key}/after-cancel-${cancelled}`);
    const cancellation: DomainEvent = { type: 'iom-cohort-upload-cancelled', data: { month, fileDigest } };
    const stop = async (where: string): Promise<never> => {
      if (run.signal !== undefined && abortReasonOf(run.signal) === 'cancelled')
        await this.recordCancellation(month, fileDigest, () => appendOnce(`cancelled/${cancelled}`, cancellation));
      throw new ImportCancelledError(`import of ${month} cancelled ${where}`);
    };

    const present = new Set<string>();
    /** People whose row was refused for a value corrected on their record: in the file, so not absent. */
    const listedUnderOldValue = new Set<string>();
    const imported: ImportedPerson[] = [];
    const runProblems: ImportRowProblem[] = [];
    const absentees: AbsentPerson[] = [];
    const counts = { rows: checked.rows.length, imported: 0, bad: 0, new: 0, expired: 0, unchanged: 0, held: 0 };
    for (let start = 0, batch = 0; start < checked.rows.length; start += this.batchSize, batch++) {
      if (run.signal?.aborted === true) await stop(`at row ${start}`);
      const people: ImportedPerson[] = [];
      const problems: ImportRowProblem[] = [];
      for (const check of checked.rows.slice(start, start + this.batchSize)) {
        if (!check.ok) {
          counts.bad++;
          const found =
            check.identity === undefined ? undefined : await this.people.lookup(referredPerson(check.identity));
          const placed = found === undefined ? undefined : await this.placedNow(found);
          const personId = placed?.ids[0];
          // Someone IOM does not know is not recognised: the row reads as a stranger's.
          if (placed === undefined || !(await known(placed))) continue;
          if (personId !== undefined && !present.has(personId)) {
            present.add(personId);
            counts.held++;
            await this.holdOnCase(placed, { month, laterUploadMonth, held: heldReason(check.problems) }, context);
            people.push({ personId, eligible: previous.get(personId) ?? false, outcome: 'held', row: check.row });
          }
          continue;
        }
        const row = check.row;
        const stale = await correctedOnRecord(this.store, this.people, referredPerson(row.identity), IOM_PANEL_CODE);
        if (stale !== undefined) {
          // Resolved, it would be a second person with a second referral: nothing is written for it.
          counts.bad++;
          problems.push({
            row: row.row,
            field: stale.field,
            reason: 'identifier-corrected-on-record',
            caseId: stale.caseId,
          });
          listedUnderOldValue.add(stale.personId);
          continue;
        }
        const resolved = await this.resolve(row, context, unresolved);
        const personId = resolved?.placed.ids[0];
        if (resolved === undefined || personId === undefined || present.has(personId)) {
          counts.bad++;
          problems.push(
            resolved === undefined
              ? { row: row.row, field: 'person', reason: 'person-unresolved' }
              : { row: row.row, field: 'person', reason: 'duplicate-person', recordId: resolved.recordId },
          );
          continue;
        }
        present.add(personId);
        counts.imported++;
        const knownBefore = await known(resolved.placed);
        const person = await this.importRow(
          row,
          resolved,
          { month, previouslyEligible: previous.get(personId) ?? false, laterUploadMonth },
          context,
          openedByThisFile,
        );
        // A row on an IOM case names him: one this upload opened, or one an API referral opened
        // while the row was being imported (IOM did not know him when it began).
        people.push(knownBefore || person.caseId !== undefined ? person : { ...person, idWithheld: true });
        counts[person.outcome === 'held' ? 'held' : person.outcome]++;
      }
      await appendOnce(rowsKey(`batch/${batch}`), {
        type: 'iom-cohort-batch-imported',
        data: { month, fileDigest, batch, people, ...(problems.length === 0 ? {} : { problems }) },
      });
      imported.push(...people);
      runProblems.push(...problems);
      await run.progress?.(Math.min(start + this.batchSize, checked.rows.length), checked.rows.length);
    }

    const absent = absentFromFile(previous, present);
    for (let start = 0, batch = 0; start < absent.length; start += ABSENTEE_BATCH, batch++) {
      if (run.signal?.aborted === true) await stop('while flagging expiries');
      const flagged: AbsentPerson[] = [];
      for (const personId of absent.slice(start, start + ABSENTEE_BATCH)) {
        const placed = await this.placedNow(personId);
        // Last month's id may since have been merged into someone this file lists.
        const now = placed.ids[0] ?? personId;
        if (present.has(now) || listedUnderOldValue.has(now)) continue;
        const found = await findOpenIomCase(
          this.store,
          this.history,
          personId,
          placed,
          IOM_PANEL_CODE,
          undefined,
          NONE,
        );
        // Absent from a late earlier-month file: the later month's word on the case stands, unflagged.
        const supersededBy = found === null ? undefined : supersedingMonth(found, month, laterUploadMonth);
        const open = supersededBy === undefined ? found : null;
        if (open !== null) {
          await this.onCase(
            open.caseId,
            {
              type: 'flag-iom-cohort-expiry',
              data: { caseId: open.caseId, occurredAt: request.receivedAt, month, reason: 'absent-from-upload' },
            },
            context(`expiry/${open.caseId}`),
          );
        }
        flagged.push({
          personId,
          ...(open === null ? {} : { caseId: open.caseId }),
          ...(supersededBy === undefined ? {} : { supersededBy }),
        });
        counts.expired++;
      }
      await appendOnce(rowsKey(`absentees/${batch}`), {
        type: 'iom-cohort-absentees-flagged',
        data: { month, fileDigest, batch, people: flagged },
      });
      absentees.push(...flagged);
    }
    const supersededBy = latestMonth([
      laterUploadMonth,
      ...[...imported, ...absentees].map((person) => person.supersededBy),
    ]);
    await appendOnce('completed', {
      type: 'iom-cohort-file-imported',
      data: {
        ...counts,
        month,
        fileDigest,
        policy: { id: this.policy.id, version: this.policy.version },
        comparedWith,
        ...(supersededBy === null ? {} : { supersededBy }),
      },
    });
    return importReport(checked, records, {
      month,
      comparedWith,
      counts,
      supersededBy,
      alreadyImported: false,
      people: imported,
      problems: runProblems,
      absentees,
    });
  }

  /**
   * Only a user's cancellation ends the upload (a shutdown or a lost lease resumes it). Should its
   * record fail to be written, the cancellation still stands; the rows stay held, counting for nothing.
   */
  private async recordCancellation(month: string, fileDigest: string, append: () => Promise<void>): Promise<void> {
    try {
      await append();
    } catch (error) {
      log.warn(
        `${month} upload ${fileDigest.slice(0, 12)} cancelled, its rows not released: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * The row's person. A resolver that cannot settle on one person (two valid identifiers held by
   * different people, say) makes the row a bad row, not the whole file a failure; but a run of
   * such failures means something systemic (the store, the matcher), and the job stops. A retried
   * row resolves under the same ids (`person/<crn>`), so the resolver finishes what it began and
   * gives the same record.
   */
  private async resolve(
    row: CohortRow,
    context: (key: string) => CommandContext,
    unresolved: { inARow: number },
  ): Promise<RowPerson | undefined> {
    try {
      const { personId, recordId } = await this.people.resolve(
        referredPerson(row.identity),
        context(`person/${row.identity.crn}`),
      );
      unresolved.inARow = 0;
      return { placed: await this.placedNow(personId), recordId: recordId ?? null };
    } catch (error) {
      if (++unresolved.inARow >= MAX_UNRESOLVED_IN_A_ROW) throw error;
      // The resolver's words (event ids, stream names) are for whoever maintains it, not the coordinator's file.
      log.warn(`row ${row.row}: person unresolved: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /**
   * The ids standing for the person now, the current one first (never empty: rows of two merged
   * records are one person's), with the cases about them now: a case a split moved to someone
   * else is theirs to be evaluated or flagged, not this person's.
   */
  private async placedNow(personId: string): Promise<CasesOfPerson> {
    const placed = await this.people.casesOf(personId);
    return placed.ids.length === 0 ? { ...placed, ids: [personId] } : placed;
  }

  private async importRow(
    row: CohortRow,
    person: RowPerson,
    standing: Omit<RowSituation, 'eligibleNow' | 'openCase'>,
    context: (key: string) => CommandContext,
    openedByThisFile: ReadonlySet<string>,
  ): Promise<ImportedPerson> {
    for (let look = 1, placed = person.placed; ; look++) {
      const imported = await this.importRowOnCaseFound(row, { ...person, placed }, standing, context, openedByThisFile);
      if (imported !== undefined) return imported;
      // An API referral of him opened an IOM case after the row looked for one. He has one open IOM
      // case: the row is that case's, as if it had been open then, and looked for again it is found.
      if (look >= MAX_LOOKS_FOR_OPEN_CASE)
        throw new Error(`row ${row.row}: his open IOM case kept changing while the upload looked for it`);
      placed = await this.placedNow(placed.ids[0] as string);
    }
  }

  /** The row judged on the open IOM case found; undefined when one was opened before its referral could be. */
  private async importRowOnCaseFound(
    row: CohortRow,
    { placed, recordId }: RowPerson,
    standing: Omit<RowSituation, 'eligibleNow' | 'openCase'>,
    context: (key: string) => CommandContext,
    openedByThisFile: ReadonlySet<string>,
  ): Promise<ImportedPerson | undefined> {
    const { month } = standing;
    const personId = placed.ids[0] as string;
    const eligibility = evaluateIomEligibility(this.policy, row.scores);
    const newCaseId = context(`case/${personId}`).eventId(0);
    const openCase = await findOpenIomCase(
      this.store,
      this.history,
      personId,
      placed,
      IOM_PANEL_CODE,
      row.scores,
      new Set([newCaseId, ...openedByThisFile]),
    );
    const mayRefer = eligibility.eligible && openCase === null && !standing.previouslyEligible;
    const decidedMonth = mayRefer
      ? await monthOfDecidedIomCase(this.store, this.history, personId, placed, IOM_PANEL_CODE)
      : undefined;
    const decision = decideRow({
      ...standing,
      eligibleNow: eligibility.eligible,
      openCase,
      decidedThisMonth: decidedMonth !== undefined && decidedMonth >= month,
    });
    const occurredAt = context('').occurredAt;
    if (decision.openReferral) {
      if (!(await this.openReferral(row, { personId, recordId, caseId: newCaseId }, month, context))) return undefined;
      return { personId, eligible: true, outcome: 'new', caseId: newCaseId, row: row.row, recordId };
    }
    // The flag first: a retried run that finds only the flag still knows the case expired this
    // month, while one finding only a not-eligible evaluation could not tell it was ever eligible.
    if (openCase !== null && decision.flag !== null) {
      await this.onCase(
        openCase.caseId,
        { type: 'flag-iom-cohort-expiry', data: { caseId: openCase.caseId, occurredAt, month, reason: decision.flag } },
        context(`expiry/${openCase.caseId}`),
      );
    }
    if (openCase !== null && decision.evaluate) await this.evaluateOnCase(openCase.caseId, row.scores, month, context);
    return {
      personId,
      eligible: eligibility.eligible,
      outcome: decision.outcome,
      ...(openCase === null ? {} : { caseId: openCase.caseId }),
      row: row.row,
      ...(decision.supersededBy === undefined ? {} : { supersededBy: decision.supersededBy }),
      recordId,
    };
  }

  /** A held row's open case hears this month, its standing unchanged (see `heldSaysMonth`). */
  private async holdOnCase(
    placed: CasesOfPerson,
    { month, laterUploadMonth, held }: { month: string; laterUploadMonth: string | undefined; held: IomHeldReason },
    context: (key: string) => CommandContext,
  ): Promise<void> {
    const personId = placed.ids[0] as string;
    const openCase = await findOpenIomCase(this.store, this.history, personId, placed, IOM_PANEL_CODE, undefined, NONE);
    if (openCase === null || !heldSaysMonth(openCase, month, laterUploadMonth)) return;
    const ctx = context(`evaluate/${openCase.caseId}`);
    await this.onCase(
      openCase.caseId,
      { type: 'hold-iom-standing', data: { caseId: openCase.caseId, occurredAt: ctx.occurredAt, month, held } },
      ctx,
    );
  }

  private async evaluateOnCase(
    caseId: string,
    scores: IomScores,
    month: string,
    context: (key: string) => CommandContext,
  ): Promise<void> {
    const ctx = context(`evaluate/${caseId}`);
    await this.onCase(
      caseId,
      {
        type: 'evaluate-iom-eligibility',
        data: { caseId, occurredAt: ctx.occurredAt, scores, source: 'core-cohort-upload', month },
      },
      ctx,
    );
  }

  /**
   * An IOM referral awaiting adoption, through the case decider like any referral, naming the
   * record the row brought in: which panel brought a record in is read from it, not the upload's
   * correlation id. Not opened (false) when an API referral of him has opened an IOM case since it
   * was looked for: noted in his turn on his referral notes, as such a referral is.
   */
  private async openReferral(
    row: CohortRow,
    { personId, recordId, caseId }: { personId: string; recordId: string | null; caseId: string },
    month: string,
    context: (key: string) => CommandContext,
  ): Promise<boolean> {
    const ctx = context(`referral/${caseId}`);
    const noted = await noteUploadReferral(
      this.store,
      this.history,
      () => this.placedNow(personId),
      { personId, caseId, panelCode: IOM_PANEL_CODE, referredAt: ctx.occurredAt },
      ctx,
    );
    if (!noted.noted) return false;
    await handleCommand(
      this.store,
      caseStream(caseId),
      this.cases,
      {
        type: 'make-referral',
        data: {
          caseId,
          occurredAt: ctx.occurredAt,
          panelCode: IOM_PANEL_CODE,
          personId,
          referrer: { name: ctx.actor.name, agency: ctx.actor.agency },
          reason: `Eligible in the ${month} core-cohort upload (${this.policy.id} v${this.policy.version})`,
          details: {
            kind: 'iom',
            route: CORE_COHORT_UPLOAD_ROUTE,
            cohortMonth: month,
            scores: row.scores,
            ...(row.status === undefined ? {} : { statusAtReferral: row.status }),
            ...(row.indexOffence === undefined ? {} : { indexOffence: row.indexOffence }),
          },
          recordId,
        },
      },
      ctx,
    );
    return true;
  }

  private async onCase(caseId: string, command: CaseCommand, ctx: CommandContext): Promise<void> {
    await handleCommand(this.store, caseStream(caseId), this.cases, command, ctx);
  }

  /** The latest earlier month with a completed import, and what it saw. */
  private async previousMonth(month: string): Promise<{ comparedWith: string | null; previous: Map<string, boolean> }> {
    let candidate = month;
    for (let step = 0; step < MONTHS_BACK; step++) {
      candidate = monthBefore(candidate);
      const events = (await this.store.readStream(importStream(candidate))) as unknown as CohortImportEvent[];
      const snapshot = cohortSnapshot(events);
      if (snapshot !== undefined) return { comparedWith: candidate, previous: snapshot };
    }
    return { comparedWith: null, previous: new Map() };
  }

  /**
   * The latest later month with a completed import, when this file comes late (a corrected file
   * for an earlier month); undefined otherwise.
   */
  private async laterMonth(month: string): Promise<string | undefined> {
    let later: string | undefined;
    for (let step = 0, candidate = monthAfter(month); step < MONTHS_BACK; step++, candidate = monthAfter(candidate)) {
      const events = (await this.store.readStream(importStream(candidate))) as unknown as CohortImportEvent[];
      if (events.some((event) => event.type === 'iom-cohort-file-imported')) later = candidate;
    }
    return later;
  }
}

const NONE: ReadonlySet<string> = new Set();

/** How many times a user cancelled an upload of this file. */
const cancellationsOf = (events: readonly CohortImportEvent[], fileDigest: string): number =>
  events.filter((event) => event.type === 'iom-cohort-upload-cancelled' && event.data.fileDigest === fileDigest).length;

/**
 * The referrals an earlier, unfinished upload of the same file opened (its recorded batches). Uploaded
 * again after a cancellation it is a new job whose writes are named apart, yet those people are this
 * file's new ones, not unchanged: otherwise the report and new.csv would lose them.
 */
function referralsOpenedBy(events: readonly CohortImportEvent[], fileDigest: string): ReadonlySet<string> {
  const opened = new Set<string>();
  for (const event of events) {
    if (event.type !== 'iom-cohort-batch-imported' || event.data.fileDigest !== fileDigest) continue;
    for (const person of event.data.people)
      if (person.outcome === 'new' && person.caseId !== undefined && person.supersededBy === undefined)
        opened.add(person.caseId);
  }
  return opened;
}

/**
 * One event per batch number: an upload of the file that was cancelled and uploaded again recorded
 * its first batches twice; the later one is the run that completed.
 */
function lastOfEachBatch<E extends CohortImportEvent>(events: readonly E[]): E[] {
  const byBatch = new Map<string, E>();
  for (const event of events)
    if (event.type === 'iom-cohort-batch-imported' || event.type === 'iom-cohort-absentees-flagged')
      byBatch.set(`${event.type}/${event.data.batch}`, event);
  return [...byBatch.values()];
}

const latestMonth = (months: readonly (string | undefined)[]): string | null =>
  months.reduce<string | null>((latest, m) => (m !== undefined && (latest === null || m > latest) ? m : latest), null);

/** The same file already imported for this month: what its run recorded, to answer with again. */
function recordedOutcome(events: readonly CohortImportEvent[], fileDigest: string): ImportOutcome | undefined {
  const finished = events.find((e) => e.type === 'iom-cohort-file-imported' && e.data.fileDigest === fileDigest);
  if (finished?.type !== 'iom-cohort-file-imported') return undefined;
  const people: ImportedPerson[] = [];
  const problems: ImportRowProblem[] = [];
  const absentees: AbsentPerson[] = [];
  for (const event of lastOfEachBatch(events.filter((e) => e.data.fileDigest === fileDigest))) {
    if (event.type === 'iom-cohort-batch-imported') {
      people.push(...event.data.people);
      problems.push(...(event.data.problems ?? []));
    } else if (event.type === 'iom-cohort-absentees-flagged') absentees.push(...event.data.people);
  }
  const { rows, imported, bad, new: added, expired, unchanged, held, month, comparedWith } = finished.data;
  return {
    month,
    comparedWith,
    counts: { rows, imported, bad, new: added, expired, unchanged, held },
    supersededBy:
      finished.data.supersededBy ?? latestMonth([...people, ...absentees].map((person) => person.supersededBy)),
    alreadyImported: true,
    people,
    problems,
    absentees,
  };
}
