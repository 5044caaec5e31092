/**
 * IOM cohort report, a pure reducer fed IOM case facts in log order.
 *
 * - In the cohort: a case adopted (eligible adoption or local discretion) and not yet closed.
 *   A day counts by the UK calendar date of the fact's `occurredAt`; a case adopted on a day is
 *   in the cohort at that day's end, a case closed on a day is not.
 * - Per month: cohort size at the month's end (or at `to` in the last month), distinct people;
 *   entries (adoptions dated in the month) and exits (closures of adopted cases dated in the
 *   month) by exit status.
 * - Demographics: everyone in the cohort at some time in the period, once each; age is taken on
 *   the last day they were in the cohort within the period (their exit, or `to`). People are as
 *   the log now knows them: a case counts for whom it is about now (confirmed matches merge,
 *   splits separate), so one person referred under two ids is counted once. Their sex, ethnicity
 *   and date of birth are what the log holds under any of their ids (`PersonProfiles.asOne`), so a
 *   merge never loses a detail only the merged-away record had, nor a moved case its referral's.
 *   Ethnicity is counted by 2021 Census high-level group (`equality/equality-values.ts`), never by
 *   the text typed.
 * - Eligible not adopted: eligible cases the panel rejected in the period, counted by the
 *   rejection's category (`IOM_REJECTION_CATEGORIES`), and eligible cases still awaiting a decision
 *   at `to`, unless their person (as known now) is in the cohort at `to` on another case: a
 *   duplicate referral of a managed nominal is no gap, as the live list leaves it out. A person
 *   awaiting a decision on two or more cases (a merge revealed them) counts once, as the live list
 *   lists them once. Entries by discretion are counted by their category too. The panel's typed reason is
 *   never read: it has named victims and their addresses. A decision recorded before categories,
 *   or with a value outside the list, counts as `not-categorised`, never guessed from the text.
 *   No identifier leaves this report.
 */
import { parseInstant, ukDay } from '../../../case-lifecycle/src/domain/calendar';
import {
  IOM_DISCRETION_CATEGORIES,
  IOM_REJECTION_CATEGORIES,
  recordedCategory,
} from '../../../case-lifecycle/src/domain/vocabulary/iom';
import { inForceOn } from './in-force';
import { peopleAsRecorded, type PeopleAsKnown } from './people-now';
import type { PersonProfiles } from './person-profiles';
import {
  ageOn,
  checkPeriod,
  codedLabel,
  inPeriod,
  label,
  monthEnd,
  monthsOf,
  NOT_RECORDED,
  tally,
  type ReportPeriod,
} from './report-period';

export const IOM_AGE_BANDS = ['under-18', '18-24', '25-34', '35-49', '50+', NOT_RECORDED] as const;
export type IomAgeBand = (typeof IOM_AGE_BANDS)[number];

interface IomCase {
  readonly personId: string;
  readonly referredOn: string;
  /** Every evaluation, in recording order; `at`: the instant it happened, in ms. */
  readonly evaluations: { day: string; at: number; eligible: boolean }[];
  adoptedOn: string | null;
  /** The discretionary adoption's category; null for an eligible adoption. */
  discretion: string | null;
  rejection: { day: string; category: string; eligible: boolean } | null;
  closed: { day: string; exitStatus: string } | null;
}

export interface IomCohortMonth {
  readonly month: string;
  readonly cohortAtMonthEnd: number;
  readonly entries: number;
  readonly exits: number;
  readonly exitsByStatus: Record<string, number>;
}

export interface IomCohortResult {
  readonly from: string;
  readonly to: string;
  readonly months: IomCohortMonth[];
  readonly total: {
    readonly entries: number;
    readonly entriesByDiscretion: number;
    readonly entriesByDiscretionCategory: Record<string, number>;
    readonly exits: number;
    readonly exitsByStatus: Record<string, number>;
  };
  readonly demographics: {
    readonly people: number;
    readonly sex: Record<string, number>;
    readonly ageBands: Record<IomAgeBand, number>;
    readonly ethnicity: Record<string, number>;
  };
  readonly eligibleNotAdopted: {
    readonly rejected: number;
    readonly byReason: Record<string, number>;
    /** People (as known now) with an eligible referral awaiting a decision at `to`: one each, however many cases. */
    readonly awaitingDecision: number;
  };
}

function ageBand(age: number | undefined): IomAgeBand {
  if (age === undefined) return NOT_RECORDED;
  if (age < 18) return 'under-18';
  if (age <= 24) return '18-24';
  if (age <= 34) return '25-34';
  if (age <= 49) return '35-49';
  return '50+';
}

/**
 * Eligible on the evaluation in force at the end of `day` (see `inForceOn`): two on one day are
 * ordered by their instants, not their recording.
 */
const eligibleOn = (c: IomCase, day: string): boolean => inForceOn(c.evaluations, day)?.eligible === true;

const inCohortOn = (c: IomCase, day: string): boolean =>
  c.adoptedOn !== null && c.adoptedOn <= day && (c.closed === null || c.closed.day > day);

export class IomCohortReport {
  private readonly cases = new Map<string, IomCase>();

  referralMade(caseId: string, personId: string, referredAt: string): void {
    const day = ukDay(referredAt);
    if (day === undefined) return;
    this.cases.set(caseId, {
      personId,
      referredOn: day,
      evaluations: [],
      adoptedOn: null,
      discretion: null,
      rejection: null,
      closed: null,
    });
  }

  /** Whether a case id is an IOM case this report knows (closures arrive for every panel). */
  knows(caseId: string): boolean {
    return this.cases.has(caseId);
  }

