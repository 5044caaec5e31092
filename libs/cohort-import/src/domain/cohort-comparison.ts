/**
 * Month-to-month comparison of the core cohort. What a row means depends on three things: the
 * person's eligibility this month, whether last month's file had them eligible, and the open IOM
 * case they may already have. The answers are chosen so that running the same file again (a
 * retried job, or the same upload twice) reaches the same outcome and asks for no new writes:
 * the steps already taken are visible on the case (opened by this import, flagged this month).
 */
import type { IomCohortExpiryReason, IomHeldReason } from '../../../case-lifecycle/src/domain/events/case-events';
import type { IomScores } from '../../../case-lifecycle/src/domain/rules/iom-eligibility';

export type CohortOutcome = 'new' | 'expired' | 'unchanged';

export interface OpenIomCase {
  readonly caseId: string;
  /** The latest eligibility recorded on the case, null if never evaluated. */
  readonly eligible: boolean | null;
  /** The scores that eligibility was judged on, if any. */
  readonly recordedScores?: IomScores;
  /** The case's recorded scores differ from this month's row. */
  readonly scoresDiffer: boolean;
  /** The case was opened by this import (a retried run finds its own case). */
  readonly openedByThisImport: boolean;
  /** The expiry flag the case carries, if any. */
  readonly expiryFlag?: { readonly month: string; readonly reason: IomCohortExpiryReason };
  /** The latest month whose upload evaluated, opened or flagged the case, if any said its month. */
  readonly uploadMonth?: string;
}

/**
 * A later month's upload has already spoken to the case, or covered the whole cohort since: this
 * (late, earlier) month's file says nothing to it. Never a case this import opened: a run resumed
 * after a later month completed must report what its first attempt did.
 */
export const supersededOn = (openCase: OpenIomCase, month: string, laterUploadMonth?: string): boolean =>
  supersedingMonth(openCase, month, laterUploadMonth) !== undefined;

/** The later month whose upload has the word on the case (see `supersededOn`), if any: the latest. */
export function supersedingMonth(openCase: OpenIomCase, month: string, laterUploadMonth?: string): string | undefined {
  if (openCase.openedByThisImport) return undefined;
  const spokeLater =
    openCase.uploadMonth !== undefined && month < openCase.uploadMonth ? openCase.uploadMonth : undefined;
  if (laterUploadMonth === undefined) return spokeLater;
  return spokeLater !== undefined && spokeLater > laterUploadMonth ? spokeLater : laterUploadMonth;
}

/**
 * No upload of this month or a later one has spoken to the case yet. Every upload that lists an
 * open case says its month on it, even with nothing new to say, so that a late earlier-month
 * file running alongside (whose check at the start saw no completed later upload) finds the
 * later month on the case and leaves it alone.
 */
const unheardBy = (openCase: OpenIomCase, month: string): boolean =>
  openCase.uploadMonth === undefined || month > openCase.uploadMonth;

/**
 * The case records the other answer than the current policy gives this row: with unchanged
 * scores, the policy changed since. Re-evaluating records the current policy's answer; a retried
 * run finds it there and writes nothing more.
 */
const judgedOtherwise = (openCase: OpenIomCase, eligibleNow: boolean): boolean =>
  openCase.eligible !== null && openCase.eligible !== eligibleNow;

export interface RowSituation {
  readonly month: string;
  readonly eligibleNow: boolean;
  /** Eligible in the latest earlier month's import (false when there is none). */
  readonly previouslyEligible: boolean;
  readonly openCase: OpenIomCase | null;
  /**
   * The latest later month whose upload completed, if this file comes late: that upload listed
   * the whole cohort as it stood then, so it has the word on every open case.
   */
  readonly laterUploadMonth?: string;
  /**
   * An upload of this month (or later) already spoke to an IOM case of theirs that the panel has
   * since declined or closed: a corrected file for the month does not refer them again.
   */
  readonly decidedThisMonth?: boolean;
}

export interface RowDecision {
  readonly outcome: CohortOutcome;
  /** Open an IOM referral (route: probation core-cohort upload) awaiting adoption. */
  readonly openReferral: boolean;
  /** Record this month's scores on the open case (`iom-eligibility-evaluated`, source core-cohort-upload). */
  readonly evaluate: boolean;
  readonly flag: IomCohortExpiryReason | null;
  /** The row came late: this later month's upload has the word, and the import left the person alone. */
  readonly supersededBy?: string;
}

const nothing = (outcome: CohortOutcome): RowDecision => ({
  outcome,
  openReferral: false,
  evaluate: false,
  flag: null,
});

