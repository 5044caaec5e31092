import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import {
  IOM_NOT_CATEGORISED,
  iomStatusFromReferralForm,
  type AllianceOutcome,
  type FollowUpAnchor,
  type CaseEvent,
  type CasePhase,
  type InterventionKind,
  type InterventionStatus,
  type IomCohortExpiryReason,
  type IomDecision,
  type IomDecisionCategory,
  type IomPathway,
  type PanelKind,
  type RagRating,
  type ReferralMade,
  iomEligibleOn,
  notBefore,
} from '../domain';
import { laterInstant, reassessmentDatedBefore, supersededMonth } from '../domain/iom-standing';
import { isIdvaSupport } from './cohort-idva';
import { engagementRecorded, type EngagementTrack } from './cohort-non-engagement';
import { unlocatedRun } from './cohort-unlocated';

export interface TrackedListing {
  meetingDate: string;
  discussedAt: string | null;
}

export interface TrackedEngagement {
  followUpDueAt: string;
  /** Whether `followUpDueAt` counts from the recorded release or, until then, the engagement. */
  followUpFrom: FollowUpAnchor;
  outcome: AllianceOutcome | null;
  followUpCompletedAt: string | null;
  /** Where the child lives: the latest residence by the instant it holds from (`residenceFrom`), as the case's state keeps it. */
  residence: string;
  residenceFrom: string;
}

/**
 * A case as the panel's tracker keeps it: what its columns are derived from, and nothing the
 * columns never read (descriptions, interventions other than IDVA support, eligibility inputs
 * ...). It is folded by `evolveTrackedCase` below, which follows `evolveCase`
 * (domain/case-state.ts) for every field kept here; the rebuild-equivalence spec holds the two
 * to the same rows.
 *
 * Mutable: a batch loads it fresh from the row, folds its events in place and saves it once.
 */
export interface TrackedCase extends EngagementTrack {
  readonly kind: PanelKind;
  readonly panel: string;
  readonly personId: string;
  readonly referredAt: string;
  phase: CasePhase;
  currentStatus: string | null;
  rag: RagRating | null;
  /** When the current status and rating happened: a record dated before them does not replace them. */
  statusAt: string | null;
  ragAt: string | null;
  /** IOM: UK date the nominal has been unlocated since (cohort-unlocated.ts); null while located, and off IOM. */
  unlocatedSince: string | null;
  /** Open actions' due dates by action id; a completed action leaves (no column reads it again). */
  readonly openActions: Map<string, string>;
  /** By meeting id. */
  readonly listings: Map<string, TrackedListing>;
  /** MARAC: the referral's repeat flag, as the column holds it (1/0); null on other panels. */
  readonly maracRepeat: number | null;
  /** MARAC: the referral's repeat window in months; null on other panels or when not recorded. */
  readonly maracRepeatWindow: number | null;
  /** MARAC: the referral's incident (`incident.occurredAt`); null on other panels. */
  readonly maracIncidentAt: string | null;
  dashScore: number | null;
  /**
   * MARAC only: the IDVA interventions' statuses by intervention id (null on other panels). An
   * intervention arranged again under a type that names no IDVA is no longer IDVA support.
   */
  readonly idvaInterventions: Map<string, InterventionStatus> | null;
  /** IOM: as the columns hold them; null on other panels (pathways: `[]` until updated). */
  iomEligible: number | null;
  iomDecision: IomDecision | null;
  /** The column's JSON until an update replaces the list; stringified when the row is saved. */
  iomPathways: string | readonly IomPathway[] | null;
  /** When the current pathways were identified: a review dated before them does not replace them. */
  pathwaysAt: string | null;
  iomReason: string | null;
  /** A rejection's or discretionary adoption's category (`not-categorised` when recorded before categories); null otherwise. */
  iomReasonCategory: IomDecisionCategory | null;
  /** IOM: the cohort-expiry flag while it stands (the latest upload no longer supports the case). */
  iomExpiryMonth: string | null;
  iomExpiryReason: IomCohortExpiryReason | null;
  /**
   * IOM: when the latest evaluation or expiry flag taken was true (the domain's `wordAt`): an
   * evaluation without a month dated before it is history. Kept in the memo.
   */
  iomWordAt: string | null;
  /**
   * IOM: the latest month whose upload evaluated, opened, flagged or listed the case (the domain's
   * `uploadMonth`); a word from an earlier month's upload no longer changes the columns. Kept
   * beside the row (`cohort.projection.ts`), as no column shows it.
   */
  iomUploadMonth?: string;
  /**
   * Alliance only, by engagement id. An object rather than a Map: the latest engagement is the
   * last in the domain record's key order (integer-like ids first), which an object reproduces
   * and a Map does not. Prototype-free, so that an id such as `__proto__` is a key like any other.
   */
  readonly engagements: Record<string, TrackedEngagement> | null;
}

