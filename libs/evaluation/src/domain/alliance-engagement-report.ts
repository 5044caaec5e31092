import { parseDateOnly, ukDay } from '../../../case-lifecycle/src/domain/calendar';
import { homeBoroughNamed } from '../../../case-lifecycle/src/domain/rules/alliance-residence';

/**
 * Operation Alliance engagement report: a pure reducer that rebuilds the evaluation table
 * (children engaged per month; age bands; residence; known to YOS; outcomes; rates; costs)
 * from engagement facts, fed in event order during a replay.
 *
 * Decisions (see also the unit spec):
 * - Period and months: an engagement counts when the UK calendar date (Europe/London, GMT or
 *   BST) of `occurredAt` lies in [from, to] (both YYYY-MM-DD, inclusive), and its month is that
 *   date's month: 00:30 BST on 1 August is August, as in the MARAC and IOM reports and the
 *   research export, so one event never falls in two different months across reports.
 *   `occurredAt` must carry an explicit offset (`Z` or `±hh:mm`) or be a bare date, so the
 *   result never depends on the machine's time zone.
 * - `months` lists every calendar month from the month of `from` to the month of `to`, including
 *   months with no engagements (all zeros), so a quiet month stays visible.
 * - Outcomes are as at the time `result()` is called: `recordOutcomeChange` replaces a case's
 *   outcome. Outcome changes for cases not recorded (or outside the period) are ignored.
 *   Recording a second engagement with the same `caseId` replaces the first (a correction or a
 *   redelivered event), so each case is counted once.
 * - Rates and shares are fractions rounded to 4 decimals. When the denominator is 0 they are
 *   `null` (there is no rate), never 0.
 *   engagementRate = intervention-arranged / (engaged − out-of-area)
 *   refusalRate    = would-not-engage      / (engaged − out-of-area)
 *   shareYes       = yes / (yes + no)      (not checked excluded)
 * - Costs: `periodCost` is the cost of the whole reporting period. The paper quotes "4 outreach
 *   workers at £19,200 a month" and "£206 per child engaged": 19,200 / 93 = 206.45, i.e. the
 *   paper divides 19,200 by the whole period's count, so its 19,200 behaves as the cost of the
 *   period. Passing `periodCost: 19200` reproduces that reading. Costs appear on `total` only
 *   (the paper gives no per-month cost basis, and splitting one figure across months would
 *   invent one); they are omitted when no `periodCost` is given, and `null` when the
 *   denominator is 0. costPerEngaged = periodCost / engaged; costPerPositiveOutcome =
 *   periodCost / intervention-arranged. Both are rounded to 2 decimals (pence): 206.45 and
 *   619.35 for the paper's figures. The paper's "£620" is not reproduced by any one rounding rule
 *   that also gives "£206" (round-half-up gives 206/619, ceiling 207/620, nearest £10 210/620),
 *   so the report returns the exact pence and does not imitate it.
 * - Residence: the home borough the typed residence names, as the out-of-area rule reads it
 *   (`homeBoroughNamed`: "LB Haringey", "London Borough of Enfield", "Tottenham, Haringey" ...);
 *   a residence naming neither (including blank) is "other".
 * - Ages: integers 10–18 are accepted (anything else throws a RangeError). The "9-10" band keeps
 *   the paper's label; in practice it counts 10-year-olds.
 */

export type AllianceOutcome =
  | 'intervention-arranged'
  | 'awaiting-intervention'
  | 'would-not-engage'
  | 'out-of-area-mash-referral';

export const ALLIANCE_OUTCOMES: readonly AllianceOutcome[] = [
  'intervention-arranged',
  'awaiting-intervention',
  'would-not-engage',
  'out-of-area-mash-referral',
];

export interface AllianceEngagementFact {
  readonly caseId: string;
  /** ISO 8601 engagement time with `Z` or an offset, or a bare YYYY-MM-DD date. */
  readonly occurredAt: string;
  /** Whole years, 10–18. */
  readonly ageAtEngagement: number;
  /** Borough of residence as recorded. */
  readonly residence: string;
  /** null: not checked. */
  readonly knownToYos: boolean | null;
  /** The case's outcome as known when the fact is recorded; later changes via recordOutcomeChange. */
  readonly outcome: AllianceOutcome;
}

