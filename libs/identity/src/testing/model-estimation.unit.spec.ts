import { DEFAULT_BLOCKING_RULES } from '../domain/matching/blocking/blocking-rules';
import { compileModel } from '../domain/matching/model/compiled-model';
import { estimateModel } from '../domain/matching/model/estimate-model';
import type { MatchingModel } from '../domain/matching/model/matching-model';
import { generateSyntheticPeople } from './synthetic-people';

const weight = (model: MatchingModel, comparison: keyof MatchingModel['comparisons'], level: string): number => {
  const parameters = (model.comparisons[comparison] as Record<string, { m: number; u: number }>)[level];
  if (parameters === undefined) throw new Error(`no ${comparison}.${level}`);
  return Math.log2(parameters.m / parameters.u);
};

describe('estimateModel (EM)', () => {
  const records = generateSyntheticPeople({ seed: 'unit-em', records: 1_500 }).map((labelled) => labelled.record);
  const estimate = estimateModel(records, DEFAULT_BLOCKING_RULES, { uSamplePairs: 60_000 });

  it('converges for every blocking rule that found pairs', () => {
    const withPairs = estimate.rules.filter((rule) => rule.pairs > 0);
    expect(withPairs.length).toBeGreaterThanOrEqual(5);
    for (const rule of withPairs) {
      expect(rule.converged).toBe(true);
      expect(rule.matchShare).toBeGreaterThan(0);
      expect(rule.matchShare).toBeLessThanOrEqual(1);
    }
  });

  it('learns weights in the expected direction', () => {
    const model = estimate.model;
    expect(weight(model, 'forename', 'exact')).toBeGreaterThan(4);
    expect(weight(model, 'forename', 'else')).toBeLessThan(0);
    expect(weight(model, 'surname', 'exact')).toBeGreaterThan(4);
    expect(weight(model, 'dateOfBirth', 'exact')).toBeGreaterThan(weight(model, 'dateOfBirth', 'one-digit'));
    expect(weight(model, 'dateOfBirth', 'one-digit')).toBeGreaterThan(0);
    expect(weight(model, 'dateOfBirth', 'else')).toBeLessThan(0);
    expect(weight(model, 'residence', 'same-address')).toBeGreaterThan(weight(model, 'residence', 'outward'));
    expect(weight(model, 'identifiers', 'agree')).toBeGreaterThan(0);
    expect(weight(model, 'identifiers', 'conflict')).toBeLessThan(0);
    expect(model.priorMatchProbability).toBeGreaterThan(0);
    expect(model.priorMatchProbability).toBeLessThan(0.01);
    expect(() => compileModel(model)).not.toThrow();
  });

  it('is deterministic', () => {
    const again = estimateModel(records, DEFAULT_BLOCKING_RULES, { uSamplePairs: 60_000 });
    expect(again.model).toEqual(estimate.model);
  });
});