export function noEngagements(): Record<string, TrackedEngagement> {
  return Object.create(null) as Record<string, TrackedEngagement>;
}

function opened({ data }: ReferralMade): TrackedCase {
  const { details } = data;
  return {
    kind: details.kind,
    panel: data.panelCode,
    personId: data.personId,
    referredAt: data.occurredAt,
    phase: 'referred',
    currentStatus:
      details.kind === 'iom' && details.statusAtReferral !== null
        ? iomStatusFromReferralForm(details.statusAtReferral)
        : null,
    rag: null,
    statusAt: null,
    ragAt: null,
    engagementLevel: null,
    engagementAt: null,
    lastEngagedAt: null,
    firstNotEngagedAt: null,
    lastEngagedOn: null,
    nonEngagementSince: null,
    unlocatedSince: null,
    openActions: new Map(),
    listings: new Map(),
    maracRepeat: details.kind === 'marac' ? Number(details.repeat) : null,
    maracRepeatWindow: details.kind === 'marac' ? (details.thresholdsApplied?.repeatWindowMonths ?? null) : null,
    maracIncidentAt: details.kind === 'marac' ? (details.incident?.occurredAt ?? null) : null,
    dashScore: details.kind === 'marac' ? (details.dashScore ?? null) : null,
    idvaInterventions: details.kind === 'marac' ? new Map() : null,
    iomEligible: null,
    iomDecision: null,
    iomPathways: details.kind === 'iom' ? [] : null,
    pathwaysAt: null,
    iomReason: null,
    iomReasonCategory: null,
    iomExpiryMonth: null,
    iomExpiryReason: null,
    iomWordAt: null,
    engagements: details.kind === 'alliance' ? noEngagements() : null,
  };
}

function decided(
  tracked: TrackedCase,
  decision: IomDecision,
  reason: string | undefined,
  category: IomDecisionCategory | null,
): TrackedCase {
  if (tracked.kind === 'iom') tracked.iomDecision = decision;
  // Kept whatever the panel: the column has always taken any decision event's reason.
  tracked.iomReason = reason ?? null;
  tracked.iomReasonCategory = category;
  return tracked;
}

function arranged(
  tracked: TrackedCase,
  interventionId: string,
  interventionType: string,
  kind?: InterventionKind,
): void {
  const { idvaInterventions } = tracked;
  if (idvaInterventions === null) return;
  // Arranged again: the domain replaces the whole intervention, its type included.
  if (isIdvaSupport(interventionType, kind)) idvaInterventions.set(interventionId, 'arranged');
  else idvaInterventions.delete(interventionId);
}

/** Only an intervention the case holds changes status (the domain ignores any other). */
function interventionNow(tracked: TrackedCase, interventionId: string, status: InterventionStatus): void {
  const { idvaInterventions } = tracked;
  if (idvaInterventions?.has(interventionId) === true) idvaInterventions.set(interventionId, status);
}

/**
 * The column as the deciders judge adoption (`iomEligibleOn`), from the latest evaluation and the
 * flag as the row now holds it. The row keeps no evaluation of its own: while the flag stands the
 * evaluation does not change the answer, so the column's last value stands in for it then.
 */
