/**
 * The state of one case, folded from its events. `evolve` trusts events (they are facts already
 * decided); every check lives in `decide`. State is plain data (records and arrays, no Maps or
 * classes) so it can be snapshotted or shown as JSON.
 */
import { notBefore, ukDayOf } from './calendar';
import type { EngagementLevel, InterventionKind, RagRating } from './vocabulary/common';
import { iomStatusFromReferralForm, type IomPathway } from './vocabulary/iom';
import type { MaracCriterion } from './vocabulary/marac';
import type { AllianceOutcome, KnownToYos } from './vocabulary/alliance';
import type { PanelKind } from './panel-registry';
import { residenceNow, withResidence, type ResidenceHistory } from './rules/alliance-residence-history';
import type { CaseEvent, IomCohortExpiryReason, ReferralMade } from './events/case-events';
import {
  afterWord,
  dateOfWord,
  NO_STANDING,
  supersededMonth,
  type IomCohortStanding,
  type IomEligibilityState,
  type IomStandingWord,
} from './iom-standing';

export type { IomEligibilityState } from './iom-standing';

/**
 * Where the case is in the common lifecycle: referred (awaiting the panel's decision),
 * accepted (on the panel's cohort; IOM: adopted), declined (IOM: rejected), closed.
 */
export type CasePhase = 'referred' | 'accepted' | 'declined' | 'closed';

export interface ActionState {
  readonly actionId: string;
  readonly description: string;
  readonly ownerAgency: string;
  readonly dueBy: string;
  readonly meetingId: string | null;
  readonly agreedAt: string;
  readonly completedAt: string | null;
}

export type InterventionStatus = 'arranged' | 'started' | 'completed' | 'declined';

export interface InterventionState {
  readonly interventionId: string;
  readonly interventionType: string;
  readonly provider: string;
  readonly pathway: string | null;
  readonly kind?: InterventionKind;
  readonly status: InterventionStatus;
  readonly arrangedAt: string;
  readonly statusChangedAt: string;
}

export interface ListingState {
  readonly meetingId: string;
  readonly meetingDate: string;
  readonly listedAt: string;
  readonly discussedAt: string | null;
}

export interface GenericCaseState {
  readonly kind: 'generic';
}

export interface MaracCaseState {
  readonly kind: 'marac';
  readonly repeat: boolean;
  readonly criteriaMet: readonly MaracCriterion[];
  readonly perpetratorPersonId: string;
  readonly consentGiven: boolean;
}

/** How the IOM panel decided on the case: adopted as eligible, rejected, or added by discretion. */
export type IomDecision = 'adopted' | 'rejected' | 'discretionary';

export interface IomCaseState {
  readonly kind: 'iom';
  /**
   * The evaluation in force: an upload's by its month, one without a month by its date (an older
   * assessment typed in late is history); a decision is judged on the one in force on its date (`iomStandingAt`).
   */
  readonly eligibility: IomEligibilityState | null;
  readonly decision: IomDecision | null;
  readonly pathways: readonly IomPathway[];
  /**
   * When the current pathways were identified (absent until updated): a review dated before it,
   * entered late, is history and does not replace them.
   */
  readonly pathwaysAt?: string;
  /** Set while the latest core-cohort upload no longer supports the case; absent otherwise. */
  readonly cohortExpiry?: { readonly month: string; readonly reason: IomCohortExpiryReason };
  /**
   * The latest month whose core-cohort upload evaluated, opened, flagged or listed the case. A
   * late file for an earlier month has nothing to say to the case any more.
   */
  readonly uploadMonth?: string;
  /** When the latest evaluation or expiry flag taken was true (iom-standing.ts); not shown on the case view. */
  readonly wordAt?: string;
  /**
   * Every evaluation, expiry flag and held row, in the order recorded, each with its date: the
   * three fields above are these folded (iom-standing.ts), and `iomStandingAt` folds those said
   * by a decision's date, so a decision typed up after a later upload is judged as it was taken.
   */
  readonly standingHistory: readonly IomStandingWord[];
  /** UK date the nominal has been unlocated since, while the latest whereabouts record says so; absent otherwise. */
  readonly unlocatedSince?: string;
  /** UK date of the latest whereabouts record, either way: the next one is not dated before it. */
  readonly whereaboutsRecordedOn?: string;
}

