/**
 * Counterfactual IOM cohort: who would have been eligible, month by month, had another
 * eligibility policy applied to the scores on record. A pure reducer fed IOM referrals,
 * eligibility evaluations, rejections, closures and the monthly upload's expiries in log order.
 *
 * - Policies are data: thresholds applied with the lifecycle's own `evaluateIomEligibility`, so
 *   "OGRS >= 75, or >= 50 with robbery/burglary, any OVP" is `{ ogrsAlone: 75,
 *   ogrsWithRobberyOrBurglary: 50, ovpMinimum: 0 }`; a null `ogrsWithRobberyOrBurglary` turns
 *   that route off.
 * - The baseline is the eligibility recorded on each evaluation (the policy in force then), or
 *   another policy given as data (to compare two hypothetical policies).
 * - Month by month, at the month's end: every open IOM case (referred by then, not closed by
 *   then) is judged on its latest evaluation dated by then. A rejected case is never closed and no
 *   upload writes on it, so an upload that reported its person expired after the rejection
 *   (`uploadExpired`) counts on it as an expiry flag would. A person is in a cohort when any of
 *   their open cases is eligible under its policy. Counted per person, as the log now knows
 *   people (a case counts for whom it is about now: confirmed matches merge, splits separate).
 * - Per month: in under the baseline, in under the alternative, in under both, only under the
 *   alternative (would have come in), only under the baseline (would have dropped out), and the
 *   difference (alternative − baseline). People are named only by `pseudonym(personId)`, which
 *   the caller supplies (a keyed hash per run), never by id or name.
 */
import {
  evaluateIomEligibility,
  type IomEligibilityPolicy,
  type IomScores,
} from '../../../case-lifecycle/src/domain/rules/iom-eligibility';
import { parseInstant, ukDay } from '../../../case-lifecycle/src/domain/calendar';
import { asRecorded, type PersonOfCase } from './people-now';
import { checkPeriod, monthEnd, monthsOf, type ReportPeriod } from './report-period';

export interface EligibilityThresholdsInput {
  readonly ogrsAlone: number;
  /** null: no robbery/burglary route. */
  readonly ogrsWithRobberyOrBurglary: number | null;
  readonly ovpMinimum: number;
}

export interface AlternativePolicy {
  readonly id: string;
  readonly thresholds: EligibilityThresholdsInput;
}

/** OGRS is a percentage: 101 is a threshold no score meets, i.e. the route is off. */
const ROUTE_OFF = 101;

export function toEligibilityPolicy(policy: AlternativePolicy): IomEligibilityPolicy {
  return {
    id: policy.id,
    version: 1,
    title: `counterfactual ${policy.id}`,
    thresholds: {
      ogrsAlone: policy.thresholds.ogrsAlone,
      ogrsWithRobberyOrBurglary: policy.thresholds.ogrsWithRobberyOrBurglary ?? ROUTE_OFF,
      ovpMinimum: policy.thresholds.ovpMinimum,
    },
  };
}

interface Evaluation {
  readonly day: string;
  /** The instant it happened, in ms: of two on one day, the later one is in force. */
  readonly at: number;
  readonly order: number;
  /** null: an expiry flag, out under every policy. */
  readonly inputs: IomScores | null;
  readonly recordedEligible: boolean;
}

interface CohortCase {
  readonly personId: string;
  readonly referredOn: string;
  readonly evaluations: Evaluation[];
  closedOn: string | null;
  /** Log order of the panel's rejection: uploads recorded after it no longer reach the case. */
  rejectedAt: number | null;
}

/** A completed upload's word that the person left the cohort. */
interface UploadExpiry {
  readonly day: string;
  readonly at: number;
  readonly order: number;
}