function eligibleColumn(tracked: TrackedCase, evaluated: boolean = tracked.iomEligible === 1): number {
  const flag = tracked.iomExpiryMonth === null ? {} : { cohortExpiry: { month: tracked.iomExpiryMonth } };
  return Number(iomEligibleOn({ eligibility: { eligible: evaluated }, ...flag }));
}

/** The latest upload no longer supports the case: not eligible, and the flag says why. */
function expiryFlagged(tracked: TrackedCase, month: string, reason: IomCohortExpiryReason, at: string): void {
  if (tracked.kind !== 'iom' || superseded(tracked, month)) return;
  tracked.iomWordAt = laterInstant(at, tracked.iomWordAt ?? undefined);
  tracked.iomUploadMonth = month;
  tracked.iomExpiryMonth = month;
  tracked.iomExpiryReason = reason;
  tracked.iomEligible = eligibleColumn(tracked);
}

/** The domain's `supersededMonth`: an earlier month's upload than one the case heard from. */
const superseded = (tracked: TrackedCase, month: string | undefined): boolean =>
  supersededMonth(tracked.iomUploadMonth, month);

function eligibilityEvaluated(tracked: TrackedCase, eligible: boolean, month: string | undefined, at: string): void {
  if (tracked.kind !== 'iom' || superseded(tracked, month)) return;
  if (reassessmentDatedBefore(month, at, tracked.iomWordAt ?? undefined)) return;
  tracked.iomWordAt = laterInstant(at, tracked.iomWordAt ?? undefined);
  if (month !== undefined) tracked.iomUploadMonth = month;
  // Eligible again: the upload supports the case after all. Not eligible: the flag still says why.
  if (eligible) {
    tracked.iomExpiryMonth = null;
    tracked.iomExpiryReason = null;
  }
  tracked.iomEligible = eligibleColumn(tracked, eligible);
}

function engagementOf(tracked: TrackedCase, engagementId: string): TrackedEngagement | undefined {
  const { engagements } = tracked;
  return engagements !== null && Object.hasOwn(engagements, engagementId) ? engagements[engagementId] : undefined;
}