export interface AllianceEngagementState {
  readonly engagementId: string;
  readonly custodySuite: string;
  readonly ageAtEngagement: number;
  /** The residence in force now: the latest of `residenceHistory` by the time it holds from. */
  readonly residenceBorough: string;
  /** The residence typed at engagement and each correction, in the order they hold from. */
  readonly residenceHistory: ResidenceHistory;
  readonly knownToYos: KnownToYos;
  readonly occurredAt: string;
  /** From the release once recorded, else from the engagement (see `followUpAnchor`, `followUpShown`). */
  readonly followUpDueAt: string;
  /** When the child was released from custody; null until recorded. */
  readonly releasedAt: string | null;
  readonly outcome: AllianceOutcome | null;
  /** When the outcome in force happened; a residence correction is judged against it. */
  readonly outcomeAt: string | null;
  readonly followUpCompletedAt: string | null;
}

export interface AllianceCaseState {
  readonly kind: 'alliance';
  readonly engagements: Readonly<Record<string, AllianceEngagementState>>;
}

export type PanelCaseState = GenericCaseState | MaracCaseState | IomCaseState | AllianceCaseState;

export interface NoCase {
  readonly exists: false;
}

export interface CaseRecord {
  readonly exists: true;
  readonly caseId: string;
  readonly panelCode: string;
  readonly personId: string;
  readonly phase: CasePhase;
  readonly referredAt: string;
  /**
   * When the referral was accepted (IOM: adopted) or declined, as the client dated it; absent while
   * pending, and when the decision was sent undated (then it says only when it was recorded).
   */
  readonly datedDecisionAt?: string;
  readonly closedAt: string | null;
  readonly exitStatus: string | null;
  /** The person's current situation, from the panel's status list. */
  readonly currentStatus: string | null;
  readonly riskRating: RagRating | null;
  readonly engagementLevel: EngagementLevel | null;
  /**
   * When the current status, rating and level happened (their records' `occurredAt`); absent
   * until recorded. A record dated before the current one is history, not the current value:
   * coordinators enter a meeting's rating after later ones.
   */
  readonly statusChangedAt?: string;
  /**
   * Every status the case has had, in the order they happened (ties in the order recorded): a
   * status entered late about an earlier day is history the current status does not show, and
   * deciding whether a new entry adds anything needs the status in force on its day.
   */
  readonly statusHistory: readonly StatusSpell[];
  readonly riskRatedAt?: string;
  readonly engagementRecordedAt?: string;
  /**
   * The latest `occurredAt` of the work recorded on the case (see `CASE_STEPS`); absent until
   * some is. A closure, decline or IOM rejection is not dated before its UK day.
   */
  readonly latestStepAt?: string;
  readonly actions: Readonly<Record<string, ActionState>>;
  readonly interventions: Readonly<Record<string, InterventionState>>;
  /** Meetings the case was listed on, by meeting id. */
  readonly listings: Readonly<Record<string, ListingState>>;
  readonly panel: PanelCaseState;
}

/**
 * A status from when it happened. The referral form's status (IOM) has no `occurredAt`: it stands
 * before any recorded change, however early that change is dated.
 */
export interface StatusSpell {
  readonly status: string;
  readonly occurredAt?: string;
}

export type CaseState = NoCase | CaseRecord;

export const initialCaseState = (): CaseState => ({ exists: false });

/** A record's own entry: never something inherited from Object.prototype (an id such as `constructor`). */
export function entryOf<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function panelKindOf(state: CaseRecord): PanelKind {
  return state.panel.kind;
}

function panelStateAtReferral(event: ReferralMade): PanelCaseState {
  const details = event.data.details;
  switch (details.kind) {
    case 'generic':
      return { kind: 'generic' };
    case 'marac':
      return {
        kind: 'marac',
        repeat: details.repeat,
        criteriaMet: details.criteriaMet,
        perpetratorPersonId: details.perpetrator.personId,
        consentGiven: details.consent.given,
      };
    case 'iom':
      return { kind: 'iom', eligibility: null, decision: null, pathways: [], standingHistory: [] };
    case 'alliance':
      return { kind: 'alliance', engagements: {} };
    default: {
      const unexpected: never = details;
      throw new Error(`unknown referral details ${JSON.stringify(unexpected)}`);
    }
  }
}

function opened(event: ReferralMade): CaseRecord {
  const { details } = event.data;
  const statusAtReferral =
    details.kind === 'iom' && details.statusAtReferral !== null
      ? iomStatusFromReferralForm(details.statusAtReferral)
      : null;
  return {
    exists: true,
    caseId: event.data.caseId,
    panelCode: event.data.panelCode,
    personId: event.data.personId,
    phase: 'referred',
    referredAt: event.data.occurredAt,
    closedAt: null,
    exitStatus: null,
    currentStatus: statusAtReferral,
    statusHistory: statusAtReferral === null ? [] : [{ status: statusAtReferral }],
    riskRating: null,
    engagementLevel: null,
    actions: {},
    interventions: {},
    listings: {},
    panel: panelStateAtReferral(event),
  };
}

