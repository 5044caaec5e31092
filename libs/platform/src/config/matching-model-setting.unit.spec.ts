import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_IN_MATCHING_MODEL, matchingModelFile } from '../../../identity/src/config/configured-matching-model';
import { ConfigError, loadConfig } from './app-config';

const strictModel = {
  ...matchingModelFile({ ...BUILT_IN_MATCHING_MODEL, id: 'strict', version: 2 }),
  linkThreshold: 40,
};
const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('the MATCHING_MODEL setting', () => {
  const dir = mkdtempSync(join(tmpdir(), 'matching-model-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is absent unless set: the built-in model runs', () => {
    expect(loadConfig({}).matchingModel).toBeUndefined();
  });

  it('reads the model inline or from a file, with its id and version', () => {
    const file = join(dir, 'strict.json');
    writeFileSync(file, JSON.stringify(strictModel));
    for (const env of [{ MATCHING_MODEL: JSON.stringify(strictModel) }, { MATCHING_MODEL_FILE: file }]) {
      expect(loadConfig(env).matchingModel).toMatchObject({ id: 'strict', version: 2, model: { linkThreshold: 40 } });
    }
  });

  it('stops start-up naming the setting, the field and the rule', () => {
    const file = join(dir, 'inverted.json');
    writeFileSync(file, JSON.stringify({ ...strictModel, reviewThreshold: 50 }));
    expect(problemsOf({ MATCHING_MODEL_FILE: file })).toEqual([
      `MATCHING_MODEL_FILE (${file}): reviewThreshold (50) must not be above linkThreshold (40)`,
    ]);
    expect(problemsOf({ MATCHING_MODEL: JSON.stringify({ ...strictModel, priorMatchProbability: 0 }) })).toEqual([
      'MATCHING_MODEL: priorMatchProbability must be a probability between 0 and 1, both excluded (got 0)',
    ]);
  });

  it('reports the model with every other problem of the environment', () => {
    expect(problemsOf({ MATCHING_MODEL: '{}', PORT: 'eighty' })).toEqual(
      expect.arrayContaining([
        'PORT must be an integer from 0 to 65535 (got "eighty")',
        expect.stringMatching(/^MATCHING_MODEL: id must be/),
        'MATCHING_MODEL: comparisons must be an object with identifiers, forename, surname, nameOrder, dateOfBirth, residence, sex',
      ]),
    );
  });

  it('refuses both sources, unreadable files and text that is not JSON', () => {
    expect(problemsOf({ MATCHING_MODEL: '{}', MATCHING_MODEL_FILE: join(dir, 'x.json') })).toEqual([
      'MATCHING_MODEL and MATCHING_MODEL_FILE are both set: set one',
    ]);
    expect(problemsOf({ MATCHING_MODEL_FILE: join(dir, 'missing.json') })).toEqual([
      `MATCHING_MODEL_FILE (${join(dir, 'missing.json')}) cannot be read: ENOENT`,
    ]);
    expect(problemsOf({ MATCHING_MODEL: '{link: 8}' })).toEqual([
      expect.stringMatching(/^MATCHING_MODEL must be JSON/),
    ]);
  });
  it('reads a file saved with a byte-order mark, as Windows editors write UTF-8', () => {
    const file = join(dir, 'with-bom.json');
    writeFileSync(file, `\uFEFF${JSON.stringify(strictModel)}`);
    expect(loadConfig({ MATCHING_MODEL_FILE: file }).matchingModel?.id).toBe('strict');
  });

  it('refuses a file over 1 MiB before reading it, naming its size', () => {
    const file = join(dir, 'huge.json');
    writeFileSync(file, `{"padding": "${'x'.repeat(1024 * 1024)}"}`);
    expect(problemsOf({ MATCHING_MODEL_FILE: file })).toEqual([
      `MATCHING_MODEL_FILE (${file}) is ${1024 * 1024 + 15} bytes: a configuration file must be at most 1048576`,
    ]);
  });
});