  eligibilityEvaluated(caseId: string, eligible: boolean, occurredAt: string): void {
    const c = this.cases.get(caseId);
    const day = ukDay(occurredAt);
    const at = parseInstant(occurredAt);
    if (c === undefined || day === undefined || at === undefined) return;
    c.evaluations.push({ day, at, eligible });
  }

  /** `discretion`: the category of a discretionary adoption (undefined when recorded before categories); null for an eligible one. */
  adopted(caseId: string, occurredAt: string, discretion: { readonly category?: string } | null): void {
    const c = this.cases.get(caseId);
    const day = ukDay(occurredAt);
    if (c === undefined || day === undefined) return;
    c.adoptedOn = day;
    c.discretion = discretion === null ? null : recordedCategory(IOM_DISCRETION_CATEGORIES, discretion.category);
  }

  /** `category` as recorded (undefined before categories); the typed reason is not taken. */
  rejected(caseId: string, occurredAt: string, category: string | undefined, eligibleWhenRejected: boolean): void {
    const c = this.cases.get(caseId);
    const day = ukDay(occurredAt);
    if (c === undefined || day === undefined) return;
    c.rejection = {
      day,
      category: recordedCategory(IOM_REJECTION_CATEGORIES, category),
      eligible: eligibleWhenRejected,
    };
  }

  closed(caseId: string, occurredAt: string, exitStatus: string): void {
    const c = this.cases.get(caseId);
    const day = ukDay(occurredAt);
    if (c === undefined || day === undefined) return;
    c.closed = { day, exitStatus };
  }

  /** `people`: whom each case is about now (people-now.ts), so a person referred twice under two ids counts once. */
  result(options: ReportPeriod, profiles: PersonProfiles, people: PeopleAsKnown = peopleAsRecorded): IomCohortResult {
    const period = checkPeriod(options);
    const months = monthsOf(period).map((month) => ({
      month,
      end: monthEnd(month, period),
      people: new Set<string>(),
      entries: 0,
      exits: 0,
      exitsByStatus: {} as Record<string, number>,
    }));
    const byMonth = new Map(months.map((m) => [m.month, m] as const));
    const totalExits: Record<string, number> = {};
    let entries = 0;
    let entriesByDiscretion = 0;
    const entriesByDiscretionCategory: Record<string, number> = {};
    let exits = 0;
    const members = new Map<string, string>(); // personId → last day in cohort within the period
    const byReason: Record<string, number> = {};
    let rejected = 0;
    const awaiting = new Set<string>();

    const managedAtTo = new Set<string>();
    for (const [caseId, c] of this.cases)
      if (inCohortOn(c, period.to)) managedAtTo.add(people.personOfCase(caseId, c.personId));

    for (const [caseId, c] of this.cases) {
      const person = people.personOfCase(caseId, c.personId);
      for (const m of months) if (inCohortOn(c, m.end)) m.people.add(person);
      if (c.adoptedOn !== null && inPeriod(c.adoptedOn, period)) {
        entries += 1;
        if (c.discretion !== null) {
          entriesByDiscretion += 1;
          tally(entriesByDiscretionCategory, c.discretion);
        }
        const m = byMonth.get(c.adoptedOn.slice(0, 7));
        if (m) m.entries += 1;
      }
      if (c.adoptedOn !== null && c.closed !== null && inPeriod(c.closed.day, period)) {
        exits += 1;
        tally(totalExits, label(c.closed.exitStatus));
        const m = byMonth.get(c.closed.day.slice(0, 7));
        if (m) {
          m.exits += 1;
          tally(m.exitsByStatus, label(c.closed.exitStatus));
        }
      }
      // In the cohort at some time in the period: adopted by `to`, not closed before `from`. A case
      // closed on `from` was in it that day, and is counted as an exit, so it is counted here too.
      if (c.adoptedOn !== null && c.adoptedOn <= period.to && (c.closed === null || c.closed.day >= period.from)) {
        const lastDay = c.closed !== null && c.closed.day <= period.to ? c.closed.day : period.to;
        const known = members.get(person);
        if (known === undefined || known < lastDay) members.set(person, lastDay);
      }
      if (c.rejection !== null && c.rejection.eligible && inPeriod(c.rejection.day, period)) {
        rejected += 1;
        tally(byReason, c.rejection.category);
      }
      const decided =
        (c.adoptedOn !== null && c.adoptedOn <= period.to) || (c.rejection !== null && c.rejection.day <= period.to);
      if (
        !decided &&
        !managedAtTo.has(person) &&
        c.referredOn <= period.to &&
        eligibleOn(c, period.to) &&
        (c.closed === null || c.closed.day > period.to)
      ) {
        awaiting.add(person);
      }
    }

    const sex: Record<string, number> = {};
    const ethnicity: Record<string, number> = {};
    const ageBands = Object.fromEntries(IOM_AGE_BANDS.map((b) => [b, 0])) as Record<IomAgeBand, number>;
    for (const [personId, lastDay] of members) {
      const profile = profiles.asOne(people.idsOf(personId));
      tally(sex, label(profile.sex));
      tally(ethnicity, codedLabel(profile.ethnicity?.group));
      ageBands[ageBand(ageOn(profile.dateOfBirth, lastDay))] += 1;
    }

    return {
      from: period.from,
      to: period.to,
      months: months.map((m) => ({
        month: m.month,
        cohortAtMonthEnd: m.people.size,
        entries: m.entries,
        exits: m.exits,
        exitsByStatus: m.exitsByStatus,
      })),
      total: { entries, entriesByDiscretion, entriesByDiscretionCategory, exits, exitsByStatus: totalExits },
      demographics: { people: members.size, sex, ageBands, ethnicity },
      eligibleNotAdopted: { rejected, byReason, awaitingDecision: awaiting.size },
    };
  }
}
