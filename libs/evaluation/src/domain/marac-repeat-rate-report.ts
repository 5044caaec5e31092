/**
 * MARAC repeat rate and referral profile, a pure reducer fed MARAC referrals in log order.
 *
 * - A referral counts in the period holding the UK calendar date of its `referredAt`.
 * - Whether it is a repeat is judged by the lifecycle's own rule (`detectMaracRepeat`, 12 calendar
 *   months, anniversary inclusive): whether the referral's incident happened within the window of
 *   the victim's latest earlier MARAC referral by `referredAt` (not before that referral's day), from
 *   the whole history (referrals before the period count as "last referral"). The referral still
 *   counts in the period of its own `referredAt`. The referral form's previous MARAC date (before
 *   go-live, or another area's) is a last referral too, as at referral: a repeat of it or of the
 *   history's counts (`judgeMaracRepeat`), for referrals that recorded it so (`repeatFrom`).
 *   `repeatsFromReportedDate` counts the repeats the form's date decides, so analysts can tell them
 *   from those this system's own history shows.
 *   It is judged again here rather than read from the `repeat` flag stored at referral time,
 *   because a back-dated referral recorded later can make an earlier-recorded one a repeat; the
 *   stored flags are reported beside it (`repeatsFlaggedAtReferral`) so the two can be compared.
 * - "The same victim" is the person the referral's case is about now, as the whole log knows it
 *   (`PersonOfCase`: confirmed matches merge, restoring splits undo them), not the id recorded at
 *   referral: a victim recorded twice and later confirmed as one would otherwise have her repeats
 *   missed, which is the failure a low repeat rate signals. `repeatsRecognisedByMerge` counts the
 *   repeats that are repeats only so (not on the ids recorded at referral): repeats recognised by
 *   identity decisions, a split that moved a case to the person it is about among them, whatever
 *   the field's name says.
 * - SafeLives' expected band is 28%–40%, both ends inclusive, compared in whole numbers
 *   (repeats × 100 against 28 × referrals) so no floating-point rounding decides an edge.
 * - Cases per 10,000 adult women: referrals in the period per 10,000 of the given adult female
 *   population, and the same scaled to a year (× 365 / days in the period), beside SafeLives'
 *   recommended 40 a year.
 * - Source agencies are counted by kind (`referring-agencies.ts`: police, IDVA, health ... or
 *   other), never by the agency's name as typed, which has named refuges.
 * - Equality breakdowns count referrals (SafeLives counts cases, repeats included) by the
 *   victim's sex, age at referral, 2021 Census high-level ethnic group and disability (yes, no,
 *   not-stated, not-recognised), read from the recorded text by `equality/equality-values.ts`, so
 *   no typed text is ever a key; a missing value is "not recorded", counted separately, never guessed. Every figure but the repeats counts
 *   referrals, so a merge changes none of them. The details are those of the person each referral
 *   was made about (their id's profile, completed by details recorded on it later, what the
 *   referral's panel recorded on a record it linked to them coming first), not of the
 *   person as now known as the IOM demographics use: a breakdown of referrals describes each
 *   referral's victim as recorded for it, and a reviewer's decision never moves a published figure.
 */
import { ukDay } from '../../../case-lifecycle/src/domain/calendar';
import { judgeMaracRepeat, type MaracRepeatSource } from '../../../case-lifecycle/src/domain/rules/marac-repeat';
import { SAFELIVES_MARAC_THRESHOLDS } from '../../../case-lifecycle/src/domain/rules/marac-thresholds';
import { asRecorded, type PersonOfCase } from './people-now';
import { referringAgency } from './referring-agencies';
import type { PersonProfiles } from './person-profiles';
import {
  ageOn,
  checkPeriod,
  codedLabel,
  inPeriod,
  label,
  monthsOf,
  NOT_RECORDED,
  ratio,
  tally,
  type ReportPeriod,
} from './report-period';

export const MARAC_REPEAT_BAND = { low: 0.28, high: 0.4 } as const;
const BAND_PERCENT = { low: 28, high: 40 } as const;
/** SafeLives: cases a MARAC should hear per 10,000 adult women a year. */
export const SAFELIVES_CASES_PER_10000_ADULT_WOMEN = 40;

