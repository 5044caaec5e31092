import { compileModel, InvalidMatchingModelError, matchProbability } from './compiled-model';
import { DEFAULT_MATCHING_MODEL } from './default-matching-model';
import type { MatchingModel } from './matching-model';

describe('compileModel', () => {
  it('accepts the shipped default model', () => {
    expect(() => compileModel(DEFAULT_MATCHING_MODEL)).not.toThrow();
  });

  it('rejects a model missing a level or with impossible probabilities', () => {
    const { 'one-digit': _dropped, ...dateOfBirth } = DEFAULT_MATCHING_MODEL.comparisons.dateOfBirth;
    const missingLevel = {
      ...DEFAULT_MATCHING_MODEL,
      comparisons: { ...DEFAULT_MATCHING_MODEL.comparisons, dateOfBirth },
    } as unknown as MatchingModel;
    expect(() => compileModel(missingLevel)).toThrow(InvalidMatchingModelError);
    expect(() => compileModel({ ...DEFAULT_MATCHING_MODEL, priorMatchProbability: 0 })).toThrow(
      InvalidMatchingModelError,
    );
    expect(() => compileModel({ ...DEFAULT_MATCHING_MODEL, linkThreshold: -10, reviewThreshold: 0 })).toThrow(
      InvalidMatchingModelError,
    );
  });

  it('takes a split threshold from the review threshold to the link threshold, the review threshold when absent', () => {
    expect(compileModel(DEFAULT_MATCHING_MODEL).splitThreshold).toBe(DEFAULT_MATCHING_MODEL.reviewThreshold);
    expect(compileModel({ ...DEFAULT_MATCHING_MODEL, splitThreshold: 4 }).splitThreshold).toBe(4);
    for (const splitThreshold of [-1, 9]) {
      expect(() => compileModel({ ...DEFAULT_MATCHING_MODEL, splitThreshold })).toThrow(
        'splitThreshold must lie between reviewThreshold and linkThreshold',
      );
    }
  });

  it('turns weights into probabilities', () => {
    expect(matchProbability(0)).toBe(0.5);
    expect(matchProbability(8)).toBeCloseTo(256 / 257);
    expect(matchProbability(5000)).toBe(1);
  });
});
