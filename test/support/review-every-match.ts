import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_IN_MATCHING_MODEL, matchingModelFile } from '../../libs/identity/src/config/configured-matching-model';

/**
 * A `MATCHING_MODEL_FILE` with the built-in parameters and a link threshold no pair reaches, as an
 * area that wants every match seen by a reviewer would deploy: each likely match waits in the queue.
 * The file lives in a folder of its own, removed after the spec file's tests.
 */
export function reviewEveryMatchModelFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'review-every-match-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'review-every-match.json');
  const model = matchingModelFile({ ...BUILT_IN_MATCHING_MODEL, id: 'review-every-match', version: 1 });
  writeFileSync(file, JSON.stringify({ ...model, linkThreshold: 100 }));
  return file;
}