export type AgeBand = '9-10' | '11-15' | '16-18';
export type ResidenceGroup = 'Enfield' | 'Haringey' | 'other';

export interface AllianceEngagementFigures {
  readonly engaged: number;
  readonly ageBands: Readonly<Record<AgeBand, number>>;
  readonly residence: Readonly<Record<ResidenceGroup, number>>;
  readonly knownToYos: {
    readonly yes: number;
    readonly no: number;
    readonly notChecked: number;
    readonly shareYes: number | null;
  };
  readonly outcomes: Readonly<Record<AllianceOutcome, number>>;
  readonly engagementRate: number | null;
  readonly refusalRate: number | null;
  /** Only on `total`, only when a periodCost was given. */
  readonly costPerEngaged?: number | null;
  /** Only on `total`, only when a periodCost was given. */
  readonly costPerPositiveOutcome?: number | null;
}

export interface AllianceEngagementMonth extends AllianceEngagementFigures {
  /** YYYY-MM */
  readonly month: string;
}

export interface AllianceEngagementReportResult {
  readonly from: string;
  readonly to: string;
  readonly months: AllianceEngagementMonth[];
  readonly total: AllianceEngagementFigures;
}

export interface AllianceEngagementReportOptions {
  /** First day of the period, YYYY-MM-DD, inclusive. */
  readonly from: string;
  /** Last day of the period, YYYY-MM-DD, inclusive. */
  readonly to: string;
  /** Cost of the whole period (not per month), in pounds. */
  readonly periodCost?: number;
}

export interface AllianceEngagementReport {
  /** Returns true when the engagement falls in the period and was counted. */
  recordEngagement(fact: AllianceEngagementFact): boolean;
  /** Returns true when the case is in the report and its outcome was updated. */
  recordOutcomeChange(caseId: string, outcome: AllianceOutcome): boolean;
  /** A later check or correction of known to YOS; true when the case is in the report. */
  recordKnownToYos(caseId: string, knownToYos: boolean | null): boolean;
  /** A later correction of the residence (a typo, a move); true when the case is in the report. */
  recordResidence(caseId: string, residence: string): boolean;
  result(): AllianceEngagementReportResult;
}

interface CaseEntry {
  readonly month: string;
  readonly ageBand: AgeBand;
  residence: ResidenceGroup;
  knownToYos: boolean | null;
  outcome: AllianceOutcome;
}

function parseDay(value: string, name: string): string {
  if (parseDateOnly(value) === undefined) {
    throw new RangeError(`${name} must be a real YYYY-MM-DD date, got ${JSON.stringify(value)}`);
  }
  return value;
}
/** UK calendar date (YYYY-MM-DD) of an engagement time. */
function engagementDay(occurredAt: string): string {
  const day = ukDay(occurredAt);
  if (day === undefined) {
    throw new RangeError(
      `occurredAt must be a date or ISO 8601 with Z or an offset, got ${JSON.stringify(occurredAt)}`,
    );
  }
  return day;
}

