import type { MatchingModel } from './matching-model';

/**
 * Hand-set starting point for expectation-maximisation: roughly right in direction (exact
 * agreement likely among matches, rare among non-matches), deliberately not tuned. EM replaces
 * the m values (and random sampling the u values); the thresholds are carried through.
 */
export const STARTING_PARAMETERS: MatchingModel = {
  description: 'Starting values for EM; not for matching',
  priorMatchProbability: 1e-4,
  linkThreshold: 8,
  reviewThreshold: 0,
  comparisons: {
    identifiers: { agree: { m: 0.9, u: 1e-6 }, conflict: { m: 0.1, u: 0.999999 } },
    forename: {
      exact: { m: 0.7, u: 0.02 },
      nickname: { m: 0.1, u: 0.005 },
      'jaro-winkler-0.95': { m: 0.05, u: 0.005 },
      phonetic: { m: 0.04, u: 0.02 },
      'jaro-winkler-0.88': { m: 0.03, u: 0.03 },
      'other-forename': { m: 0.03, u: 0.01 },
      alias: { m: 0.02, u: 0.001 },
      else: { m: 0.03, u: 0.91 },
    },
    surname: {
      exact: { m: 0.8, u: 0.01 },
      'jaro-winkler-0.95': { m: 0.06, u: 0.002 },
      phonetic: { m: 0.04, u: 0.01 },
      'jaro-winkler-0.88': { m: 0.03, u: 0.02 },
      part: { m: 0.02, u: 0.001 },
      alias: { m: 0.02, u: 0.001 },
      else: { m: 0.03, u: 0.956 },
    },
    nameOrder: { 'as-recorded': { m: 0.97, u: 0.999 }, swapped: { m: 0.03, u: 0.001 } },
    dateOfBirth: {
      exact: { m: 0.85, u: 0.0001 },
      'day-month-swapped': { m: 0.03, u: 0.00001 },
      'one-digit': { m: 0.06, u: 0.001 },
      'within-a-year': { m: 0.03, u: 0.02 },
      'within-ten-years': { m: 0.02, u: 0.2 },
      else: { m: 0.01, u: 0.7789 },
    },
    residence: {
      'same-address': { m: 0.5, u: 0.0005 },
      postcode: { m: 0.1, u: 0.0005 },
      sector: { m: 0.1, u: 0.005 },
      outward: { m: 0.1, u: 0.05 },
      else: { m: 0.2, u: 0.944 },
    },
    sex: { match: { m: 0.97, u: 0.5 }, mismatch: { m: 0.03, u: 0.5 } },
  },
};