/**
 * A word from an upload of an earlier month than one the case already heard from (a late
 * corrected file, or two imports racing): the later month's word stands.
 */
export function supersededUpload(state: CaseRecord, month: string | undefined): boolean {
  return state.panel.kind === 'iom' && supersededMonth(state.panel.uploadMonth, month);
}

/** Whether `at` and `other` are one instant, however written (`+01:00` or `Z`). */
export const sameInstant = (at: string, other: string): boolean => notBefore(at, other) && notBefore(other, at);

/** Whether `spell` was in force by `at`: undated (the referral's) or dated at or before it. */
const inForceBy = (spell: StatusSpell, at: string): boolean =>
  spell.occurredAt === undefined || notBefore(at, spell.occurredAt);

/** `history` with `spell` after every spell in force by its time: ties go to the later record. */
function withStatusSpell(history: readonly StatusSpell[], spell: Required<StatusSpell>): StatusSpell[] {
  const after = history.findIndex((earlier) => !inForceBy(earlier, spell.occurredAt));
  const at = after === -1 ? history.length : after;
  return [...history.slice(0, at), { status: spell.status, occurredAt: spell.occurredAt }, ...history.slice(at)];
}

/**
 * The IOM standing as it stood at `at`: the words said by then, folded in the order recorded as
 * the standing now is (at or after the latest word, it is the standing now).
 */
export function iomStandingAt(iom: IomCaseState, at: string): IomCohortStanding {
  return iom.standingHistory.filter((word) => notBefore(at, dateOfWord(word))).reduce(afterWord, NO_STANDING);
}

/** The status spell in force at `at` (undefined before any): the last one in force by then. */
export function statusSpellAt(state: CaseRecord, at: string): StatusSpell | undefined {
  return state.statusHistory.filter((spell) => inForceBy(spell, at)).at(-1);
}

/** The case's status as it stood at `at` (null before any). */
export function statusInForceAt(state: CaseRecord, at: string): string | null {
  return statusSpellAt(state, at)?.status ?? null;
}

const datedDecision = (data: { readonly occurredAt: string; readonly dated?: true }) =>
  data.dated === true ? { datedDecisionAt: data.occurredAt } : {};

function withIom(state: CaseRecord, change: (iom: IomCaseState) => IomCaseState): CaseRecord {
  return state.panel.kind === 'iom' ? { ...state, panel: change(state.panel) } : state;
}

/** `word` kept with the others, and the standing it leaves (a superseded month's leaves it as it was). */
function withStandingWord(state: CaseRecord, word: IomStandingWord): CaseRecord {
  return withIom(state, ({ eligibility, cohortExpiry, uploadMonth, wordAt, standingHistory, ...iom }) => ({
    ...iom,
    ...afterWord(
      {
        eligibility,
        ...(cohortExpiry === undefined ? {} : { cohortExpiry }),
        ...(uploadMonth === undefined ? {} : { uploadMonth }),
        ...(wordAt === undefined ? {} : { wordAt }),
      },
      word,
    ),
    standingHistory: [...standingHistory, word],
  }));
}

function withEngagement(
  state: CaseRecord,
  engagementId: string,
  change: (engagement: AllianceEngagementState) => AllianceEngagementState,
): CaseRecord {
  if (state.panel.kind !== 'alliance') return state;
  const engagement = entryOf(state.panel.engagements, engagementId);
  if (engagement === undefined) return state;
  return {
    ...state,
    panel: { ...state.panel, engagements: { ...state.panel.engagements, [engagementId]: change(engagement) } },
  };
}

function withIntervention(
  state: CaseRecord,
  interventionId: string,
  status: InterventionStatus,
  at: string,
): CaseRecord {
  const intervention = entryOf(state.interventions, interventionId);
  if (intervention === undefined) return state;
  return {
    ...state,
    interventions: { ...state.interventions, [interventionId]: { ...intervention, status, statusChangedAt: at } },
  };
}

