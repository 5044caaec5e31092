import { DEFAULT_MATCHING_MODEL } from '../domain/matching/model/default-matching-model';
import { BUILT_IN_MATCHING_MODEL, matchingModelFile } from './configured-matching-model';
import { matchingModelFromConfiguration } from './matching-model-configuration';

type Json = Record<string, unknown>;
const REMOVED = Symbol('removed');

/**
 * A model as an area would configure it (the built-in parameters under an id of its own), with
 * the value at `path` replaced, or removed.
 */
function areaModel(path: readonly string[] = [], value: unknown = REMOVED): Json {
  const model = JSON.parse(
    JSON.stringify(matchingModelFile({ ...BUILT_IN_MATCHING_MODEL, id: 'north-area', version: 3 })),
  ) as Json;
  const field = path.at(-1);
  if (field === undefined) return model;
  const parent = path.slice(0, -1).reduce((at, key) => at[key] as Json, model);
  if (value === REMOVED) delete parent[field];
  else parent[field] = value;
  return model;
}
const problemsOf = (raw: unknown): readonly string[] => {
  const read = matchingModelFromConfiguration(raw);
  return 'problems' in read ? read.problems : [];
};

describe('a matching model from configuration', () => {
  it('takes a whole model with its id and version, parameters as given', () => {
    expect(matchingModelFromConfiguration(areaModel(['linkThreshold'], 12))).toEqual({
      matchingModel: { id: 'north-area', version: 3, model: { ...DEFAULT_MATCHING_MODEL, linkThreshold: 12 } },
    });
  });

  it('names the model by id and version when it has no description', () => {
    const read = matchingModelFromConfiguration(areaModel(['description']));
    expect('matchingModel' in read && read.matchingModel.model.description).toBe('north-area version 3');
  });

  it.each<[string, string[], unknown, string]>([
    [
      'a probability of 1',
      ['comparisons', 'sex', 'match', 'm'],
      1,
      'comparisons.sex.match.m must be a probability between 0 and 1, both excluded (got 1)',
    ],
    [
      'a probability of 0',
      ['comparisons', 'forename', 'exact', 'u'],
      0,
      'comparisons.forename.exact.u must be a probability between 0 and 1, both excluded (got 0)',
    ],
    [
      'a probability as text',
      ['comparisons', 'surname', 'else', 'm'],
      '0.1',
      'comparisons.surname.else.m must be a probability between 0 and 1, both excluded (got "0.1")',
    ],
    [
      'a prior outside (0, 1)',
      ['priorMatchProbability'],
      1.5,
      'priorMatchProbability must be a probability between 0 and 1, both excluded (got 1.5)',
    ],
    [
      'a review threshold above the link threshold',
      ['reviewThreshold'],
      9,
      'reviewThreshold (9) must not be above linkThreshold (8)',
    ],
    [
      'a threshold as text',
      ['linkThreshold'],
      'high',
      'linkThreshold must be a number of bits (a match weight) from 0 to 100 (got "high")',
    ],
    [
      'a link threshold below 0 bits (linking pairs more likely two people)',
      ['linkThreshold'],
      -50,
      'linkThreshold must be a number of bits (a match weight) from 0 to 100 (got -50)',
    ],
    [
      'a link threshold beyond any score',
      ['linkThreshold'],
      1e300,
      'linkThreshold must be a number of bits (a match weight) from 0 to 100 (got 1e+300)',
    ],
    [
      'a review threshold that would queue every blocked pair',
      ['reviewThreshold'],
      -60,
      'reviewThreshold must be a number of bits (a match weight) from -50 to 100 (got -60)',
    ],
    [
      'a version beyond a safe integer',
      ['version'],
      1e300,
      'version must be a whole number from 1 to 9007199254740991 (got 1e+300)',
    ],
    ['a fractional version', ['version'], 2.5, 'version must be a whole number from 1 to 9007199254740991 (got 2.5)'],
    [
      'a description too long to read at start-up',
      ['description'],
      'x'.repeat(1_001),
      'description must be at most 1000 characters (got 1001)',
    ],
    [
      'a missing level',
      ['comparisons', 'dateOfBirth', 'one-digit'],
      REMOVED,
      'comparisons.dateOfBirth.one-digit is missing: the matcher scores every level',
    ],
    [
      'a missing comparison',
      ['comparisons', 'residence'],
      REMOVED,
      'comparisons.residence is missing: the matcher compares it',
    ],
    [
      'an unknown level',
      ['comparisons', 'sex', 'unknown'],
      { m: 0.1, u: 0.1 },
      'comparisons.sex.unknown is not a level of sex (known: match, mismatch)',
    ],
    [
      'an unknown comparison',
      ['comparisons', 'ethnicity'],
      {},
      'comparisons.ethnicity is not a comparison the matcher makes (known: identifiers, forename, surname, nameOrder, dateOfBirth, residence, sex)',
    ],
    ['an unknown field', ['weights'], {}, 'weights is not a matching model field (known: id, version, description'],
    [
      'an unknown level parameter',
      ['comparisons', 'sex', 'match', 'weight'],
      2,
      'comparisons.sex.match.weight is not a level parameter (known: m, u)',
    ],
    [
      'levels not adding up to 1',
      ['comparisons', 'sex', 'match', 'm'],
      0.5,
      'comparisons.sex: the m values of its levels must add up to 1 (got 0.510252)',
    ],
    [
      'a model without an id',
      ['id'],
      REMOVED,
      'id must be lower-case letters, digits, dots or dashes, at most 64 (got nothing)',
    ],
    ['version 0', ['version'], 0, 'version must be a whole number from 1 to 9007199254740991 (got 0)'],
    [
      'a name-frequency switch as text',
      ['adjustForNameFrequency'],
      'yes',
      'adjustForNameFrequency must be true or false when given (got "yes")',
    ],
  ])('refuses %s, naming the field and the rule', (_, path, value, problem) => {
    expect(problemsOf(areaModel(path, value))).toEqual([expect.stringContaining(problem)]);
  });

  it('reports every problem at once', () => {
    const model = areaModel(['reviewThreshold'], 20);
    delete model.version;
    expect(problemsOf(model)).toEqual([
      'version must be a whole number from 1 to 9007199254740991 (got nothing)',
      'reviewThreshold (20) must not be above linkThreshold (8)',
    ]);
  });

  it('names a threshold too large for a number as it was written (1e400 reads as Infinity), not as null', () => {
    const text = JSON.stringify(areaModel(['linkThreshold'], 12)).replace(
      '"linkThreshold":12',
      '"linkThreshold":1e400',
    );
    expect(problemsOf(JSON.parse(text))).toEqual([
      'linkThreshold must be a number of bits (a match weight) from 0 to 100 (got Infinity)',
    ]);
  });

  it('takes a split threshold between the review and link thresholds, and none at all', () => {
    expect(matchingModelFromConfiguration(areaModel(['splitThreshold'], 4))).toEqual({
      matchingModel: { id: 'north-area', version: 3, model: { ...DEFAULT_MATCHING_MODEL, splitThreshold: 4 } },
    });
    expect(problemsOf(areaModel(['splitThreshold'], 8))).toEqual([]);
    expect(problemsOf(areaModel(['splitThreshold']))).toEqual([]);
  });

  it.each<[unknown, string]>([
    [9, 'splitThreshold (9) must lie between reviewThreshold (0) and linkThreshold (8)'],
    [-1, 'splitThreshold (-1) must lie between reviewThreshold (0) and linkThreshold (8)'],
    ['low', 'splitThreshold must be a number of bits (a match weight) from -50 to 100 (got "low")'],
  ])('refuses a split threshold of %p, naming the field and the rule', (value, problem) => {
    expect(problemsOf(areaModel(['splitThreshold'], value))).toEqual([problem]);
  });

  it('takes thresholds at the ends of their ranges', () => {
    expect(problemsOf({ ...areaModel(), linkThreshold: 100, reviewThreshold: -50 })).toEqual([]);
    expect(problemsOf({ ...areaModel(), linkThreshold: 0, reviewThreshold: 0 })).toEqual([]);
  });

  it('refuses what is not an object', () => {
    expect(problemsOf([])).toEqual([expect.stringMatching(/^the model must be a JSON object with id, version/)]);
  });

  it('keeps the built-in id and version for the built-in parameters only', () => {
    const builtIn = JSON.parse(JSON.stringify(matchingModelFile(BUILT_IN_MATCHING_MODEL))) as Json;
    expect(problemsOf(builtIn)).toEqual([]);
    expect(problemsOf({ ...builtIn, linkThreshold: 20 })).toEqual([
      'version 1 of uk-synthetic-referrals is built in with other parameters: versions are immutable, give the changed model a new id or version',
    ]);
  });
});
