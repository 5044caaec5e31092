import type {
  ActionState,
  AllianceEngagementState,
  AllianceOutcome,
  CaseRecord,
  IomEligibilityState,
  IomPathway,
  ListingState,
  MaracCaseState,
  PanelCaseState,
  PanelKind,
} from '../domain';
import type { CaseRow } from './cohort-case-row';

/**
 * What the tracker keeps of a case beside its columns: only what later events can still turn
 * into different column values. The rest of the folded state (interventions, completed actions,
 * descriptions, eligibility inputs, ...) changes no column; stored whole, it was most of the
 * bytes written per case.
 */
interface CaseMemo {
  readonly panelKind: PanelKind;
  /**
   * Due date by action id, in id order. A completed action counts in no column whatever comes
   * later, so it is dropped; the order must then not depend on when it was.
   */
  readonly openActions: Readonly<Record<string, string>>;
  readonly listings: Readonly<Record<string, readonly [meetingDate: string, discussedAt: string | null]>>;
  /** Alliance cases only, in the record's order: the latest engagement sets the columns. */
  readonly engagements?: Readonly<
    Record<
      string,
      readonly [followUpDueAt: string, outcome: AllianceOutcome | null, followUpCompletedAt: string | null]
    >
  >;
}

export function memoOf(record: CaseRecord): string {
  const { panel } = record;
  const memo: CaseMemo = {
    panelKind: panel.kind,
    openActions: Object.fromEntries(
      Object.values(record.actions)
        .flatMap((a) => (a.completedAt === null ? [[a.actionId, a.dueBy] as const] : []))
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    ),
    listings: Object.fromEntries(
      Object.values(record.listings).map((l) => [l.meetingId, [l.meetingDate, l.discussedAt]]),
    ),
    ...(panel.kind === 'alliance'
      ? {
          engagements: Object.fromEntries(
            Object.values(panel.engagements).map((e) => [
              e.engagementId,
              [e.followUpDueAt, e.outcome, e.followUpCompletedAt],
            ]),
          ),
        }
      : {}),
  };
  return JSON.stringify(memo);
}

// What the memo does not keep comes back empty: no column reads it, and evolving a case never
// carries it into anything a column reads (the equivalence spec checks rows against full folds).
const UNKEPT_ACTION = { description: '', ownerAgency: '', meetingId: null, agreedAt: '' } as const satisfies Omit<
  ActionState,
  'actionId' | 'dueBy' | 'completedAt'
>;
const UNKEPT_MARAC = { criteriaMet: [], perpetratorPersonId: '', consentGiven: false } as const satisfies Omit<
  MaracCaseState,
  'kind' | 'repeat'
>;
const UNKEPT_ELIGIBILITY = {
  policy: { id: '', version: 0 },
  thresholds: { ogrsAlone: 0, ogrsWithRobberyOrBurglary: 0, ovpMinimum: 0 },
  inputs: { ogrs2y: 0, ovp2y: 0, robberyOrBurglaryInLast2Years: false },
  ogrsRoute: null,
  evaluatedAt: '',
} as const satisfies Omit<IomEligibilityState, 'eligible'>;
const UNKEPT_ENGAGEMENT = {
  custodySuite: '',
  ageAtEngagement: 0,
  residenceBorough: '',
  knownToYos: null,
  occurredAt: '',
} as const satisfies Omit<
  AllianceEngagementState,
  'engagementId' | 'followUpDueAt' | 'outcome' | 'followUpCompletedAt'
>;

function recallPanel(row: CaseRow, memo: CaseMemo): PanelCaseState {
  switch (memo.panelKind) {
    case 'generic':
      return { kind: 'generic' };
    case 'marac':
      return { kind: 'marac', repeat: row.marac_repeat === 1, ...UNKEPT_MARAC };
    case 'iom':
      return {
        kind: 'iom',
        eligibility: row.iom_eligible === null ? null : { ...UNKEPT_ELIGIBILITY, eligible: row.iom_eligible === 1 },
        decision: row.iom_decision,
        pathways: JSON.parse(row.iom_pathways ?? '[]') as IomPathway[],
      };
    case 'alliance': {
      const engagements = Object.entries(memo.engagements ?? {}).map(
        ([engagementId, [followUpDueAt, outcome, followUpCompletedAt]]): [string, AllianceEngagementState] => [
          engagementId,
          { engagementId, followUpDueAt, outcome, followUpCompletedAt, ...UNKEPT_ENGAGEMENT },
        ],
      );
      return { kind: 'alliance', engagements: Object.fromEntries(engagements) };
    }
  }
}

/** The case as the tracker knows it: its columns and memo, back in the shape `evolveCase` folds. */
export function recallCase(row: CaseRow): CaseRecord {
  const memo = JSON.parse(row.memo) as CaseMemo;
  const actions = Object.entries(memo.openActions).map(([actionId, dueBy]): [string, ActionState] => [
    actionId,
    { actionId, dueBy, completedAt: null, ...UNKEPT_ACTION },
  ]);
  const listings = Object.entries(memo.listings).map(
    ([meetingId, [meetingDate, discussedAt]]): [string, ListingState] => [
      meetingId,
      { meetingId, meetingDate, discussedAt, listedAt: '' },
    ],
  );
  return {
    exists: true,
    caseId: row.case_id,
    panelCode: row.panel,
    personId: row.person_id,
    phase: row.phase,
    referredAt: row.referred_at,
    closedAt: null,
    exitStatus: null,
    currentStatus: row.current_status,
    riskRating: row.rag,
    engagementLevel: row.engagement_level,
    actions: Object.fromEntries(actions),
    interventions: {},
    listings: Object.fromEntries(listings),
    panel: recallPanel(row, memo),
  };
}
