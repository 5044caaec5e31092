/**
 * Events of a `case-<id>` stream: one person's episode on one panel. Types are kebab-case past
 * tense; `data.occurredAt` is when the fact happened in the world (it may be back-dated). Who
 * recorded it is metadata added by the command pipeline, never data.
 */
import type { DomainEvent } from '../../../../command-handling/src/decider';
import type { AgencyAttendance, EngagementLevel, InterventionKind, RagRating, Referrer } from '../vocabulary/common';
import type { IomDiscretionCategory, IomPathway, IomRejectionCategory } from '../vocabulary/iom';
import type { AllianceOutcome, KnownToYos } from '../vocabulary/alliance';
import type { IomEligibilityThresholds, IomOgrsRoute, IomPolicyRef, IomScores } from '../rules/iom-eligibility';
import type { ReferralDetails } from './referral-details';

// ---- common lifecycle ----------------------------------------------------------------------

export type ReferralMade = DomainEvent<
  'referral-made',
  {
    readonly caseId: string;
    readonly panelCode: string;
    /** The subject of the case: the victim on MARAC, the offender on IOM, the child on Alliance. */
    readonly personId: string;
    readonly referrer: Referrer;
    readonly reason: string;
    readonly occurredAt: string;
    readonly details: ReferralDetails;
    /**
     * The record of the subject this referral brought in: the person it registered (whose record
     * id is the person id) or the record it linked to a person already known; null when it brought
     * none. Which panel brought a record in is read from here, never from the client's correlation
     * id. Absent on referrals recorded before it was (see record-of-referral-panel.ts).
     */
    readonly recordId?: string | null;
  }
>;

/**
 * `dated`: the client gave `occurredAt`. Absent, `occurredAt` is when the decision was recorded
 * (also on every decision recorded before `dated` was kept), so it does not bound the closure.
 */
export type ReferralAccepted = DomainEvent<
  'referral-accepted',
  { readonly occurredAt: string; readonly note?: string; readonly dated?: true }
>;

export type ReferralDeclined = DomainEvent<
  'referral-declined',
  { readonly occurredAt: string; readonly reason: string; readonly dated?: true }
>;

/** The case was put on a meeting's agenda (the meeting stream records `meeting-case-listed`). */
export type CaseListed = DomainEvent<
  'case-listed',
  { readonly meetingId: string; readonly meetingDate: string; readonly occurredAt: string }
>;

export type PanelDiscussed = DomainEvent<
  'panel-discussed',
  {
    readonly meetingId: string;
    readonly attendance: readonly AgencyAttendance[];
    readonly summary: string;
    readonly decisions: readonly string[];
    readonly occurredAt: string;
  }
>;

export type ActionAgreed = DomainEvent<
  'action-agreed',
  {
    readonly actionId: string;
    readonly description: string;
    readonly ownerAgency: string;
    /** YYYY-MM-DD. */
    readonly dueBy: string;
    /** The meeting that agreed it, when it was agreed at one. */
    readonly meetingId: string | null;
    readonly occurredAt: string;
  }
>;

export type ActionCompleted = DomainEvent<
  'action-completed',
  { readonly actionId: string; readonly occurredAt: string; readonly note?: string }
>;

export type InterventionArranged = DomainEvent<
  'intervention-arranged',
  {
    readonly interventionId: string;
    /** What it is: "boxing club", "tenancy support", "IDVA support" ... */
    readonly interventionType: string;
    readonly provider: string;
    /** The pathway it serves: an IOM pathway on IOM cases; a diversionary pathway (sport, mentoring ...) on others. */
    readonly pathway: string | null;
    /** Absent on events recorded before kinds existed, and on interventions of no listed kind. */
    readonly kind?: InterventionKind;
    readonly occurredAt: string;
  }
>;

export type InterventionStarted = DomainEvent<
  'intervention-started',
  { readonly interventionId: string; readonly occurredAt: string }
>;

export type InterventionCompleted = DomainEvent<
  'intervention-completed',
  { readonly interventionId: string; readonly occurredAt: string; readonly note?: string }
>;

export type InterventionDeclined = DomainEvent<
  'intervention-declined',
  { readonly interventionId: string; readonly occurredAt: string; readonly reason?: string }
>;

/** Motivation & engagement assessed (four levels, see ENGAGEMENT_LEVELS). */
export type EngagementRecorded = DomainEvent<
  'engagement-recorded',
  { readonly level: EngagementLevel; readonly occurredAt: string; readonly note?: string }
>;

export type RiskRated = DomainEvent<
  'risk-rated',
  { readonly rating: RagRating; readonly occurredAt: string; readonly rationale?: string }
>;

/** The person's current situation changed; values come from the panel's registry entry. */
export type CaseStatusChanged = DomainEvent<
  'case-status-changed',
  { readonly status: string; readonly previousStatus: string | null; readonly occurredAt: string }
>;

