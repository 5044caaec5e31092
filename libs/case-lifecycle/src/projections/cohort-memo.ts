import type { AllianceOutcome, FollowUpAnchor, InterventionStatus, PanelKind } from '../domain';
import type { StoredCase } from './cohort-columns';
import { noEngagements, type TrackedCase, type TrackedEngagement, type TrackedListing } from './cohort-tracked-case';

/**
 * What the tracker keeps of a case beside its columns: what later events can still turn into
 * other column values. Flat lists, in the tracked case's own order, so that a case stored and
 * loaded between two events goes on exactly as one folded through both in memory (an object
 * keyed by id would put integer-like ids first on the way back).
 */
type CaseMemo = readonly [
  kind: PanelKind,
  /** Open actions: action id, due date, ... */
  openActions: readonly string[],
  /** Listings: meeting id, meeting date, discussed at or null, ... */
  listings: readonly (string | null)[],
  /**
   * The panel's own, on Alliance and MARAC only. Alliance: engagement id, follow-up due at,
   * what it counts from, outcome or null, follow-up completed at or null, residence, from when, ... MARAC: IDVA intervention id, status, ...
   */
  panelOwn?: readonly (string | null)[],
  /**
   * When the current status, rating and level happened, the latest engaging and earliest
   * non-engaging records' instants (cohort-non-engagement.ts), when the current IOM pathways
   * were identified, and when the IOM evaluation or expiry flag in force was true; absent while all are null.
   */
  latestAt?: readonly (string | null)[],
];

function engagementsMemo(engagements: Readonly<Record<string, TrackedEngagement>>): (string | null)[] {
  const memo: (string | null)[] = [];
  for (const [engagementId, engagement] of Object.entries(engagements)) {
    const { followUpDueAt, followUpFrom, outcome, followUpCompletedAt, residence, residenceFrom } = engagement;
    memo.push(engagementId, followUpDueAt, followUpFrom, outcome, followUpCompletedAt, residence, residenceFrom);
  }
  return memo;
}

function idvaMemo(idvaInterventions: ReadonlyMap<string, InterventionStatus>): string[] {
  const memo: string[] = [];
  idvaInterventions.forEach((status, interventionId) => memo.push(interventionId, status));
  return memo;
}

function panelOwnMemo({ engagements, idvaInterventions }: TrackedCase): (string | null)[] | undefined {
  if (engagements !== null) return engagementsMemo(engagements);
  return idvaInterventions === null ? undefined : idvaMemo(idvaInterventions);
}

export function memoOf(tracked: TrackedCase): string {
  // forEach: iterating entries would allocate a pair per entry, on every save.
  const openActions: string[] = [];
  tracked.openActions.forEach((dueBy, actionId) => openActions.push(actionId, dueBy));
  const listings: (string | null)[] = [];
  tracked.listings.forEach(({ meetingDate, discussedAt }, meetingId) =>
    listings.push(meetingId, meetingDate, discussedAt),
  );
  const panelOwn = panelOwnMemo(tracked);
  const { statusAt, ragAt, engagementAt, lastEngagedAt, firstNotEngagedAt, pathwaysAt, iomWordAt } = tracked;
  const latestAt = [statusAt, ragAt, engagementAt, lastEngagedAt, firstNotEngagedAt, pathwaysAt, iomWordAt];
  const memo: CaseMemo = latestAt.some((at) => at !== null)
    ? [tracked.kind, openActions, listings, panelOwn ?? [], latestAt]
    : panelOwn === undefined
      ? [tracked.kind, openActions, listings]
      : [tracked.kind, openActions, listings, panelOwn];
  return JSON.stringify(memo);
}

function recalledEngagements(memo: readonly (string | null)[]): Record<string, TrackedEngagement> {
  const engagements = noEngagements();
  for (let i = 0; i < memo.length; i += 7) {
    engagements[memo[i] as string] = {
      followUpDueAt: memo[i + 1] as string,
      followUpFrom: memo[i + 2] as FollowUpAnchor,
      outcome: (memo[i + 3] ?? null) as AllianceOutcome | null,
      followUpCompletedAt: memo[i + 4] ?? null,
      residence: memo[i + 5] as string,
      residenceFrom: memo[i + 6] as string,
    };
  }
  return engagements;
}

function recalledIdva(memo: readonly (string | null)[]): Map<string, InterventionStatus> {
  const idvaInterventions = new Map<string, InterventionStatus>();
  for (let i = 0; i < memo.length; i += 2) idvaInterventions.set(memo[i] as string, memo[i + 1] as InterventionStatus);
  return idvaInterventions;
}

function recalledListings(listed: readonly (string | null)[]): Map<string, TrackedListing> {
  const listings = new Map<string, TrackedListing>();
  for (let i = 0; i < listed.length; i += 3)
    listings.set(listed[i] as string, { meetingDate: listed[i + 1] as string, discussedAt: listed[i + 2] ?? null });
  return listings;
}

/** The meetings the case is listed on, by meeting id, from its row's memo. */
export const listingsInMemo = (memo: string): Map<string, TrackedListing> =>
  recalledListings((JSON.parse(memo) as CaseMemo)[2]);

/** The case as its row left it, ready to fold the next batch's events into. */
export function trackedCaseOf(stored: StoredCase): TrackedCase {
  const [panel, personId, referredAt, phase, currentStatus, rag, engagementLevel, ...panelColumns] = stored;
  const [
    maracRepeat,
    maracRepeatWindow,
    maracIncidentAt,
    dashScore,
    iomEligible,
    iomDecision,
    iomPathways,
    iomReason,
    iomReasonCategory,
    ...expiryAndMemo
  ] = panelColumns;
  const [iomExpiryMonth, iomExpiryReason, lastEngagedOn, nonEngagementSince, unlocatedSince, memo] = expiryAndMemo;
  const [kind, actions, listed, panelOwn = [], latestAt = []] = JSON.parse(memo) as CaseMemo;
  const [
    statusAt = null,
    ragAt = null,
    engagementAt = null,
    lastEngagedAt = null,
    firstNotEngagedAt = null,
    pathwaysAt = null,
    iomWordAt = null,
  ] = latestAt;
  const openActions = new Map<string, string>();
  for (let i = 0; i < actions.length; i += 2) openActions.set(actions[i] as string, actions[i + 1] as string);
  return {
    kind,
    panel,
    personId,
    referredAt,
    phase,
    currentStatus,
    rag,
    statusAt,
    ragAt,
    engagementLevel,
    engagementAt,
    lastEngagedAt,
    firstNotEngagedAt,
    lastEngagedOn,
    nonEngagementSince,
    unlocatedSince,
    openActions,
    listings: recalledListings(listed),
    maracRepeat,
    maracRepeatWindow,
    maracIncidentAt,
    dashScore,
    idvaInterventions: kind === 'marac' ? recalledIdva(panelOwn) : null,
    iomEligible,
    iomDecision,
    iomPathways,
    pathwaysAt,
    iomReason,
    iomReasonCategory,
    iomExpiryMonth,
    iomExpiryReason,
    iomWordAt,
    engagements: kind === 'alliance' ? recalledEngagements(panelOwn) : null,
  };
}
