/**
 * IOM core-cohort eligibility as a versioned policy. The London 2021 framework says:
 * (OGRS 2-year >= 75%, or OGRS >= 50% with a robbery or burglary offence in the past two years
 * spent in the community) and OVP 2-year >= 30%. Thresholds are policy and change, so they
 * live in a policy object held by the panel registry, and every evaluation event records the
 * policy id, version and thresholds it applied: a replay years later can tell which rule made
 * someone eligible, and an analyst can re-run history under another policy.
 */
import { invalid } from '../../../../command-handling/src/rejections';
import { requirePercentage } from '../input-checks';

export interface IomEligibilityThresholds {
  /** OGRS 2-year score that qualifies on its own (London 2021: 75). */
  readonly ogrsAlone: number;
  /** Lower OGRS score that qualifies with a robbery or burglary offence (London 2021: 50). */
  readonly ogrsWithRobberyOrBurglary: number;
  /** OVP 2-year score required in every case (London 2021: 30). */
  readonly ovpMinimum: number;
}

export interface IomEligibilityPolicy {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly thresholds: IomEligibilityThresholds;
}

/** Stored on events so the policy that decided is known without the registry. */
export interface IomPolicyRef {
  readonly id: string;
  readonly version: number;
}

export const LONDON_2021_ELIGIBILITY_POLICY: IomEligibilityPolicy = {
  id: 'london-2021',
  version: 1,
  title: 'London IOM framework 2021: core cohort',
  thresholds: { ogrsAlone: 75, ogrsWithRobberyOrBurglary: 50, ovpMinimum: 30 },
};

/** The scores a probation assessment gives (percentages 0–100) and the acquisitive-offence flag. */
export interface IomScores {
  /** OGRS: Offender Group Reconviction Scale, 2-year score. */
  readonly ogrs2y: number;
  /** OVP: OASys Violence Predictor, 2-year score. */
  readonly ovp2y: number;
  /** A robbery or burglary offence in the past two years spent in the community. */
  readonly robberyOrBurglaryInLast2Years: boolean;
}

/** Which OGRS route qualified, if any. */
export type IomOgrsRoute = 'ogrs-alone' | 'ogrs-with-robbery-or-burglary';

export interface IomEligibilityResult {
  readonly policy: IomPolicyRef;
  readonly thresholds: IomEligibilityThresholds;
  readonly eligible: boolean;
  /** The OGRS route met, or null when neither was. */
  readonly ogrsRoute: IomOgrsRoute | null;
  readonly ovpMet: boolean;
}

export const sameIomScores = (a: IomScores, b: IomScores): boolean =>
  a.ogrs2y === b.ogrs2y && a.ovp2y === b.ovp2y && a.robberyOrBurglaryInLast2Years === b.robberyOrBurglaryInLast2Years;

/** Scores outside 0–100 are a data error, refused as `invalid` naming the score. */
export function checkIomScores(scores: IomScores, fieldPrefix: string): IomScores {
  requirePercentage(scores.ogrs2y, `${fieldPrefix}.ogrs2y`);
  requirePercentage(scores.ovp2y, `${fieldPrefix}.ovp2y`);
  if (typeof scores.robberyOrBurglaryInLast2Years !== 'boolean') {
    throw invalid(
      `${fieldPrefix}.robberyOrBurglaryInLast2Years`,
      'boolean',
      'robbery/burglary flag must be true or false',
    );
  }
  return scores;
}

/**
 * Applies a policy to scores. Thresholds are inclusive ("75% or more"): exactly 75, 50 and 30
 * qualify, 74.9, 49.9 and 29.9 do not. Scores are compared as given, without rounding.
 */
export function evaluateIomEligibility(policy: IomEligibilityPolicy, scores: IomScores): IomEligibilityResult {
  const { thresholds } = policy;
  const ogrsRoute: IomOgrsRoute | null =
    scores.ogrs2y >= thresholds.ogrsAlone
      ? 'ogrs-alone'
      : scores.ogrs2y >= thresholds.ogrsWithRobberyOrBurglary && scores.robberyOrBurglaryInLast2Years
        ? 'ogrs-with-robbery-or-burglary'
        : null;
  const ovpMet = scores.ovp2y >= thresholds.ovpMinimum;
  return {
    policy: { id: policy.id, version: policy.version },
    thresholds,
    eligible: ogrsRoute !== null && ovpMet,
    ogrsRoute,
    ovpMet,
  };
}
