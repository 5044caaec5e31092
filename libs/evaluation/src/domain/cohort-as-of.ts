/**
 * A panel's cohort as it stood at the end of a given day, rebuilt from history: every case of the
 * panel referred by then and not closed by then, by where it stood (awaiting a decision,
 * accepted, declined), by its latest status and RAG rating dated by then. A pure reducer fed case
 * facts in log order; facts are placed by the UK calendar date of their `occurredAt`, so a fact
 * back-dated to before the day counts and one dated after it does not, whenever it was recorded.
 * People are counted as the log now knows them (a case counts for whom it is about now). Counts
 * only: no case or person identifier leaves the report.
 */
import { parseDateOnly } from '../../../case-lifecycle/src/domain/calendar';
import { ukDay } from '../../../case-lifecycle/src/domain/calendar';
import { asRecorded, type PersonOfCase } from './people-now';
import { label, tally } from './report-period';

interface Dated<T> {
  readonly day: string;
  readonly order: number;
  readonly value: T;
}

interface PanelCase {
  readonly panel: string;
  readonly personId: string;
  readonly referredOn: string;
  readonly decisions: Dated<'accepted' | 'declined'>[];
  readonly statuses: Dated<string>[];
  readonly ratings: Dated<string>[];
  closedOn: string | null;
}

export interface CohortAsOfResult {
  readonly panel: string;
  readonly asOf: string;
  /** Open cases: referred by then and not closed by then. */
  readonly openCases: number;
  readonly people: number;
  readonly awaitingDecision: number;
  readonly accepted: number;
  readonly declined: number;
  readonly byStatus: Record<string, number>;
  readonly byRiskRating: Record<string, number>;
}

/** The latest value dated on or before `day` (ties: the later recorded). */
function asOf<T>(values: readonly Dated<T>[], day: string): T | undefined {
  let best: Dated<T> | undefined;
  for (const v of values) {
    if (v.day > day) continue;
    if (best === undefined || v.day > best.day || (v.day === best.day && v.order > best.order)) best = v;
  }
  return best?.value;
}

export class CohortAsOf {
  private readonly cases = new Map<string, PanelCase>();
  private order = 0;

  referralMade(caseId: string, panel: string, personId: string, referredAt: string): void {
    const day = ukDay(referredAt);
    if (day === undefined) return;
    this.cases.set(caseId, {
      panel: panel.toUpperCase(),
      personId,
      referredOn: day,
      decisions: [],
      statuses: [],
      ratings: [],
      closedOn: null,
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
    const day = ukDay(occurredAt);
    if (c !== undefined && day !== undefined) c.closedOn = day;
  }

  /** `personOfCase`: whom each case is about now (people-now.ts), so a person referred twice under two ids counts once. */
  result(panel: string, day: string, personOfCase: PersonOfCase = asRecorded): CohortAsOfResult {
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
      if (c.panel !== code || c.referredOn > day || (c.closedOn !== null && c.closedOn <= day)) continue;
      openCases += 1;
      people.add(personOfCase(caseId, c.personId));
      const decision = asOf(c.decisions, day);
      if (decision === 'accepted') accepted += 1;
      else if (decision === 'declined') declined += 1;
      else awaitingDecision += 1;
      tally(byStatus, label(asOf(c.statuses, day)));
      tally(byRiskRating, label(asOf(c.ratings, day)));
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
    if (c !== undefined && day !== undefined) list(c).push({ day, order: this.order++, value });
  }
}