/** Nothing until the referral; then each event changes the fields `evolveCase` would, in place. */
export function evolveTrackedCase(tracked: TrackedCase | undefined, recorded: RecordedEvent): TrackedCase | undefined {
  const event = recorded as unknown as CaseEvent;
  if (tracked === undefined) return event.type === 'referral-made' ? opened(event) : undefined;
  switch (event.type) {
    case 'referral-made':
      // The state ignores a second referral; the DASH column has always taken a MARAC one's score.
      if (event.data.details.kind === 'marac') tracked.dashScore = event.data.details.dashScore ?? null;
      break;
    case 'referral-accepted':
      tracked.phase = 'accepted';
      break;
    case 'referral-declined':
      tracked.phase = 'declined';
      break;
    case 'case-closed':
      tracked.phase = 'closed';
      break;
    case 'case-listed': {
      // Listed again: waiting for that meeting again, an earlier discussion there forgotten.
      const { meetingId, meetingDate } = event.data;
      const listing = tracked.listings.get(meetingId);
      if (listing === undefined) tracked.listings.set(meetingId, { meetingDate, discussedAt: null });
      else {
        listing.meetingDate = meetingDate;
        listing.discussedAt = null;
      }
      break;
    }
    case 'panel-discussed': {
      const listing = tracked.listings.get(event.data.meetingId);
      if (listing !== undefined) listing.discussedAt = event.data.occurredAt;
      break;
    }
    case 'action-agreed':
      tracked.openActions.set(event.data.actionId, event.data.dueBy);
      break;
    case 'action-completed':
      tracked.openActions.delete(event.data.actionId);
      break;
    case 'engagement-recorded':
      engagementRecorded(tracked, event.data.level, event.data.occurredAt);
      break;
    case 'risk-rated':
      if (notBefore(event.data.occurredAt, tracked.ragAt ?? undefined)) {
        tracked.rag = event.data.rating;
        tracked.ragAt = event.data.occurredAt;
      }
      break;
    case 'case-status-changed':
      if (notBefore(event.data.occurredAt, tracked.statusAt ?? undefined)) {
        tracked.currentStatus = event.data.status;
        tracked.statusAt = event.data.occurredAt;
      }
      break;
    case 'intervention-arranged':
      arranged(tracked, event.data.interventionId, event.data.interventionType, event.data.kind);
      break;
    case 'intervention-started':
      interventionNow(tracked, event.data.interventionId, 'started');
      break;
    case 'intervention-completed':
      interventionNow(tracked, event.data.interventionId, 'completed');
      break;
    case 'intervention-declined':
      interventionNow(tracked, event.data.interventionId, 'declined');
      break;
    case 'iom-eligibility-evaluated':
      eligibilityEvaluated(tracked, event.data.eligible, event.data.month, event.data.occurredAt);
      break;
    case 'iom-cohort-expiry-flagged':
      expiryFlagged(tracked, event.data.month, event.data.reason, event.data.occurredAt);
      break;
    case 'iom-listed-in-upload':
      // A held row: the month only, so that an earlier month's word later in the log stays out.
      if (tracked.kind === 'iom' && !superseded(tracked, event.data.month)) tracked.iomUploadMonth = event.data.month;
      break;
    case 'iom-case-adopted':
      return decided(tracked, 'adopted', event.data.reason, null);
    case 'iom-case-rejected':
      return decided(tracked, 'rejected', event.data.reason, event.data.category ?? IOM_NOT_CATEGORISED);
    case 'iom-discretionary-adoption':
      return decided(tracked, 'discretionary', event.data.reason, event.data.category ?? IOM_NOT_CATEGORISED);
    case 'iom-unlocated-recorded':
    case 'iom-located-recorded':
      if (tracked.kind === 'iom')
        tracked.unlocatedSince = unlocatedRun(tracked.unlocatedSince, event.type, event.data.occurredAt);
      break;
    case 'iom-pathways-updated':
      if (tracked.kind === 'iom' && notBefore(event.data.occurredAt, tracked.pathwaysAt ?? undefined)) {
        tracked.iomPathways = event.data.pathways;
        tracked.pathwaysAt = event.data.occurredAt;
      }
      break;
    case 'alliance-engagement-recorded': {
      const { engagementId, followUpDueAt, residenceBorough, occurredAt } = event.data;
      // Recorded again: the same place in the order, outcome and follow-up not yet recorded.
      if (tracked.engagements !== null)
        tracked.engagements[engagementId] = {
          followUpDueAt,
          followUpFrom: 'engagement',
          outcome: null,
          followUpCompletedAt: null,
          residence: residenceBorough,
          residenceFrom: occurredAt,
        };
      break;
    }
    case 'alliance-engagement-outcome-recorded': {
      const engagement = engagementOf(tracked, event.data.engagementId);
      if (engagement !== undefined) engagement.outcome = event.data.outcome;
      break;
    }
    case 'alliance-custody-release-recorded': {
      const engagement = engagementOf(tracked, event.data.engagementId);
      if (engagement !== undefined) {
        engagement.followUpDueAt = event.data.followUpDueAt;
        engagement.followUpFrom = 'release';
      }
      break;
    }
    case 'alliance-residence-recorded': {
      // Of two from one instant the later recorded stands, as in the case's residence history.
      const engagement = engagementOf(tracked, event.data.engagementId);
      if (engagement !== undefined && notBefore(event.data.occurredAt, engagement.residenceFrom)) {
        engagement.residence = event.data.residenceBorough;
        engagement.residenceFrom = event.data.occurredAt;
      }
      break;
    }
    case 'alliance-follow-up-completed': {
      const engagement = engagementOf(tracked, event.data.engagementId);
      if (engagement !== undefined) engagement.followUpCompletedAt = event.data.occurredAt;
      break;
    }
    default:
      // Types this version does not know: no column.
      break;
  }
  return tracked;
}
