/**
 * An IOM case's standing for the core cohort: what the evaluations (at referral, from each monthly
 * upload) and the uploads' expiry flags and held rows have said, each word kept with its date.
 * The case's standing now is every word folded in the order recorded; its standing on an earlier
 * day is the words said by then, folded the same way (`iomStandingAt` in case-state.ts). One fold
 * for both, so a decision judged on the day it was taken reads words exactly as the live
 * standing, the tracker and `?asOf=` do. An upload's words go by their month; an evaluation
 * without one (a re-assessment) by its date, so an older assessment typed in after a newer word
 * is history, as the reports' in-force rule reads it.
 */
import { notBefore } from './calendar';
import type { IomCohortExpiryReason } from './events/case-events';
import type { IomEligibilityThresholds, IomOgrsRoute, IomPolicyRef, IomScores } from './rules/iom-eligibility';

/** One evaluation, as the case keeps it. */
export interface IomEligibilityState {
  readonly policy: IomPolicyRef;
  readonly thresholds: IomEligibilityThresholds;
  readonly inputs: IomScores;
  readonly eligible: boolean;
  readonly ogrsRoute: IomOgrsRoute | null;
  readonly evaluatedAt: string;
}

/** One word on the standing. An evaluation is dated by its `evaluatedAt`. */
export type IomStandingWord =
  | { readonly said: 'evaluated'; readonly eligibility: IomEligibilityState; readonly month?: string }
  | {
      readonly said: 'expired';
      readonly month: string;
      readonly reason: IomCohortExpiryReason;
      readonly occurredAt: string;
    }
  | { readonly said: 'listed'; readonly month: string; readonly occurredAt: string };

export interface IomCohortStanding {
  /** The latest evaluation; null before any (read as not eligible). */
  readonly eligibility: IomEligibilityState | null;
  /** Set while the latest core-cohort upload no longer supports the case. */
  readonly cohortExpiry?: { readonly month: string; readonly reason: IomCohortExpiryReason };
  /** The latest month whose upload spoke: an earlier month's word after it has nothing to say. */
  readonly uploadMonth?: string;
  /** When the latest evaluation or expiry flag taken was true: an evaluation without a month dated before it is history. */
  readonly wordAt?: string;
}

export const NO_STANDING: IomCohortStanding = { eligibility: null };

export const dateOfWord = (word: IomStandingWord): string =>
  word.said === 'evaluated' ? word.eligibility.evaluatedAt : word.occurredAt;

/** A word from an earlier month's upload than one already heard (a late corrected file, or two imports racing). */
export const supersededMonth = (uploadMonth: string | undefined, month: string | undefined): boolean =>
  month !== undefined && uploadMonth !== undefined && month < uploadMonth;

/** The later of two instants (ties: `at`, the later record). */
export const laterInstant = (at: string, current: string | undefined): string =>
  notBefore(at, current) ? at : (current as string);

/**
 * A re-assessment (an evaluation without an upload's month) dated before the latest word taken at
 * `wordAt`: an older assessment typed in late is history (ties go to the later record). Written on
 * the bare values so the cohort tracker's row, which keeps no standing, asks the same question.
 */
export const reassessmentDatedBefore = (month: string | undefined, evaluatedAt: string, wordAt: string | undefined) =>
  month === undefined && !notBefore(evaluatedAt, wordAt);

/** An evaluation without a month dated before the latest word taken (ties go to the later record). */
export const datedBeforeStanding = (standing: IomCohortStanding, word: IomStandingWord): boolean =>
  word.said === 'evaluated' && reassessmentDatedBefore(word.month, dateOfWord(word), standing.wordAt);

/** The standing `word` leaves. */
export function afterWord(standing: IomCohortStanding, word: IomStandingWord): IomCohortStanding {
  if (supersededMonth(standing.uploadMonth, word.month) || datedBeforeStanding(standing, word)) return standing;
  switch (word.said) {
    case 'evaluated': {
      const { cohortExpiry, uploadMonth, wordAt } = standing;
      // Without a month (a re-assessment, or recorded before imports said theirs) it counts where it stands.
      const month = word.month ?? uploadMonth;
      return {
        eligibility: word.eligibility,
        // Eligible again: the expiry flag no longer holds. Not eligible: the flag says why.
        ...(cohortExpiry === undefined || word.eligibility.eligible ? {} : { cohortExpiry }),
        ...(month === undefined ? {} : { uploadMonth: month }),
        wordAt: laterInstant(word.eligibility.evaluatedAt, wordAt),
      };
    }
    case 'expired':
      return {
        ...standing,
        cohortExpiry: { month: word.month, reason: word.reason },
        uploadMonth: word.month,
        wordAt: laterInstant(word.occurredAt, standing.wordAt),
      };
    case 'listed':
      return { ...standing, uploadMonth: word.month };
    default: {
      const unknown: never = word;
      return unknown;
    }
  }
}
