/**
 * What a referral-made event holds beyond the common fields, per panel kind. The `kind` mirrors
 * the panel's rules kind, so a reader switches on it exhaustively. Derived facts (criteria met,
 * repeat, thresholds applied) are stored beside the facts given, so that a replay does not
 * depend on today's registry settings.
 */
import type { IomReferralFormStatus, IomReferralRoute } from '../vocabulary/iom';
import type {
  ChildInHousehold,
  MaracConsent,
  MaracCriterion,
  MaracIncident,
  PerpetratorRef,
} from '../vocabulary/marac';
import type { IomScores } from '../rules/iom-eligibility';
import type { MaracRepeatSource } from '../rules/marac-repeat';

export interface GenericReferralDetails {
  readonly kind: 'generic';
}

export interface MaracReferralDetails {
  readonly kind: 'marac';
  readonly consent: MaracConsent;
  readonly perpetrator: PerpetratorRef;
  readonly children: readonly ChildInHousehold[];
  readonly incident: MaracIncident;
  readonly crimeReference?: string;
  readonly dashScore?: number;
  readonly policeCallouts12m?: number;
  /** A number the victim can safely be called on: never the perpetrator's household phone. */
  readonly safeContactNumber?: string;
  /** Involvement with a MARAC in another area, as the referrer describes it. */
  readonly otherAreaMaracInvolvement?: string;
  /**
   * The referrer's "previous MARAC date" (YYYY-MM-DD) as given: a MARAC before go-live, or another
   * area's. The repeat rule counts it as a last referral when the referral records `repeatFrom`.
   */
  readonly previousMaracDateReported?: string;
  /** As ticked by the referrer. */
  readonly criteriaTicked: readonly MaracCriterion[];
  /** As worked out from the facts (see rules/marac-criteria). Never empty. */
  readonly criteriaMet: readonly MaracCriterion[];
  /** Detected from the victim's last MARAC referral, whatever was ticked. */
  readonly repeat: boolean;
  /**
   * Where the last referral the repeat was judged on is known from: `history`, this system's
   * (`previousMaracReferralAt`); `reported`, the form's `previousMaracDateReported`, when the
   * incident repeats that and not the history's; null when it is no repeat. Absent on referrals recorded before the form's date
   * counted: they were judged on the history alone, and are read so.
   */
  readonly repeatFrom?: MaracRepeatSource | null;
  /** The victim's last MARAC referral in this system's history, as the repeat rule found it. */
  readonly previousMaracReferralAt: string | null;
  readonly thresholdsApplied: {
    readonly dashThreshold: number;
    readonly policeCalloutsThreshold: number;
    readonly repeatWindowMonths: number;
  };
}

export interface IomReferralDetails {
  readonly kind: 'iom';
  readonly route: IomReferralRoute;
  /**
   * Absent when the referral form came without them: the case is then not assessed (no
   * evaluation) until scores are recorded on it (`iom-eligibility-evaluated`, `re-assessment`).
   */
  readonly scores?: IomScores;
  /** The referral form's "current status", as given (mapped to the platform's status in state). */
  readonly statusAtReferral: IomReferralFormStatus | null;
  readonly indexOffence?: string;
}

export interface AllianceReferralDetails {
  readonly kind: 'alliance';
  /** Custody suite where the child was first seen. */
  readonly custodySuite: string;
}

export type ReferralDetails =
  | GenericReferralDetails
  | MaracReferralDetails
  | IomReferralDetails
  | AllianceReferralDetails;