export interface CounterfactualMonth {
  readonly month: string;
  readonly asOf: string;
  readonly baseline: number;
  readonly alternative: number;
  readonly inBoth: number;
  readonly onlyAlternative: number;
  readonly onlyBaseline: number;
  readonly difference: number;
  /** Pseudonyms of the people only the alternative policy takes in. */
  readonly wouldComeIn: string[];
  /** Pseudonyms of the people only the baseline takes in. */
  readonly wouldDropOut: string[];
}

export interface CounterfactualResult {
  readonly from: string;
  readonly to: string;
  readonly baseline: string;
  readonly alternative: AlternativePolicy;
  readonly months: CounterfactualMonth[];
  /** Distinct people over the whole period. */
  readonly total: { readonly everOnlyAlternative: number; readonly everOnlyBaseline: number };
}

export interface CounterfactualOptions extends ReportPeriod {
  readonly alternative: AlternativePolicy;
  /** Omitted: the eligibility recorded on each evaluation. */
  readonly baseline?: AlternativePolicy;
  readonly pseudonym: (personId: string) => string;
}

/** The ids standing for the person `personId` is now (people-now.ts), `personId` among them. */
export type IdsOfPerson = (personId: string) => readonly string[];

const idsAsRecorded: IdsOfPerson = (personId) => [personId];

export class CounterfactualCohort {
  private readonly cases = new Map<string, CohortCase>();
  /** By the person id the upload named (their id then). */
  private readonly uploadExpiries = new Map<string, UploadExpiry[]>();
  private order = 0;

  referralMade(caseId: string, personId: string, referredAt: string): void {
    const day = ukDay(referredAt);
    if (day === undefined) return;
    this.cases.set(caseId, { personId, referredOn: day, evaluations: [], closedOn: null, rejectedAt: null });
  }

  eligibilityEvaluated(caseId: string, inputs: IomScores, recordedEligible: boolean, occurredAt: string): void {
    this.evaluation(caseId, occurredAt, inputs, recordedEligible);
  }

  /**
   * The case's nominal left the upload (an expiry flag): out from that day under every policy,
   * baseline or alternative, since no scores stand for them any more; a later evaluation brings
   * them back.
   */
  expired(caseId: string, occurredAt: string): void {
    this.evaluation(caseId, occurredAt, null, false);
  }

  /** The panel rejected the case: it stays in (the eligible cohort), but no upload flags it from now on. */
  rejected(caseId: string): void {
    const c = this.cases.get(caseId);
    if (c !== undefined && c.rejectedAt === null) c.rejectedAt = this.order++;
  }

  /**
   * A completed upload reported the person (by their id then) expired. The import flags their open
   * case, if any, itself; each case of theirs the panel had rejected by then is out from that day
   * under every policy too, as the flag puts an open case out.
   */
  uploadExpired(personId: string, occurredAt: string): void {
    const day = ukDay(occurredAt);
    const at = parseInstant(occurredAt);
    if (day === undefined || at === undefined) return;
    const expiry = { day, at, order: this.order++ };
    const known = this.uploadExpiries.get(personId);
    if (known === undefined) this.uploadExpiries.set(personId, [expiry]);
    else known.push(expiry);
  }

  closed(caseId: string, occurredAt: string): void {
    const c = this.cases.get(caseId);
    const day = ukDay(occurredAt);
    if (c === undefined || day === undefined) return;
    c.closedOn = day;
  }

  private evaluation(caseId: string, occurredAt: string, inputs: IomScores | null, recordedEligible: boolean): void {
    const c = this.cases.get(caseId);
    const day = ukDay(occurredAt);
    const at = parseInstant(occurredAt);
    if (c === undefined || day === undefined || at === undefined) return;
    c.evaluations.push({ day, at, order: this.order++, inputs, recordedEligible });
  }

  /** The uploads' expiries naming one of `ids` recorded after the case's rejection, as expiry flags on it. */
  private expiriesAfterRejection(c: CohortCase, ids: readonly string[]): Evaluation[] {
    const { rejectedAt } = c;
    if (rejectedAt === null) return [];
    return ids
      .flatMap((id) => this.uploadExpiries.get(id) ?? [])
      .filter((expiry) => expiry.order > rejectedAt)
      .map(({ day, at, order }) => ({ day, at, order, inputs: null, recordedEligible: false }));
  }

