import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateSyntheticPeople } from '../testing/synthetic-people';
import { febrlRows } from './testing/febrl-csv';

/** `npm run matching:fit` as an operator runs it: exit status, what it said, whether it wrote a file. */
function fit(csv: string) {
  const dir = mkdtempSync(join(tmpdir(), 'fit-script-'));
  try {
    const input = join(dir, 'people.csv');
    const output = join(dir, 'model.json');
    writeFileSync(input, csv);
    const run = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'scripts/fit-matching-model.ts', '--input', input, '--output', output],
      { cwd: resolve(__dirname, '../../../..'), encoding: 'utf8' },
    );
    return { status: run.status, stderr: run.stderr, written: existsSync(output) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Synthetic people only.
const [first, second] = generateSyntheticPeople({ seed: 'fit-script', records: 2 }).map(({ record }) => record);

describe('npm run matching:fit on input EM can learn nothing from', () => {
  it('refuses two unrelated people (no pair to learn a match from) and writes no file', () => {
    const run = fit(febrlRows([first!, second!]));

    expect(run).toMatchObject({ status: 1, written: false });
    expect(run.stderr).toContain('holds 2 people: EM needs at least 200');
  });

  it('refuses one person recorded 300 times (agreeing would count against a match) and writes no file', () => {
    const run = fit(febrlRows(Array.from({ length: 300 }, () => first!)));

    expect(run).toMatchObject({ status: 1, written: false });
    expect(run.stderr).toContain('the blocking rules found 0 candidate pairs: EM needs at least 100');
    expect(run.stderr).toMatch(/comparisons\.surname\.exact: m \(0\.8\) is not above u \(0\.99\d+\)/);
  });
});