/**
 * - eligible, no open case, not eligible last month → **new**: a referral awaits adoption;
 * - eligible, no open case, eligible last month, or referred by this month's upload before (a
 *   corrected file) → unchanged (the panel already rejected or closed it);
 * - eligible with an open case → unchanged; new scores, a standing expiry flag, a case recording
 *   them not eligible (the policy changed), or a case no upload of this month or later spoke to
 *   yet, are re-evaluated;
 * - not eligible, but eligible last month or on the open case → **expired**: the case is flagged
 *   (the flag says the month), and re-evaluated when its scores changed or it records them
 *   eligible (the policy changed); otherwise new scores, or a case not yet heard from this month,
 *   are re-evaluated;
 * - otherwise unchanged (not in the core cohort, then or now);
 * - an open case a later month's upload already evaluated, opened or flagged, or any open case
 *   once a later month's upload completed → unchanged, and nothing is written on it: a corrected
 *   earlier-month file accepted late does not overrule the later month (the row still records
 *   the person's standing in its own month); nor does such a file open a referral once a later
 *   month's upload completed.
 */
export function decideRow(situation: RowSituation): RowDecision {
  const { eligibleNow, previouslyEligible, openCase, month, laterUploadMonth } = situation;
  const supersededBy = openCase === null ? undefined : supersedingMonth(openCase, month, laterUploadMonth);
  if (supersededBy !== undefined) return { ...nothing('unchanged'), supersededBy };
  if (eligibleNow) {
    if (openCase === null) {
      if (previouslyEligible || situation.decidedThisMonth === true) return nothing('unchanged');
      // Newly eligible in its own month; but a completed later upload had the whole cohort then, and
      // referred them if they still were: a referral now would be stale or a second one.
      if (laterUploadMonth !== undefined) return { ...nothing('new'), supersededBy: laterUploadMonth };
      return { ...nothing('new'), openReferral: true };
    }
    const evaluate =
      openCase.scoresDiffer ||
      openCase.expiryFlag !== undefined ||
      judgedOtherwise(openCase, eligibleNow) ||
      unheardBy(openCase, month);
    return { ...nothing(openCase.openedByThisImport ? 'new' : 'unchanged'), evaluate };
  }
  if (openCase === null) return nothing(previouslyEligible ? 'expired' : 'unchanged');
  const flaggedThisMonth = openCase.expiryFlag?.month === month && openCase.expiryFlag.reason === 'no-longer-eligible';
  const expired = previouslyEligible || openCase.eligible === true || flaggedThisMonth;
  return {
    outcome: expired ? 'expired' : 'unchanged',
    openReferral: false,
    evaluate:
      openCase.scoresDiffer || judgedOtherwise(openCase, eligibleNow) || (!expired && unheardBy(openCase, month)),
    flag: expired ? 'no-longer-eligible' : null,
  };
}

/**
 * A held row (scores unreadable, person recognised) keeps the person's standing, yet the upload
 * lists them: like any listed row it says its month on an open case no upload of this month or
 * later spoke to, so that a late earlier-month file running alongside leaves the case alone. The
 * case decider (`hold-iom-standing`) says it with the case's recorded scores where that changes
 * nothing, and otherwise with `iom-listed-in-upload`: never evaluated, judged otherwise by the
 * current policy, or eligible with an expiry flag, the case hears the month all the same.
 */
export const heldSaysMonth = (openCase: OpenIomCase, month: string, laterUploadMonth?: string): boolean =>
  !supersededOn(openCase, month, laterUploadMonth) && unheardBy(openCase, month);

const SCORE_COLUMNS: readonly string[] = ['ogrs_2yr', 'ovp_2yr', 'robbery_burglary_2yr'];

/** Why a held row says nothing of the person's standing: its scores, or other cells, could not be read. */
export const heldReason = (problems: readonly { readonly field: string }[]): IomHeldReason =>
  problems.some((problem) => SCORE_COLUMNS.includes(problem.field)) ? 'scores-unreadable' : 'row-unreadable';

/**
 * People eligible last month and absent from this month's file (rows that could not be read but
 * whose person was recognised are not absent): each is **expired**; an open case is flagged.
 */
export function absentFromFile(previous: ReadonlyMap<string, boolean>, present: ReadonlySet<string>): string[] {
  const absent: string[] = [];
  for (const [personId, eligible] of previous) if (eligible && !present.has(personId)) absent.push(personId);
  return absent.sort();
}