  /** Cases known, for progress and tests. */
  get size(): number {
    return this.cases.size;
  }

  /**
   * `personOfCase`: whom each case is about now (people-now.ts), so a person referred twice under two
   * ids counts once; `idsOf`: the ids an upload may have named that person by.
   */
  result(
    options: CounterfactualOptions,
    personOfCase: PersonOfCase = asRecorded,
    idsOf: IdsOfPerson = idsAsRecorded,
  ): CounterfactualResult {
    const period = checkPeriod(options);
    const alternative = toEligibilityPolicy(options.alternative);
    const baseline = options.baseline === undefined ? undefined : toEligibilityPolicy(options.baseline);
    const everIn = new Set<string>();
    const everOut = new Set<string>();
    // Each evaluation is judged once under each policy; months then only look up the one in force.
    const judge = (evaluations: Evaluation[]) =>
      evaluations
        // By when they happened (ties: the later recorded), as the case state orders its facts.
        .sort((a, b) => a.at - b.at || a.order - b.order)
        .map(({ day, inputs, recordedEligible }) => ({
          day,
          baseline:
            inputs !== null &&
            (baseline === undefined ? recordedEligible : evaluateIomEligibility(baseline, inputs).eligible),
          alternative: inputs !== null && evaluateIomEligibility(alternative, inputs).eligible,
        }));
    const judged = [...this.cases].map(([caseId, c]) => {
      const personId = personOfCase(caseId, c.personId);
      const evaluations = [...c.evaluations, ...this.expiriesAfterRejection(c, idsOf(personId))];
      return { personId, referredOn: c.referredOn, closedOn: c.closedOn, evaluations: judge(evaluations) };
    });
    const months = monthsOf(period).map((month): CounterfactualMonth => {
      const asOf = monthEnd(month, period);
      const underBaseline = new Set<string>();
      const underAlternative = new Set<string>();
      for (const c of judged) {
        if (c.referredOn > asOf || (c.closedOn !== null && c.closedOn <= asOf)) continue;
        const latest = inForce(c.evaluations, asOf);
        if (latest === undefined) continue;
        if (latest.baseline) underBaseline.add(c.personId);
        if (latest.alternative) underAlternative.add(c.personId);
      }
      const wouldComeIn = [...underAlternative].filter((p) => !underBaseline.has(p));
      const wouldDropOut = [...underBaseline].filter((p) => !underAlternative.has(p));
      wouldComeIn.forEach((p) => everIn.add(p));
      wouldDropOut.forEach((p) => everOut.add(p));
      return {
        month,
        asOf,
        baseline: underBaseline.size,
        alternative: underAlternative.size,
        inBoth: underBaseline.size - wouldDropOut.length,
        onlyAlternative: wouldComeIn.length,
        onlyBaseline: wouldDropOut.length,
        difference: underAlternative.size - underBaseline.size,
        wouldComeIn: wouldComeIn.map(options.pseudonym).sort(),
        wouldDropOut: wouldDropOut.map(options.pseudonym).sort(),
      };
    });
    return {
      from: period.from,
      to: period.to,
      baseline: options.baseline === undefined ? 'recorded' : options.baseline.id,
      alternative: options.alternative,
      months,
      total: { everOnlyAlternative: everIn.size, everOnlyBaseline: everOut.size },
    };
  }
}

/** The evaluation in force on `day` from a list sorted by date then recording: the last dated by then. */
function inForce<T extends { readonly day: string }>(sorted: readonly T[], day: string): T | undefined {
  let found: T | undefined;
  for (const e of sorted) {
    if (e.day > day) break;
    found = e;
  }
  return found;
}