function evolveRecord(state: CaseRecord, event: CaseEvent): CaseRecord {
  switch (event.type) {
    case 'referral-made':
      return state; // a second referral on one stream is never decided; ignore rather than overwrite
    case 'referral-accepted':
      return { ...state, phase: 'accepted', ...datedDecision(event.data) };
    case 'referral-declined':
      return { ...state, phase: 'declined', ...datedDecision(event.data) };
    case 'case-listed':
      return {
        ...state,
        listings: {
          ...state.listings,
          [event.data.meetingId]: {
            meetingId: event.data.meetingId,
            meetingDate: event.data.meetingDate,
            listedAt: event.data.occurredAt,
            discussedAt: null,
          },
        },
      };
    case 'panel-discussed': {
      const listing = entryOf(state.listings, event.data.meetingId);
      if (listing === undefined) return state;
      return {
        ...state,
        listings: { ...state.listings, [listing.meetingId]: { ...listing, discussedAt: event.data.occurredAt } },
      };
    }
    case 'action-agreed':
      return {
        ...state,
        actions: {
          ...state.actions,
          [event.data.actionId]: {
            actionId: event.data.actionId,
            description: event.data.description,
            ownerAgency: event.data.ownerAgency,
            dueBy: event.data.dueBy,
            meetingId: event.data.meetingId,
            agreedAt: event.data.occurredAt,
            completedAt: null,
          },
        },
      };
    case 'action-completed': {
      const action = entryOf(state.actions, event.data.actionId);
      if (action === undefined) return state;
      return {
        ...state,
        actions: { ...state.actions, [action.actionId]: { ...action, completedAt: event.data.occurredAt } },
      };
    }
    case 'intervention-arranged':
      return {
        ...state,
        interventions: {
          ...state.interventions,
          [event.data.interventionId]: {
            interventionId: event.data.interventionId,
            interventionType: event.data.interventionType,
            provider: event.data.provider,
            pathway: event.data.pathway,
            ...(event.data.kind === undefined ? {} : { kind: event.data.kind }),
            status: 'arranged',
            arrangedAt: event.data.occurredAt,
            statusChangedAt: event.data.occurredAt,
          },
        },
      };
    case 'intervention-started':
      return withIntervention(state, event.data.interventionId, 'started', event.data.occurredAt);
    case 'intervention-completed':
      return withIntervention(state, event.data.interventionId, 'completed', event.data.occurredAt);
    case 'intervention-declined':
      return withIntervention(state, event.data.interventionId, 'declined', event.data.occurredAt);
    case 'engagement-recorded':
      if (!notBefore(event.data.occurredAt, state.engagementRecordedAt)) return state;
      return { ...state, engagementLevel: event.data.level, engagementRecordedAt: event.data.occurredAt };
    case 'risk-rated':
      if (!notBefore(event.data.occurredAt, state.riskRatedAt)) return state;
      return { ...state, riskRating: event.data.rating, riskRatedAt: event.data.occurredAt };
    case 'case-status-changed': {
      const statusHistory = withStatusSpell(state.statusHistory, event.data);
      if (!notBefore(event.data.occurredAt, state.statusChangedAt)) return { ...state, statusHistory };
      return { ...state, currentStatus: event.data.status, statusChangedAt: event.data.occurredAt, statusHistory };
    }
    case 'case-closed':
      return { ...state, phase: 'closed', closedAt: event.data.occurredAt, exitStatus: event.data.exitStatus };
    case 'iom-eligibility-evaluated':
      return withStandingWord(state, {
        said: 'evaluated',
        eligibility: {
          policy: event.data.policy,
          thresholds: event.data.thresholds,
          inputs: event.data.inputs,
          eligible: event.data.eligible,
          ogrsRoute: event.data.ogrsRoute,
          evaluatedAt: event.data.occurredAt,
        },
        ...(event.data.month === undefined ? {} : { month: event.data.month }),
      });
    case 'iom-case-adopted':
      return withIom(state, (iom) => ({ ...iom, decision: 'adopted' }));
    case 'iom-case-rejected':
      return withIom(state, (iom) => ({ ...iom, decision: 'rejected' }));
    case 'iom-discretionary-adoption':
      return withIom(state, (iom) => ({ ...iom, decision: 'discretionary' }));
    case 'iom-pathways-updated':
      return withIom(state, (iom) =>
        notBefore(event.data.occurredAt, iom.pathwaysAt)
          ? { ...iom, pathways: event.data.pathways, pathwaysAt: event.data.occurredAt }
          : iom,
      );
    case 'iom-cohort-expiry-flagged': {
      const { month, reason, occurredAt } = event.data;
      return withStandingWord(state, { said: 'expired', month, reason, occurredAt });
    }
    case 'iom-listed-in-upload':
      return withStandingWord(state, { said: 'listed', month: event.data.month, occurredAt: event.data.occurredAt });
    case 'iom-unlocated-recorded': {
      const day = ukDayOf(event.data.occurredAt);
      // A run already open keeps its start (the decider refuses a second; older logs may hold one).
      return withIom(state, (iom) => ({
        ...iom,
        unlocatedSince: iom.unlocatedSince ?? day,
        whereaboutsRecordedOn: day,
      }));
    }
    case 'iom-located-recorded':
      return withIom(state, ({ unlocatedSince: _ended, ...iom }) => ({
        ...iom,
        whereaboutsRecordedOn: ukDayOf(event.data.occurredAt),
      }));
    case 'alliance-engagement-recorded': {
      if (state.panel.kind !== 'alliance') return state;
      const { data } = event;
      const engagement: AllianceEngagementState = {
        engagementId: data.engagementId,
        custodySuite: data.custodySuite,
        ageAtEngagement: data.ageAtEngagement,
        residenceBorough: data.residenceBorough,
        residenceHistory: [{ residenceBorough: data.residenceBorough, from: data.occurredAt }],
        knownToYos: data.knownToYos,
        occurredAt: data.occurredAt,
        followUpDueAt: data.followUpDueAt,
        releasedAt: null,
        outcome: null,
        outcomeAt: null,
        followUpCompletedAt: null,
      };
      return {
        ...state,
        panel: { ...state.panel, engagements: { ...state.panel.engagements, [data.engagementId]: engagement } },
      };
    }
    case 'alliance-engagement-outcome-recorded':
      return withEngagement(state, event.data.engagementId, (engagement) => ({
        ...engagement,
        outcome: event.data.outcome,
        outcomeAt: event.data.occurredAt,
      }));
    case 'alliance-custody-release-recorded':
      return withEngagement(state, event.data.engagementId, (engagement) => ({
        ...engagement,
        releasedAt: event.data.occurredAt,
        followUpDueAt: event.data.followUpDueAt,
      }));
    case 'alliance-known-to-yos-recorded':
      return withEngagement(state, event.data.engagementId, (engagement) => ({
        ...engagement,
        knownToYos: event.data.knownToYos,
      }));
    case 'alliance-residence-recorded':
      return withEngagement(state, event.data.engagementId, (engagement) => {
        const { residenceBorough, occurredAt: from } = event.data;
        const residenceHistory = withResidence(engagement.residenceHistory, { residenceBorough, from });
        return {
          ...engagement,
          residenceHistory,
          residenceBorough: residenceNow(residenceHistory) ?? residenceBorough,
        };
      });
    case 'alliance-follow-up-completed':
      return withEngagement(state, event.data.engagementId, (engagement) => ({
        ...engagement,
        followUpCompletedAt: event.data.occurredAt,
      }));
    default: {
      // Compile-time exhaustiveness; at run time an event type this version does not know
      // (written by a newer release) is skipped rather than breaking every read of the stream.
      const unknown: never = event;
      void unknown;
      return state;
    }
  }
}

