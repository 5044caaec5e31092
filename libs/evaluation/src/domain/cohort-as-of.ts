/**
 * A panel's cohort as it stood at the end of a given day, rebuilt from history: the open cases,
 * as the live tracker counts them (referred by then, neither closed nor declined by then), by
 * where they stood (awaiting a decision, accepted), by the status and RAG rating in force then.
 * A referral declined by then (an IOM rejection included) is no case of the cohort: it can never
 * be closed, so counting it would grow the cohort for ever; `declined` counts those separately.
 * A pure reducer fed case facts in log order; facts are placed by the UK calendar date of their
 * `occurredAt`, so a fact back-dated to before the day counts and one dated after it does not,
 * whenever it was recorded; today also takes facts dated up to a clock skew ahead of now (`reach`,
 * see `asOfReach`), as the tracker's `asOf` today does. Of two facts by then, the one that
 * happened later is in force (ties: the later recorded), as in the case state and the tracker. An IOM case's status is the one its
 * referral form gave until a status change says otherwise. People are counted as the log now
 * knows them (a case counts for whom it is about now). Counts only: no case or person identifier
 * leaves the report.
 */
import { parseDateOnly, parseInstant, ukDay } from '../../../case-lifecycle/src/domain/calendar';
import { happenedBy, inForceOn, type DatedFact } from './in-force';
import { asRecorded, type PersonOfCase } from './people-now';
import { label, tally } from './report-period';

interface Dated<T> extends DatedFact {
  readonly value: T;
}

interface PanelCase {
  readonly panel: string;
  readonly personId: string;
  readonly referred: DatedFact;
  /** The status the referral form gave (IOM), in force until a status change. */
  readonly statusAtReferral: string | null;
  readonly decisions: Dated<'accepted' | 'declined'>[];
  readonly statuses: Dated<string>[];
  readonly ratings: Dated<string>[];
  closed: DatedFact | null;
}

export interface CohortAsOfResult {
  readonly panel: string;
  readonly asOf: string;
  /** Open cases: referred by then, neither closed nor declined by then (awaitingDecision + accepted). */
  readonly openCases: number;
  /** Distinct people of the open cases. */
  readonly people: number;
  readonly awaitingDecision: number;
  readonly accepted: number;
  /** Referrals declined (IOM: rejected) by then: not open cases, and not in `people`. */
  readonly declined: number;
  readonly byStatus: Record<string, number>;
  readonly byRiskRating: Record<string, number>;
}

/** The value in force at the end of `day`, or at `reach` (see `inForceOn`). */
const asOf = <T>(values: readonly Dated<T>[], day: string, reach?: number): T | undefined =>
  inForceOn(values, day, reach)?.value;

export class CohortAsOf {
  private readonly cases = new Map<string, PanelCase>();

  /** `statusAtReferral`: the platform's status for what the referral form said (IOM), if it said. */
  referralMade(
    caseId: string,
    panel: string,
    personId: string,
    referredAt: string,
    statusAtReferral: string | null = null,
  ): void {
    const referred = datedFact(referredAt);
    if (referred === undefined) return;
    this.cases.set(caseId, {
      panel: panel.toUpperCase(),
      personId,
      referred,
      statusAtReferral,
      decisions: [],
      statuses: [],
      ratings: [],
      closed: null,
    });
  }

  decided(caseId: string, decision: 'accepted' | 'declined', occurredAt: string): void {
    this.push(caseId, occurredAt, (c) => c.decisions, decision);
  }

  statusChanged(caseId: string, status: string, occurredAt: string): void {
    this.push(caseId, occurredAt, (c) => c.statuses, status);
  }

  riskRated(caseId: string, rating: string, occurredAt: string): void {
    this.push(caseId, occurredAt, (c) => c.ratings, rating);
  }

  closed(caseId: string, occurredAt: string): void {
    const c = this.cases.get(caseId);
    const closed = datedFact(occurredAt);
    if (c !== undefined && closed !== undefined) c.closed = closed;
  }

  /**
   * `personOfCase`: whom each case is about now (people-now.ts), so a person referred twice under
   * two ids counts once. `reach`: for today, the instant facts dated after the day count up to.
   */
  result(panel: string, day: string, personOfCase: PersonOfCase = asRecorded, reach?: number): CohortAsOfResult {
    if (parseDateOnly(day) === undefined) throw new RangeError(`asOf is not a calendar date: ${day}`);
    const code = panel.toUpperCase();
    const people = new Set<string>();
    const byStatus: Record<string, number> = {};
    const byRiskRating: Record<string, number> = {};
    let openCases = 0;
    let awaitingDecision = 0;
    let accepted = 0;
    let declined = 0;
    for (const [caseId, c] of this.cases) {
      if (c.panel !== code || !happenedBy(c.referred, day, reach)) continue;
      if (c.closed !== null && happenedBy(c.closed, day, reach)) continue;
      const decision = asOf(c.decisions, day, reach);
      if (decision === 'declined') {
        declined += 1;
        continue;
      }
      openCases += 1;
      people.add(personOfCase(caseId, c.personId));
      if (decision === 'accepted') accepted += 1;
      else awaitingDecision += 1;
      tally(byStatus, label(asOf(c.statuses, day, reach) ?? c.statusAtReferral));
      tally(byRiskRating, label(asOf(c.ratings, day, reach)));
    }
    return {
      panel: code,
      asOf: day,
      openCases,
      people: people.size,
      awaitingDecision,
      accepted,
      declined,
      byStatus,
      byRiskRating,
    };
  }

  private push<T>(caseId: string, occurredAt: string, list: (c: PanelCase) => Dated<T>[], value: T): void {
    const c = this.cases.get(caseId);
    const day = ukDay(occurredAt);
    const at = parseInstant(occurredAt);
    if (c !== undefined && day !== undefined && at !== undefined) list(c).push({ day, at, value });
  }
}

/** A referral or closure by its UK day and instant; one dated by day alone is placed by the day only. */
function datedFact(occurredAt: string): DatedFact | undefined {
  const day = ukDay(occurredAt);
  return day === undefined ? undefined : { day, at: parseInstant(occurredAt) ?? Number.POSITIVE_INFINITY };
}
