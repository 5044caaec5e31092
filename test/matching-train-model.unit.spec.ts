/**
 * `scripts/matching-train-model.ts --write` writes a built-in matching model version. Links and
 * match reviews record the model that decided them by id and version, so a built-in version may
 * only be written again with parameters that decide alike, other parameters need a later version,
 * and adding one keeps every earlier version known: a configured model may not redefine any of them.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BUILT_IN_MATCHING_MODEL,
  KNOWN_MATCHING_MODELS,
  matchingModelFile,
  type ConfiguredMatchingModel,
} from '../libs/identity/src/config/configured-matching-model';
import type { matchingModelFromConfiguration } from '../libs/identity/src/config/matching-model-configuration';
import type { MatchingModel } from '../libs/identity/src/domain/matching/model/matching-model';
import { filesToWrite, listSource, versionSource, versionToWrite } from '../scripts/built-in-matching-model';

const builtIn = BUILT_IN_MATCHING_MODEL;
const newest = builtIn.version;
/** What fitting again after a generator or blocking change gives: one weight moved a little. */
const refit = (model: MatchingModel, factor = 0.97): MatchingModel => ({
  ...model,
  priorMatchProbability: model.priorMatchProbability * factor,
});
const refitted = refit(builtIn.model);

describe('writing a built-in matching model version', () => {
  it('refuses to give the newest built-in version other parameters, and says to write a new version', () => {
    expect(() => versionToWrite(KNOWN_MATCHING_MODELS, refitted, undefined)).toThrow(
      `the fitted parameters differ from the built-in uk-synthetic-referrals version ${newest}`,
    );
    expect(() => versionToWrite(KNOWN_MATCHING_MODELS, refitted, newest)).toThrow(`--write --version ${newest + 1}`);
  });

  it('writes other parameters as a later version: its own file and the list of every version', () => {
    const { version, files } = filesToWrite(KNOWN_MATCHING_MODELS, refitted, newest + 1);
    expect(version).toBe(newest + 1);
    expect(files).toEqual({
      [`version-${newest + 1}.ts`]: versionSource(refitted, newest + 1),
      'versions.ts': listSource([...KNOWN_MATCHING_MODELS.map((known) => known.version), newest + 1]),
    });
  });

  it('writes a built-in version again when the fit decides exactly alike (only the description differs)', () => {
    const { version, files } = filesToWrite(
      KNOWN_MATCHING_MODELS,
      { ...builtIn.model, description: 'fitted again' },
      undefined,
    );
    expect(version).toBe(newest);
    expect(Object.keys(files)).toEqual([`version-${newest}.ts`, 'versions.ts']);
  });

  it('refuses a version below the newest or not a positive whole number', () => {
    for (const version of [0, -1, 1.5, Number.NaN]) {
      expect(() => versionToWrite(KNOWN_MATCHING_MODELS, refitted, version)).toThrow('nothing written');
    }
    const oneAndThree = [1, 3].map((version) => ({ ...builtIn, version }));
    expect(() => versionToWrite(oneAndThree, refitted, 2)).toThrow('versions only go up');
  });
});

describe('adding a built-in version', () => {
  const BUILT_IN_FOLDER = join(__dirname, '../libs/identity/src/domain/matching/model/built-in');
  const VERSIONS_MODULE = join(BUILT_IN_FOLDER, 'versions.ts');
  /** Where the last write went: the next starts from a copy of it. */
  let latest: string;
  const written: string[] = [];

  interface Loaded {
    readonly known: readonly ConfiguredMatchingModel[];
    readonly builtIn: ConfiguredMatchingModel;
    readonly fromConfiguration: typeof matchingModelFromConfiguration;
  }

  /**
   * Writes what --write writes (unformatted) into a copy of the built-in folder as the last write
   * left it, and starts over it. A fresh folder each time: Jest reads a file once per test file.
   */
  function write(known: readonly ConfiguredMatchingModel[], fitted: MatchingModel, requested: number): Loaded {
    const folder = mkdtempSync(join(tmpdir(), 'built-in-matching-models-'));
    written.push(folder);
    for (const name of readdirSync(latest)) copyFileSync(join(latest, name), join(folder, name));
    for (const [name, source] of Object.entries(filesToWrite(known, fitted, requested).files)) {
      writeFileSync(join(folder, name), source);
    }
    latest = folder;
    let loaded: Loaded | undefined;
    jest.isolateModules(() => {
      jest.doMock(VERSIONS_MODULE, () => jest.requireActual(join(folder, 'versions.ts')));
      const config = jest.requireActual<typeof import('../libs/identity/src/config/configured-matching-model')>(
        '../libs/identity/src/config/configured-matching-model',
      );
      const validator = jest.requireActual<typeof import('../libs/identity/src/config/matching-model-configuration')>(
        '../libs/identity/src/config/matching-model-configuration',
      );
      loaded = {
        known: config.KNOWN_MATCHING_MODELS,
        builtIn: config.BUILT_IN_MATCHING_MODEL,
        fromConfiguration: validator.matchingModelFromConfiguration,
      };
    });
    return loaded!;
  }
  /** A model file as an operator would configure it: the JSON of `model` under that id and version. */
  const configured = (model: ConfiguredMatchingModel): unknown => JSON.parse(JSON.stringify(matchingModelFile(model)));

  beforeEach(() => {
    latest = BUILT_IN_FOLDER;
  });
  afterEach(() => {
    for (const folder of written.splice(0)) rmSync(folder, { recursive: true, force: true });
    jest.dontMock(VERSIONS_MODULE);
  });

  it('keeps every earlier version known, and refuses a configured one with other parameters', () => {
    const withNext = write(KNOWN_MATCHING_MODELS, refitted, newest + 1);
    const withTwoMore = write(withNext.known, refit(refitted, 1.1), newest + 2);

    for (const after of [withNext, withTwoMore]) {
      for (const before of KNOWN_MATCHING_MODELS) {
        expect(after.known).toContainEqual(before);
        const changed = { ...before, model: { ...before.model, linkThreshold: before.model.linkThreshold - 3 } };
        expect(after.fromConfiguration(configured(changed))).toEqual({
          problems: [
            `version ${before.version} of uk-synthetic-referrals is built in with other parameters: versions are immutable, give the changed model a new id or version`,
          ],
        });
        expect(after.fromConfiguration(configured(before))).toEqual({ matchingModel: before });
      }
    }
    expect(withTwoMore.known).toContainEqual(withNext.builtIn);
    expect(withTwoMore.known.map((known) => known.version)).toEqual([
      ...KNOWN_MATCHING_MODELS.map((known) => known.version),
      newest + 1,
      newest + 2,
    ]);
  });

  it('makes the new version the default', () => {
    const { builtIn: after } = write(KNOWN_MATCHING_MODELS, refitted, newest + 1);
    expect(after).toEqual({ id: 'uk-synthetic-referrals', version: newest + 1, model: refitted });
  });

  it('refuses to rewrite an earlier version with other parameters once a later one exists', () => {
    const { known } = write(KNOWN_MATCHING_MODELS, refitted, newest + 1);
    expect(() => versionToWrite(known, refit(refitted, 1.1), newest)).toThrow(
      `the fitted parameters differ from the built-in uk-synthetic-referrals version ${newest}`,
    );
  });
});
