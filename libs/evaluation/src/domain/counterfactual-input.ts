/**
 * The counterfactual job's input, checked field by field (400 naming the field and the rule).
 *
 * ```json
 * { "from": "2024-01-01", "to": "2024-12-31",
 *   "policy": { "id": "any-ovp", "ogrsAlone": 75, "ogrsWithRobberyOrBurglary": 50, "ovpMinimum": 0 },
 *   "baseline": "recorded" }
 * ```
 * `policy` and `baseline` may also name a known policy (`"london-2021"`); `baseline` defaults to
 * `"recorded"`, the eligibility stored on each evaluation. `ogrsWithRobberyOrBurglary: null` turns
 * that route off.
 */
import { invalid } from '../../../command-handling/src/rejections';
import { LONDON_2021_ELIGIBILITY_POLICY } from '../../../case-lifecycle/src/domain/rules/iom-eligibility';
import type { AlternativePolicy } from './counterfactual-cohort';
import { checkPeriod } from './report-period';
import { parseDateOnly } from '../../../case-lifecycle/src/domain/calendar';

export interface CounterfactualInput {
  readonly from: string;
  readonly to: string;
  readonly policy: AlternativePolicy;
  /** Absent: the recorded eligibility. */
  readonly baseline?: AlternativePolicy;
}

const KNOWN_POLICIES: Record<string, AlternativePolicy> = {
  'london-2021': { id: 'london-2021', thresholds: { ...LONDON_2021_ELIGIBILITY_POLICY.thresholds } },
};
const POLICY_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const MAX_YEARS = 25;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function percentage(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(field, 'number', `${field} must be a number`);
  if (value < 0 || value > 100) throw invalid(field, 'percentage-0-100', `${field} must be between 0 and 100`);
  return value;
}

function day(value: unknown, field: string): string {
  if (typeof value !== 'string' || parseDateOnly(value) === undefined) {
    throw invalid(field, 'calendar-date', `${field} must be a real date in the form YYYY-MM-DD`);
  }
  return value;
}

export function parsePolicy(value: unknown, field: string): AlternativePolicy {
  if (typeof value === 'string') {
    const known = KNOWN_POLICIES[value];
    if (known === undefined) {
      throw invalid(
        field,
        'known-policy',
        `${field} names no known policy (known: ${Object.keys(KNOWN_POLICIES).join(', ')})`,
      );
    }
    return known;
  }
  if (!isRecord(value)) throw invalid(field, 'policy', `${field} must be a policy name or an object of thresholds`);
  const id = value.id ?? 'alternative';
  if (typeof id !== 'string' || !POLICY_ID.test(id)) {
    throw invalid(`${field}.id`, 'kebab-case-id', `${field}.id must be a short kebab-case name`);
  }
  const robbery = value.ogrsWithRobberyOrBurglary;
  return {
    id,
    thresholds: {
      ogrsAlone: percentage(value.ogrsAlone, `${field}.ogrsAlone`),
      ogrsWithRobberyOrBurglary:
        robbery === null || robbery === undefined ? null : percentage(robbery, `${field}.ogrsWithRobberyOrBurglary`),
      ovpMinimum: percentage(value.ovpMinimum, `${field}.ovpMinimum`),
    },
  };
}

export function parseCounterfactualInput(body: unknown): CounterfactualInput {
  if (!isRecord(body)) throw invalid('body', 'object', 'the body must be a JSON object');
  const from = day(body.from, 'from');
  const to = day(body.to, 'to');
  if (from > to) throw invalid('from', 'period-order', 'from must not be after to');
  if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > MAX_YEARS) {
    throw invalid('to', `period-at-most-${MAX_YEARS}-years`, `a period may span at most ${MAX_YEARS} years`);
  }
  checkPeriod({ from, to });
  if (body.policy === undefined) throw invalid('policy', 'required', 'policy is required');
  const policy = parsePolicy(body.policy, 'policy');
  const baseline =
    body.baseline === undefined || body.baseline === 'recorded' ? undefined : parsePolicy(body.baseline, 'baseline');
  return { from, to, policy, ...(baseline === undefined ? {} : { baseline }) };
}