export interface MaracReferralFact {
  readonly caseId: string;
  readonly personId: string;
  /** The panel referred to: its own cases' records are read before the registration (PersonProfiles.recordedBy). */
  readonly panelCode?: string;
  /** The referral's occurredAt. */
  readonly referredAt: string;
  /** The incident referred (`incident.occurredAt`): the window is judged on it. Undated: not a repeat. */
  readonly incidentAt?: string;
  readonly sourceAgency: string;
  /** The window the referral was judged with (thresholdsApplied.repeatWindowMonths), never today's setting; 12 when absent. */
  readonly repeatWindowMonths?: number;
  /**
   * The form's previous MARAC date (YYYY-MM-DD), given only for a referral judged with it (one that
   * recorded `repeatFrom`): a last referral beside the history's.
   */
  readonly previousMaracReported?: string;
  /** The flag the lifecycle stored when the referral was made. */
  readonly repeatFlagged: boolean;
}

export interface MaracRepeatRateOptions extends ReportPeriod {
  /** Adult female population of the area, for cases per 10,000 adult women. */
  readonly population?: number;
}

export type MaracAgeGroup = 'under-16' | '16-17' | '18+' | typeof NOT_RECORDED;

export interface MaracRepeatRateResult {
  readonly from: string;
  readonly to: string;
  readonly referrals: number;
  readonly repeats: number;
  readonly rate: number | null;
  readonly band: { readonly low: number; readonly high: number };
  /** null when there were no referrals (no rate to judge). */
  readonly withinBand: boolean | null;
  readonly repeatsFlaggedAtReferral: number;
  /**
   * Repeats judged on people as now known that are not repeats on the ids recorded at referral:
   * recognised by identity decisions, merges and splits that moved cases alike (named for merges).
   */
  readonly repeatsRecognisedByMerge: number;
  /** Repeats whose last referral is the form's previous MARAC date, later than any in this system. */
  readonly repeatsFromReportedDate: number;
  readonly months: { month: string; referrals: number; repeats: number; rate: number | null }[];
  readonly bySourceAgency: Record<string, number>;
  readonly perPopulation?: {
    readonly population: number;
    readonly casesPer10000AdultWomen: number | null;
    readonly annualisedPer10000AdultWomen: number | null;
    readonly recommendedPer10000AdultWomenPerYear: number;
  };
  readonly equality: {
    readonly sex: Record<string, number>;
    readonly ageAtReferral: Record<MaracAgeGroup, number>;
    readonly aged16To17: number;
    readonly ethnicity: Record<string, number>;
    readonly disability: Record<string, number>;
  };
}

interface Referral extends MaracReferralFact {
  readonly day: string;
  readonly ms: number;
  readonly order: number;
}

function ageGroup(age: number | undefined): MaracAgeGroup {
  if (age === undefined) return NOT_RECORDED;
  return age < 16 ? 'under-16' : age < 18 ? '16-17' : '18+';
}