export type CaseClosed = DomainEvent<
  'case-closed',
  {
    /** A code from the panel's exit statuses. */
    readonly exitStatus: string;
    /** Required when the exit status requires detail (`other`). */
    readonly exitDetail?: string;
    readonly occurredAt: string;
  }
>;

// ---- IOM ----------------------------------------------------------------------------------

export const IOM_ELIGIBILITY_SOURCES = ['referral', 'core-cohort-upload', 're-assessment'] as const;
export type IomEligibilitySource = (typeof IOM_ELIGIBILITY_SOURCES)[number];

export type IomEligibilityEvaluated = DomainEvent<
  'iom-eligibility-evaluated',
  {
    readonly policy: IomPolicyRef;
    /** The thresholds the policy had when applied (a policy's content is also kept on the event). */
    readonly thresholds: IomEligibilityThresholds;
    readonly inputs: IomScores;
    readonly eligible: boolean;
    readonly ogrsRoute: IomOgrsRoute | null;
    readonly ovpMet: boolean;
    readonly source: IomEligibilitySource;
    /**
     * The core-cohort upload's month (`YYYY-MM`) when the monthly import evaluated the case or
     * opened it. Absent on re-assessments, other referrals, and events recorded before imports
     * said their month.
     */
    readonly month?: string;
    readonly occurredAt: string;
  }
>;

/** An eligible case adopted into the local cohort, with the panel's reason. */
export type IomCaseAdopted = DomainEvent<
  'iom-case-adopted',
  { readonly reason: string; readonly eligibilityPolicy: IomPolicyRef; readonly occurredAt: string }
>;

/**
 * The panel chose not to manage the case: the category closes London's "why not managed" gap and
 * is what analysts count; the reason is the panel's own words, for the panel only. Events recorded
 * before categories have no `category` (read as `not-categorised`, never guessed from the text)
 * and always a reason; later ones may leave the reason out unless the category is `other`.
 */
export type IomCaseRejected = DomainEvent<
  'iom-case-rejected',
  {
    readonly category?: IomRejectionCategory;
    readonly reason?: string;
    readonly eligibleWhenRejected: boolean;
    readonly occurredAt: string;
  }
>;

/** A case that is not eligible, added by local discretion; `category` as on a rejection. */
export type IomDiscretionaryAdoption = DomainEvent<
  'iom-discretionary-adoption',
  {
    readonly category?: IomDiscretionCategory;
    readonly reason?: string;
    readonly eligibilityPolicy: IomPolicyRef;
    readonly occurredAt: string;
  }
>;

/** The full set of criminogenic needs now identified (replaces the previous set). */
export type IomPathwaysUpdated = DomainEvent<
  'iom-pathways-updated',
  { readonly pathways: readonly IomPathway[]; readonly occurredAt: string }
>;

/** Why the monthly core-cohort upload no longer supports a case (see libs/cohort-import). */
export const IOM_COHORT_EXPIRY_REASONS = ['absent-from-upload', 'no-longer-eligible'] as const;
export type IomCohortExpiryReason = (typeof IOM_COHORT_EXPIRY_REASONS)[number];

/**
 * The month's core-cohort upload no longer lists the person as eligible. A flag for the panel,
 * not a closure: the panel decides whether to close the case (and with which exit status).
 */
export type IomCohortExpiryFlagged = DomainEvent<
  'iom-cohort-expiry-flagged',
  { readonly month: string; readonly reason: IomCohortExpiryReason; readonly occurredAt: string }
>;

/**
 * Why an upload row listing the person left their standing as recorded: its scores could not be
 * read, or other cells of it could not (see libs/cohort-import, `held` rows).
 */
export const IOM_HELD_REASONS = ['scores-unreadable', 'row-unreadable'] as const;
export type IomHeldReason = (typeof IOM_HELD_REASONS)[number];

/**
 * The month's core-cohort upload listed the case in a held row whose standing could not be said
 * again as an evaluation (another policy would judge it, an eligible evaluation would lift its
 * expiry flag, or it was never evaluated). It changes nothing but the case's `uploadMonth`, so a
 * late file for an earlier month finds the later month on the case and leaves it alone.
 */
export type IomListedInUpload = DomainEvent<
  'iom-listed-in-upload',
  { readonly month: string; readonly held: IomHeldReason; readonly occurredAt: string }
>;

/**
 * The nominal cannot be located (not at their known address, not reporting, not found by police).
 * The run counts from the UK date of `occurredAt`: back-dated to the day they were first missed.
 */
export type IomUnlocatedRecorded = DomainEvent<
  'iom-unlocated-recorded',
  { readonly occurredAt: string; readonly note?: string }
>;

/** The nominal is located again: ends the run the latest `iom-unlocated-recorded` started. */
export type IomLocatedRecorded = DomainEvent<
  'iom-located-recorded',
  { readonly occurredAt: string; readonly note?: string }
>;

// ---- Operation Alliance ---------------------------------------------------------------------