/**
 * The events that record work on the case, each dated when it happened: what the panel did
 * while the case was open. Not the referral, its decision or the closure; not a listing (dated
 * when it was put on an agenda, the meeting perhaps still ahead); not an upload's word.
 */
const CASE_STEPS = [
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
  'iom-pathways-updated',
  'iom-unlocated-recorded',
  'iom-located-recorded',
  'alliance-engagement-recorded',
  'alliance-engagement-outcome-recorded',
  'alliance-custody-release-recorded',
  'alliance-known-to-yos-recorded',
  'alliance-residence-recorded',
  'alliance-follow-up-completed',
] as const satisfies readonly CaseEvent['type'][];
type CaseStep = Extract<CaseEvent, { readonly type: (typeof CASE_STEPS)[number] }>;

const isCaseStep = (event: CaseEvent): event is CaseStep => (CASE_STEPS as readonly string[]).includes(event.type);

/** Trusts the log as `evolve` must: a step recorded after a closure (older logs) still folds. */
function withLatestStep(state: CaseRecord, event: CaseEvent): CaseRecord {
  if (!isCaseStep(event) || !notBefore(event.data.occurredAt, state.latestStepAt)) return state;
  return { ...state, latestStepAt: event.data.occurredAt };
}

export function evolveCase(state: CaseState, event: CaseEvent): CaseState {
  if (!state.exists) return event.type === 'referral-made' ? opened(event) : state;
  return withLatestStep(evolveRecord(state, event), event);
}
