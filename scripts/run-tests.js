#!/usr/bin/env node
// Runs Jest (all tiers unless arguments narrow it) and ends with one plain summary line
// ("tests: N passed, N failed, N skipped") that any CI can read, keeping Jest's exit code.
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const dir = mkdtempSync(join(tmpdir(), 'jest-results-'));
const outputFile = join(dir, 'results.json');
const jest = require.resolve('jest/bin/jest');
const run = spawnSync(process.execPath, [jest, '--json', `--outputFile=${outputFile}`, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
let summary = 'tests: 0 passed, 1 failed (jest produced no results)';
try {
  const results = JSON.parse(readFileSync(outputFile, 'utf8'));
  const skipped = results.numPendingTests + results.numTodoTests;
  const failedSuites = results.numRuntimeErrorTestSuites;
  summary = `tests: ${results.numPassedTests} passed, ${results.numFailedTests + failedSuites} failed, ${skipped} skipped`;
  if (failedSuites > 0) process.stdout.write(`${failedSuites} test file(s) failed to run\n`);
} catch {
  // keep the failing summary above
}
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`\n${summary}\n`);
process.exit(run.status ?? 1);
