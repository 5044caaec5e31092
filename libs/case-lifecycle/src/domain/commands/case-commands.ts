/** Commands on a `case-<id>` stream. Every one names its case, so the caller can find the stream. */
import type { EngagementLevel, AgencyAttendance, RagRating, Referrer } from '../vocabulary/common';
import type {
  IomDiscretionCategory,
  IomPathway,
  IomReferralFormStatus,
  IomReferralRoute,
  IomRejectionCategory,
  IomWhereabouts,
} from '../vocabulary/iom';
import type {
  ChildInHousehold,
  MaracConsent,
  MaracCriterion,
  MaracIncident,
  PerpetratorRef,
} from '../vocabulary/marac';
import type { AllianceOutcome, KnownToYos } from '../vocabulary/alliance';
import type { IomScores } from '../rules/iom-eligibility';
import type { IomCohortExpiryReason, IomHeldReason } from '../events/case-events';
import type { Command } from './command';
import type { MeetingPhase } from '../meeting.decider';

interface OnCase {
  readonly caseId: string;
  /** When it happened in the world (ISO-8601 with zone); may be back-dated. */
  readonly occurredAt: string;
}

/** A decision on the referral: accept, decline, IOM adoption or rejection. */
interface OnReferral extends OnCase {
  /**
   * True when the client gave `occurredAt`. Otherwise it is when the decision was recorded, which
   * may be long after the panel decided (back-filling), so it bounds no later fact.
   */
  readonly dated?: boolean;
}

// ---- referral --------------------------------------------------------------------------------

export interface GenericReferralInput {
  readonly kind: 'generic';
}

export interface MaracReferralInput {
  readonly kind: 'marac';
  readonly consent: MaracConsent;
  readonly perpetrator: PerpetratorRef;
  readonly children: readonly ChildInHousehold[];
  readonly incident: MaracIncident;
  readonly crimeReference?: string;
  readonly dashScore?: number;
  readonly policeCallouts12m?: number;
  readonly safeContactNumber?: string;
  readonly otherAreaMaracInvolvement?: string;
  /**
   * The referrer's "previous MARAC date" (YYYY-MM-DD), as the form gives it (another area's, or
   * before go-live): a last referral for the repeat rule when later than the history's.
   */
  readonly previousMaracDateReported?: string;
  readonly criteriaTicked: readonly MaracCriterion[];
  /**
   * The victim's last MARAC referral before this one, looked up by the application layer from
   * the victim's referral history. Drives repeat detection, with `previousMaracDateReported`.
   */
  readonly previousMaracReferralAt?: string;
}

export interface IomReferralInput {
  readonly kind: 'iom';
  readonly route: IomReferralRoute;
  /** Absent only on the referral form, whose referrer may not know them (only probation holds them). */
  readonly scores?: IomScores;
  readonly statusAtReferral?: IomReferralFormStatus;
  readonly indexOffence?: string;
  /** The core-cohort upload's month (`YYYY-MM`), when the monthly import opens the case. */
  readonly cohortMonth?: string;
}

export interface AllianceReferralInput {
  readonly kind: 'alliance';
  readonly custodySuite: string;
}

export type ReferralInput = GenericReferralInput | MaracReferralInput | IomReferralInput | AllianceReferralInput;

export type MakeReferral = Command<
  'make-referral',
  OnCase & {
    readonly panelCode: string;
    readonly personId: string;
    readonly referrer: Referrer;
    readonly reason: string;
    /** Must match the panel's kind (`generic` for panels with no rules of their own). */
    readonly details: ReferralInput;
    /** The subject's record the referral's resolution brought in (see `ReferralMade`). */
    readonly recordId?: string | null;
  }
>;

/** Not for IOM cases: IOM records adoption or rejection with a reason instead. */
export type AcceptReferral = Command<'accept-referral', OnReferral & { readonly note?: string }>;
export type DeclineReferral = Command<'decline-referral', OnReferral & { readonly reason: string }>;

// ---- meetings, actions, interventions ---------------------------------------------------------

export type ListCase = Command<
  'list-case',
  OnCase & {
    readonly meetingId: string;
    /** The meeting's panel, from its stream or read model: a case is heard by its own panel. */
    readonly meetingPanelCode: string;
    readonly meetingDate: string;
  }
>;

export interface ActionInput {
  readonly actionId: string;
  readonly description: string;
  readonly ownerAgency: string;
  /** YYYY-MM-DD. */
  readonly dueBy: string;
}

/**
 * How the meeting stands on its own stream, as the route read it: a discussion there, or an action
 * agreed there, says it sat. `meetingPhase` is null when no meeting has the id (no listing names
 * it either); `meetingHeldAt` is when it sat, once recorded held, else null.
 */
export interface MeetingStanding {
  readonly meetingPhase: MeetingPhase | null;
  readonly meetingHeldAt: string | null;
}

export type RecordPanelDiscussion = Command<
  'record-panel-discussion',
  OnCase &
    MeetingStanding & {
      readonly meetingId: string;
      readonly attendance: readonly AgencyAttendance[];
      readonly summary: string;
      readonly decisions: readonly string[];
      /** The action plan agreed in the discussion, recorded with it in one append. */
      readonly actions?: readonly ActionInput[];
    }
>;

/** Agreed at a meeting (`meetingId`): sent with how that meeting stands, as a discussion is. */
export type AgreeAction = Command<
  'agree-action',
  OnCase & ActionInput & { readonly meetingId?: string } & Partial<MeetingStanding>
>;
export type CompleteAction = Command<'complete-action', OnCase & { readonly actionId: string; readonly note?: string }>;

