/**
 * Estimates the default matching model by EM on a synthetic training set (a different seed from
 * the evaluation set), prints it, and with --write writes it as a built-in version into
 * libs/identity/src/domain/matching/model/built-in/.
 *
 *   npx ts-node --transpile-only scripts/matching-train-model.ts [--write [--version N]]
 *
 * Built-in models are known by id and version (`uk-synthetic-referrals` 1, 2, ...), which every
 * link and match review they decided records. So --write refuses (exit 1, nothing written) to give
 * a built-in version other parameters: a changed generator or blocking rule fits other weights,
 * and writing them under an old version would change what those records mean. A new version
 * (--version N, above the newest) gets a file of its own and is added to the list of versions,
 * keeping every earlier one, and becomes the default; then re-measure with `npm run eval:matching`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { BUILT_IN_MATCHING_MODEL, KNOWN_MATCHING_MODELS } from '../libs/identity/src/config/configured-matching-model';
import { DEFAULT_BLOCKING_RULES } from '../libs/identity/src/domain/matching/blocking/blocking-rules';
import { estimateModel, type ModelEstimate } from '../libs/identity/src/domain/matching/model/estimate-model';
import { generateSyntheticPeople } from '../libs/identity/src/testing/synthetic-people';
import { filesToWrite } from './built-in-matching-model';
import { TRAINING_SEED, TRAINING_RECORDS, TUNED_THRESHOLDS } from './matching-settings';

const BUILT_IN = join(__dirname, '../libs/identity/src/domain/matching/model/built-in');

function estimate(): ModelEstimate {
  const started = Date.now();
  const training = generateSyntheticPeople({ seed: TRAINING_SEED, records: TRAINING_RECORDS });
  const result = estimateModel(
    training.map((labelled) => labelled.record),
    DEFAULT_BLOCKING_RULES,
    {
      ...TUNED_THRESHOLDS,
      description:
        `EM estimate on ${TRAINING_RECORDS} synthetic UK records (seed "${TRAINING_SEED}"); ` +
        'thresholds chosen on the evaluation set (scripts/evaluate-matching.ts)',
    },
  );
  console.log(`estimated in ${Date.now() - started} ms`);
  return result;
}

function report(result: ModelEstimate): void {
  for (const rule of result.rules) {
    console.log(
      `  ${rule.rule.padEnd(32)} pairs ${String(rule.pairs).padStart(8)}  iterations ${String(rule.iterations).padStart(3)}` +
        `  converged ${rule.converged}  match share ${rule.matchShare.toFixed(4)}`,
    );
  }
  console.log(
    `prior ${result.model.priorMatchProbability.toExponential(3)}, expected matching pairs ${result.expectedMatchingPairs.toFixed(0)}`,
  );
  for (const [comparison, levels] of Object.entries(result.model.comparisons)) {
    const weights = Object.entries(levels as Record<string, { m: number; u: number }>).map(
      ([level, { m, u }]) => `${level} ${Math.log2(m / u).toFixed(1)}`,
    );
    console.log(`  ${comparison}: ${weights.join(', ')}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { write: { type: 'boolean' }, version: { type: 'string' } } });
  const requested = values.version === undefined ? undefined : Number(values.version);
  if (values.version !== undefined && values.write !== true) throw new Error('--version is only read with --write');
  const result = estimate();
  report(result);
  if (values.write !== true) return;
  const { version, files } = filesToWrite(KNOWN_MATCHING_MODELS, result.model, requested);
  for (const [name, source] of Object.entries(files)) {
    const target = join(BUILT_IN, name);
    const options = (await resolveConfig(target)) ?? {};
    writeFileSync(target, await format(source, { ...options, filepath: target }));
    console.log(`wrote ${target}`);
  }
  console.log(`wrote ${BUILT_IN_MATCHING_MODEL.id} version ${version}`);
  if (version > BUILT_IN_MATCHING_MODEL.version)
    console.log('re-measure the published figures with `npm run eval:matching` and update the READMEs');
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  });
}