export type AllianceEngagementRecorded = DomainEvent<
  'alliance-engagement-recorded',
  {
    readonly engagementId: string;
    readonly custodySuite: string;
    /** Whole years at the time of engagement (10–18 by default). */
    readonly ageAtEngagement: number;
    readonly residenceBorough: string;
    readonly knownToYos: KnownToYos;
    readonly occurredAt: string;
    /** occurredAt + the panel's follow-up hours (48 by default). */
    readonly followUpDueAt: string;
  }
>;

export type AllianceEngagementOutcomeRecorded = DomainEvent<
  'alliance-engagement-outcome-recorded',
  {
    readonly engagementId: string;
    readonly outcome: AllianceOutcome;
    /** Set when this outcome replaces `awaiting-intervention` (the only change allowed). */
    readonly previousOutcome: 'awaiting-intervention' | null;
    /** When the scheme owes a follow-up; null for out-of-area cases handed to their own MASH. */
    readonly followUpDueAt: string | null;
    readonly occurredAt: string;
  }
>;

/**
 * The child was released from custody (`occurredAt`), so the follow-up is now due
 * `followUpDueAt` = release + the panel's follow-up hours, replacing the due time counted from
 * the engagement.
 */
export type AllianceCustodyReleaseRecorded = DomainEvent<
  'alliance-custody-release-recorded',
  { readonly engagementId: string; readonly occurredAt: string; readonly followUpDueAt: string }
>;

/**
 * Known to the Youth Offending Service, checked or corrected after the engagement; `previous`
 * is what the engagement said before. The actor is on the event's metadata.
 */
export type AllianceKnownToYosRecorded = DomainEvent<
  'alliance-known-to-yos-recorded',
  {
    readonly engagementId: string;
    readonly knownToYos: KnownToYos;
    readonly previous: KnownToYos;
    readonly reason: string;
    readonly occurredAt: string;
  }
>;

/**
 * Where the child lives, corrected after the engagement: `residenceBorough` holds from
 * `occurredAt` (the engagement's time for a typo put right, the move's for a child who moved);
 * `previous` is the residence in force then. The actor is on the event's metadata.
 */
export type AllianceResidenceRecorded = DomainEvent<
  'alliance-residence-recorded',
  {
    readonly engagementId: string;
    readonly residenceBorough: string;
    readonly previous: string;
    readonly reason: string;
    readonly occurredAt: string;
  }
>;

export type AllianceFollowUpCompleted = DomainEvent<
  'alliance-follow-up-completed',
  { readonly engagementId: string; readonly occurredAt: string; readonly note?: string }
>;

export type CommonCaseEvent =
  | ReferralMade
  | ReferralAccepted
  | ReferralDeclined
  | CaseListed
  | PanelDiscussed
  | ActionAgreed
  | ActionCompleted
  | InterventionArranged
  | InterventionStarted
  | InterventionCompleted
  | InterventionDeclined
  | EngagementRecorded
  | RiskRated
  | CaseStatusChanged
  | CaseClosed;

export type IomCaseEvent =
  | IomEligibilityEvaluated
  | IomCaseAdopted
  | IomCaseRejected
  | IomDiscretionaryAdoption
  | IomPathwaysUpdated
  | IomCohortExpiryFlagged
  | IomListedInUpload
  | IomUnlocatedRecorded
  | IomLocatedRecorded;

export type AllianceCaseEvent =
  | AllianceEngagementRecorded
  | AllianceEngagementOutcomeRecorded
  | AllianceCustodyReleaseRecorded
  | AllianceKnownToYosRecorded
  | AllianceResidenceRecorded
  | AllianceFollowUpCompleted;

export type CaseEvent = CommonCaseEvent | IomCaseEvent | AllianceCaseEvent;
export type CaseEventType = CaseEvent['type'];

/** Every case event type, for subscription filters. Checked against the union at compile time. */
export const CASE_EVENT_TYPES = [
  'referral-made',
  'referral-accepted',
  'referral-declined',
  'case-listed',
  'panel-discussed',
  'action-agreed',
  'action-completed',
  'intervention-arranged',
  'intervention-started',
  'intervention-completed',
  'intervention-declined',
  'engagement-recorded',
  'risk-rated',
  'case-status-changed',
  'case-closed',
  'iom-eligibility-evaluated',
  'iom-case-adopted',
  'iom-case-rejected',
  'iom-discretionary-adoption',
  'iom-pathways-updated',
  'iom-cohort-expiry-flagged',
  'iom-listed-in-upload',
  'iom-unlocated-recorded',
  'iom-located-recorded',
  'alliance-engagement-recorded',
  'alliance-engagement-outcome-recorded',
  'alliance-custody-release-recorded',
  'alliance-known-to-yos-recorded',
  'alliance-residence-recorded',
  'alliance-follow-up-completed',
] as const satisfies readonly CaseEventType[];

// Fails to compile if a case event type is missing from CASE_EVENT_TYPES.
type MissingCaseEventType = Exclude<CaseEventType, (typeof CASE_EVENT_TYPES)[number]>;
const allCaseEventTypesListed: MissingCaseEventType extends never ? true : never = true;
void allCaseEventTypesListed;
