/**
 * The MARAC referral thresholds an area may set (the domain brief: "thresholds vary by area"), and
 * what makes one usable. A referral records the thresholds it was judged against
 * (`thresholdsApplied`), so changing them decides new referrals only: every reader of an earlier
 * referral (case view, tracker, agenda, repeat-rate report, `asOf`) goes by what it recorded.
 */

export const MARAC_THRESHOLD_FIELDS = ['dashThreshold', 'policeCalloutsThreshold', 'repeatWindowMonths'] as const;
export type MaracThresholdField = (typeof MARAC_THRESHOLD_FIELDS)[number];
export type MaracThresholdSettings = Readonly<Record<MaracThresholdField, number>>;

/** SafeLives' figures, and so the built-in MARAC's: DASH 14, 3 police callouts, a 12-month repeat window. */
export const SAFELIVES_MARAC_THRESHOLDS: MaracThresholdSettings = {
  dashThreshold: 14,
  policeCalloutsThreshold: 3,
  repeatWindowMonths: 12,
};

/**
 * Bounds outside which a threshold cannot work: a DASH threshold above the checklist's 24
 * questions, or callouts above the referral form's 1000, would refuse every referral on that
 * criterion; zero would hear every one. Beyond two years a "further incident" is no longer the
 * repeat SafeLives counts.
 */
const RANGES: Readonly<Record<MaracThresholdField, { min: number; max: number; rule: string }>> = {
  dashThreshold: {
    min: 1,
    max: 24,
    rule: 'must be a whole number from 1 to 24, the DASH checklist having 24 questions',
  },
  policeCalloutsThreshold: { min: 1, max: 1000, rule: 'must be a whole number of callouts from 1 to 1000' },
  repeatWindowMonths: { min: 1, max: 24, rule: 'must be a whole number of months from 1 to 24' },
};

/** Each given threshold that is not a usable whole number, as the field and the rule it breaks. */
export function maracThresholdProblems(
  settings: Partial<Readonly<Record<MaracThresholdField, unknown>>>,
): { readonly field: MaracThresholdField; readonly rule: string }[] {
  return MARAC_THRESHOLD_FIELDS.filter((field) => field in settings).flatMap((field) => {
    const value = settings[field];
    const { min, max, rule } = RANGES[field];
    const usable = typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
    return usable ? [] : [{ field, rule: `${rule} (got ${JSON.stringify(value) ?? String(value)})` }];
  });
}