const daysIn = (period: ReportPeriod): number =>
  Math.round((Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / 86_400_000) + 1;

/**
 * Which referrals (by case) repeat the latest earlier referral of the same victim, `victimOf` saying
 * who that is, or the form's previous MARAC date when that is later; and where each is known from.
 */
function repeatingCases(
  referrals: Iterable<Referral>,
  victimOf: (referral: Referral) => string,
): Map<string, MaracRepeatSource> {
  const byVictim = new Map<string, Referral[]>();
  for (const referral of referrals) {
    const victim = victimOf(referral);
    const list = byVictim.get(victim);
    if (list === undefined) byVictim.set(victim, [referral]);
    else list.push(referral);
  }
  const repeating = new Map<string, MaracRepeatSource>();
  for (const list of byVictim.values()) {
    const ordered = list.sort((a, b) => a.ms - b.ms || a.order - b.order);
    ordered.forEach((referral, index) => {
      const previous = index > 0 ? ordered[index - 1] : undefined;
      const { incidentAt, previousMaracReported } = referral;
      if (incidentAt === undefined) return;
      const { repeatFrom } = judgeMaracRepeat(
        {
          ...(previous === undefined ? {} : { historyAt: previous.referredAt }),
          ...(previousMaracReported === undefined ? {} : { reportedOn: previousMaracReported }),
        },
        incidentAt,
        referral.repeatWindowMonths ?? SAFELIVES_MARAC_THRESHOLDS.repeatWindowMonths,
      );
      if (repeatFrom !== null) repeating.set(referral.caseId, repeatFrom);
    });
  }
  return repeating;
}

export class MaracRepeatRateReport {
  // By case: a redelivered or corrected referral of the same case replaces the earlier one.
  private readonly byCase = new Map<string, Referral>();
  private count = 0;

  /** Every MARAC referral of the log, in log order, whatever its date. Returns false for an undatable one. */
  recordReferral(fact: MaracReferralFact): boolean {
    const day = ukDay(fact.referredAt);
    if (day === undefined) return false;
    const { incidentAt, previousMaracReported, ...rest } = fact;
    this.byCase.set(fact.caseId, {
      ...rest,
      // An incident that names no day cannot be placed in a window, nor a date that names none open one.
      ...(incidentAt === undefined || ukDay(incidentAt) === undefined ? {} : { incidentAt }),
      ...(previousMaracReported === undefined || ukDay(previousMaracReported) === undefined
        ? {}
        : { previousMaracReported }),
      day,
      ms: Date.parse(fact.referredAt),
      order: this.count++,
    });
    return true;
  }

  /** `personOfCase`: whom each case is about now (see people-now.ts); as recorded when not given. */
  result(
    options: MaracRepeatRateOptions,
    profiles: PersonProfiles,
    personOfCase: PersonOfCase = asRecorded,
  ): MaracRepeatRateResult {
    const period = checkPeriod(options);
    const months = new Map(monthsOf(period).map((m) => [m, { referrals: 0, repeats: 0 }]));
    const bySourceAgency: Record<string, number> = {};
    const sex: Record<string, number> = {};
    const ageAtReferral: Record<MaracAgeGroup, number> = { 'under-16': 0, '16-17': 0, '18+': 0, [NOT_RECORDED]: 0 };
    const ethnicity: Record<string, number> = {};
    const disability: Record<string, number> = {};
    const all = [...this.byCase.values()];
    const repeatingNow = repeatingCases(all, (r) => personOfCase(r.caseId, r.personId));
    const repeatingAsRecorded = repeatingCases(all, (r) => r.personId);
    let referrals = 0;
    let repeats = 0;
    let flagged = 0;
    let recognisedByMerge = 0;
    let fromReported = 0;
    for (const referral of all) {
      if (!inPeriod(referral.day, period)) continue;
      const repeat = repeatingNow.has(referral.caseId);
      if (repeatingNow.get(referral.caseId) === 'reported') fromReported += 1;
      // The details recorded for the victim as referred: equality figures count referrals.
      const profile =
        referral.panelCode === undefined
          ? profiles.get(referral.personId)
          : profiles.recordedBy(referral.panelCode, referral.personId);
      referrals += 1;
      if (repeat) repeats += 1;
      if (repeat && !repeatingAsRecorded.has(referral.caseId)) recognisedByMerge += 1;
      if (referral.repeatFlagged) flagged += 1;
      const month = months.get(referral.day.slice(0, 7));
      if (month !== undefined) {
        month.referrals += 1;
        if (repeat) month.repeats += 1;
      }
      tally(bySourceAgency, codedLabel(referringAgency(referral.sourceAgency)));
      tally(sex, label(profile.sex));
      ageAtReferral[ageGroup(ageOn(profile.dateOfBirth, referral.day))] += 1;
      tally(ethnicity, codedLabel(profile.ethnicity?.group));
      tally(disability, codedLabel(profile.disability));
    }
    const population = options.population;
    const per10000 = population === undefined || population <= 0 ? null : (referrals / population) * 10_000;
    return {
      from: period.from,
      to: period.to,
      referrals,
      repeats,
      rate: ratio(repeats, referrals),
      band: { ...MARAC_REPEAT_BAND },
      withinBand:
        referrals === 0
          ? null
          : repeats * 100 >= BAND_PERCENT.low * referrals && repeats * 100 <= BAND_PERCENT.high * referrals,
      repeatsFlaggedAtReferral: flagged,
      repeatsRecognisedByMerge: recognisedByMerge,
      repeatsFromReportedDate: fromReported,
      months: [...months].map(([month, c]) => ({ month, ...c, rate: ratio(c.repeats, c.referrals) })),
      bySourceAgency,
      ...(population === undefined
        ? {}
        : {
            perPopulation: {
              population,
              casesPer10000AdultWomen: per10000 === null ? null : round2(per10000),
              annualisedPer10000AdultWomen: per10000 === null ? null : round2((per10000 * 365) / daysIn(period)),
              recommendedPer10000AdultWomenPerYear: SAFELIVES_CASES_PER_10000_ADULT_WOMEN,
            },
          }),
      equality: { sex, ageAtReferral, aged16To17: ageAtReferral['16-17'], ethnicity, disability },
    };
  }
}

const round2 = (value: number): number => Math.round(value * 100) / 100;