function monthsBetween(from: string, to: string): string[] {
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  const out: string[] = [];
  for (;;) {
    const key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    out.push(key);
    if (key === last) return out;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

function ageBand(age: number): AgeBand {
  if (!Number.isInteger(age) || age < 10 || age > 18) {
    throw new RangeError(`ageAtEngagement must be a whole number 10–18, got ${age}`);
  }
  return age <= 10 ? '9-10' : age <= 15 ? '11-15' : '16-18';
}

const HOME_BOROUGHS: readonly Exclude<ResidenceGroup, 'other'>[] = ['Enfield', 'Haringey'];

function residenceGroup(residence: string): ResidenceGroup {
  return homeBoroughNamed(residence, HOME_BOROUGHS) ?? 'other';
}

function assertOutcome(outcome: string): asserts outcome is AllianceOutcome {
  if (!(ALLIANCE_OUTCOMES as readonly string[]).includes(outcome)) {
    throw new RangeError(`unknown outcome ${JSON.stringify(outcome)}`);
  }
}

const round = (value: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};
const ratio = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : round(numerator / denominator, 4);

interface Counts {
  engaged: number;
  ageBands: Record<AgeBand, number>;
  residence: Record<ResidenceGroup, number>;
  yes: number;
  no: number;
  notChecked: number;
  outcomes: Record<AllianceOutcome, number>;
}

const emptyCounts = (): Counts => ({
  engaged: 0,
  ageBands: { '9-10': 0, '11-15': 0, '16-18': 0 },
  residence: { Enfield: 0, Haringey: 0, other: 0 },
  yes: 0,
  no: 0,
  notChecked: 0,
  outcomes: {
    'intervention-arranged': 0,
    'awaiting-intervention': 0,
    'would-not-engage': 0,
    'out-of-area-mash-referral': 0,
  },
});

function add(counts: Counts, entry: CaseEntry): void {
  counts.engaged += 1;
  counts.ageBands[entry.ageBand] += 1;
  counts.residence[entry.residence] += 1;
  if (entry.knownToYos === true) counts.yes += 1;
  else if (entry.knownToYos === false) counts.no += 1;
  else counts.notChecked += 1;
  counts.outcomes[entry.outcome] += 1;
}

function figures(c: Counts): AllianceEngagementFigures {
  const inArea = c.engaged - c.outcomes['out-of-area-mash-referral'];
  return {
    engaged: c.engaged,
    ageBands: { ...c.ageBands },
    residence: { ...c.residence },
    knownToYos: { yes: c.yes, no: c.no, notChecked: c.notChecked, shareYes: ratio(c.yes, c.yes + c.no) },
    outcomes: { ...c.outcomes },
    engagementRate: ratio(c.outcomes['intervention-arranged'], inArea),
    refusalRate: ratio(c.outcomes['would-not-engage'], inArea),
  };
}

export function createAllianceEngagementReport(options: AllianceEngagementReportOptions): AllianceEngagementReport {
  const from = parseDay(options.from, 'from');
  const to = parseDay(options.to, 'to');
  if (from > to) throw new RangeError(`from (${from}) is after to (${to})`);
  const { periodCost } = options;
  if (periodCost !== undefined && !(Number.isFinite(periodCost) && periodCost >= 0)) {
    throw new RangeError(`periodCost must be a finite, non-negative number, got ${periodCost}`);
  }
  const months = monthsBetween(from, to);
  const cases = new Map<string, CaseEntry>();

  return {
    recordEngagement(fact) {
      const day = engagementDay(fact.occurredAt);
      const band = ageBand(fact.ageAtEngagement);
      assertOutcome(fact.outcome);
      if (day < from || day > to) {
        // A corrected fact that moves a case out of the period removes it.
        cases.delete(fact.caseId);
        return false;
      }
      cases.set(fact.caseId, {
        month: day.slice(0, 7),
        ageBand: band,
        residence: residenceGroup(fact.residence),
        knownToYos: fact.knownToYos,
        outcome: fact.outcome,
      });
      return true;
    },

    recordOutcomeChange(caseId, outcome) {
      assertOutcome(outcome);
      const entry = cases.get(caseId);
      if (!entry) return false;
      entry.outcome = outcome;
      return true;
    },

    recordKnownToYos(caseId, knownToYos) {
      const entry = cases.get(caseId);
      if (!entry) return false;
      entry.knownToYos = knownToYos;
      return true;
    },

    recordResidence(caseId, residence) {
      const entry = cases.get(caseId);
      if (!entry) return false;
      entry.residence = residenceGroup(residence);
      return true;
    },

    result() {
      const byMonth = new Map(months.map((m) => [m, emptyCounts()] as const));
      const total = emptyCounts();
      for (const entry of cases.values()) {
        const monthCounts = byMonth.get(entry.month);
        if (monthCounts) add(monthCounts, entry);
        add(total, entry);
      }
      const totalFigures: AllianceEngagementFigures =
        periodCost === undefined
          ? figures(total)
          : {
              ...figures(total),
              costPerEngaged: total.engaged === 0 ? null : round(periodCost / total.engaged, 2),
              costPerPositiveOutcome:
                total.outcomes['intervention-arranged'] === 0
                  ? null
                  : round(periodCost / total.outcomes['intervention-arranged'], 2),
            };
      return {
        from,
        to,
        months: months.map((month) => ({ month, ...figures(byMonth.get(month) ?? emptyCounts()) })),
        total: totalFigures,
      };
    },
  };
}