export type ArrangeIntervention = Command<
  'arrange-intervention',
  OnCase & {
    readonly interventionId: string;
    readonly interventionType: string;
    readonly provider: string;
    readonly pathway?: string;
    /** One of `INTERVENTION_KINDS`, when the intervention is of a kind the tracker counts. */
    readonly kind?: string;
  }
>;
export type StartIntervention = Command<'start-intervention', OnCase & { readonly interventionId: string }>;
export type CompleteIntervention = Command<
  'complete-intervention',
  OnCase & { readonly interventionId: string; readonly note?: string }
>;
export type DeclineIntervention = Command<
  'decline-intervention',
  OnCase & { readonly interventionId: string; readonly reason?: string }
>;

// ---- assessments and status -------------------------------------------------------------------

export type RecordEngagement = Command<
  'record-engagement',
  OnCase & { readonly level: EngagementLevel; readonly note?: string }
>;
export type RateRisk = Command<'rate-risk', OnCase & { readonly rating: RagRating; readonly rationale?: string }>;
export type ChangeCaseStatus = Command<'change-case-status', OnCase & { readonly status: string }>;
export type CloseCase = Command<'close-case', OnCase & { readonly exitStatus: string; readonly exitDetail?: string }>;

// ---- IOM ----------------------------------------------------------------------------------------

/** New scores (the monthly core-cohort upload, or a new assessment) evaluated under the panel's current policy. */
export type EvaluateIomEligibility = Command<
  'evaluate-iom-eligibility',
  OnCase & {
    readonly scores: IomScores;
    readonly source: 'core-cohort-upload' | 're-assessment';
    /** The upload's month (`YYYY-MM`), source core-cohort-upload only. */
    readonly month?: string;
  }
>;
/**
 * The month's upload lists the case in a held row (scores unreadable, person recognised): the
 * case keeps its standing and hears the month (`YYYY-MM`).
 */
export type HoldIomStanding = Command<
  'hold-iom-standing',
  OnCase & { readonly month: string; readonly held: IomHeldReason }
>;
export type AdoptIomCase = Command<'adopt-iom-case', OnReferral & { readonly reason: string }>;
/** `reason` is required with category `other`, optional otherwise. */
export type RejectIomCase = Command<
  'reject-iom-case',
  OnReferral & { readonly category: IomRejectionCategory; readonly reason?: string }
>;
export type AdoptIomCaseByDiscretion = Command<
  'adopt-iom-case-by-discretion',
  OnReferral & { readonly category: IomDiscretionCategory; readonly reason?: string }
>;
export type UpdateIomPathways = Command<'update-iom-pathways', OnCase & { readonly pathways: readonly IomPathway[] }>;
/** The monthly upload no longer supports the case; `month` is `YYYY-MM`. */
export type FlagIomCohortExpiry = Command<
  'flag-iom-cohort-expiry',
  OnCase & { readonly month: string; readonly reason: IomCohortExpiryReason }
>;

/** The nominal cannot be located from the UK date of `occurredAt`, or is located again then. */
export type RecordIomWhereabouts = Command<
  'record-iom-whereabouts',
  OnCase & { readonly whereabouts: IomWhereabouts; readonly note?: string }
>;

// ---- Operation Alliance ---------------------------------------------------------------------

export type RecordAllianceEngagement = Command<
  'record-alliance-engagement',
  OnCase & {
    readonly engagementId: string;
    readonly custodySuite: string;
    readonly ageAtEngagement: number;
    readonly residenceBorough: string;
    readonly knownToYos: KnownToYos;
    /** The outcome, when already known at engagement. */
    readonly outcome?: AllianceOutcome;
  }
>;
export type RecordAllianceEngagementOutcome = Command<
  'record-alliance-engagement-outcome',
  OnCase & { readonly engagementId: string; readonly outcome: AllianceOutcome }
>;
export type CompleteAllianceFollowUp = Command<
  'complete-alliance-follow-up',
  OnCase & { readonly engagementId: string; readonly note?: string }
>;

/** The child was released from custody at `occurredAt`; the follow-up is then due from release. */
export type RecordAllianceCustodyRelease = Command<
  'record-alliance-custody-release',
  OnCase & { readonly engagementId: string }
>;
/** Known to YOS checked later (it was `null`), or corrected, with the reason. */
export type RecordAllianceKnownToYos = Command<
  'record-alliance-known-to-yos',
  OnCase & { readonly engagementId: string; readonly knownToYos: KnownToYos; readonly reason: string }
>;
/** Where the child lives, corrected, from `occurredAt`, with the reason (a typo, a move). */
export type RecordAllianceResidence = Command<
  'record-alliance-residence',
  OnCase & { readonly engagementId: string; readonly residenceBorough: string; readonly reason: string }
>;

export type CommonCaseCommand =
  | MakeReferral
  | AcceptReferral
  | DeclineReferral
  | ListCase
  | RecordPanelDiscussion
  | AgreeAction
  | CompleteAction
  | ArrangeIntervention
  | StartIntervention
  | CompleteIntervention
  | DeclineIntervention
  | RecordEngagement
  | RateRisk
  | ChangeCaseStatus
  | CloseCase;

export type IomCaseCommand =
  | EvaluateIomEligibility
  | AdoptIomCase
  | RejectIomCase
  | AdoptIomCaseByDiscretion
  | UpdateIomPathways
  | FlagIomCohortExpiry
  | HoldIomStanding
  | RecordIomWhereabouts;

export type AllianceCaseCommand =
  | RecordAllianceEngagement
  | RecordAllianceEngagementOutcome
  | RecordAllianceCustodyRelease
  | RecordAllianceKnownToYos
  | RecordAllianceResidence
  | CompleteAllianceFollowUp;

export type CaseCommand = CommonCaseCommand | IomCaseCommand | AllianceCaseCommand;
export type CaseCommandType = CaseCommand['type'];
