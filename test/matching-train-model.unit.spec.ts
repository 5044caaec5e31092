/**
 * `scripts/matching-train-model.ts --write` regenerates the built-in model. Links and match reviews
 * record the model that decided them by id and version, so the version already built in may only be
 * written again with parameters that decide alike; other parameters need a later version.
 */
import { BUILT_IN_MATCHING_MODEL } from '../libs/identity/src/config/configured-matching-model';
import type { MatchingModel } from '../libs/identity/src/domain/matching/model/matching-model';
import { defaultModelSource, versionToWrite } from '../scripts/built-in-matching-model';

const builtIn = BUILT_IN_MATCHING_MODEL;
/** What fitting again after a generator or blocking change gives: one weight moved a little. */
const refitted: MatchingModel = {
  ...builtIn.model,
  priorMatchProbability: builtIn.model.priorMatchProbability * 0.97,
};

describe('writing the built-in matching model', () => {
  it('refuses to give the built-in version other parameters, and says to write a new version', () => {
    expect(() => versionToWrite(builtIn, refitted, undefined)).toThrow(
      `the fitted parameters differ from the built-in uk-synthetic-referrals version ${builtIn.version}`,
    );
    expect(() => versionToWrite(builtIn, refitted, builtIn.version)).toThrow(
      `--write --version ${builtIn.version + 1}`,
    );
  });

  it('writes other parameters as a later version', () => {
    expect(versionToWrite(builtIn, refitted, builtIn.version + 1)).toBe(builtIn.version + 1);
    expect(defaultModelSource(refitted, builtIn.version + 1)).toContain(
      `export const DEFAULT_MATCHING_MODEL_VERSION = ${builtIn.version + 1};`,
    );
  });

  it('writes the built-in version again when the fit decides exactly alike (only the description differs)', () => {
    expect(versionToWrite(builtIn, { ...builtIn.model, description: 'fitted again' }, undefined)).toBe(builtIn.version);
  });

  it('refuses a version below the built-in one or not a positive whole number', () => {
    for (const version of [0, -1, 1.5, Number.NaN]) {
      expect(() => versionToWrite(builtIn, refitted, version)).toThrow('nothing written');
    }
    expect(() => versionToWrite({ ...builtIn, version: 3 }, refitted, 2)).toThrow('versions only go up');
  });
});
