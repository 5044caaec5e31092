/**
 * The counterfactual job's input, checked field by field (400 naming the field and the rule).
 *
 * ```json
 * { "from": "2024-01-01", "to": "2024-12-31",
 *   "policy": { "id": "any-ovp", "ogrsAlone": 75, "ogrsWithRobberyOrBurglary": 50, "ovpMinimum": 0 },
 *   "baseline": "recorded" }
 * ```
 * `policy` and `baseline` may also name a policy: the one in force by its id (the configured
 * version, as referrals and imports apply it), or another this code knows (`"london-2021"` is v1
 * unless a later version of it is in force). `baseline` defaults to `"recorded"`, the eligibility
 * stored on each evaluation. `ogrsWithRobberyOrBurglary: null` turns that route off.
 */
import { invalid } from '../../../command-handling/src/rejections';
import type { IomEligibilityPolicy } from '../../../case-lifecycle/src/domain/rules/iom-eligibility';
import { KNOWN_IOM_ELIGIBILITY_POLICIES } from '../../../case-lifecycle/src/domain/rules/iom-policy-configuration';
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

export type NamedPolicies = Readonly<Record<string, AlternativePolicy>>;

/**
 * The policies a request may name. The one in force comes last so that its id means the version
 * the process judges with: the application passes it in, this module reads no configuration.
 */
export function namedPolicies(inForce: IomEligibilityPolicy): NamedPolicies {
  const named: Record<string, AlternativePolicy> = {};
  for (const policy of [...KNOWN_IOM_ELIGIBILITY_POLICIES, inForce]) {
    named[policy.id] = { id: policy.id, thresholds: { ...policy.thresholds } };
  }
  return named;
}
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

export function parsePolicy(value: unknown, field: string, named: NamedPolicies): AlternativePolicy {
  if (typeof value === 'string') {
    const known = Object.hasOwn(named, value) ? named[value] : undefined;
    if (known === undefined) {
      throw invalid(field, 'known-policy', `${field} names no known policy (known: ${Object.keys(named).join(', ')})`);
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

/** `inForce`: the IOM eligibility policy of the panel registry in force, which names resolve to. */
export function parseCounterfactualInput(body: unknown, inForce: IomEligibilityPolicy): CounterfactualInput {
  if (!isRecord(body)) throw invalid('body', 'object', 'the body must be a JSON object');
  const from = day(body.from, 'from');
  const to = day(body.to, 'to');
  if (from > to) throw invalid('from', 'period-order', 'from must not be after to');
  if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > MAX_YEARS) {
    throw invalid('to', `period-at-most-${MAX_YEARS}-years`, `a period may span at most ${MAX_YEARS} years`);
  }
  checkPeriod({ from, to });
  if (body.policy === undefined) throw invalid('policy', 'required', 'policy is required');
  const named = namedPolicies(inForce);
  const policy = parsePolicy(body.policy, 'policy', named);
  const baseline =
    body.baseline === undefined || body.baseline === 'recorded'
      ? undefined
      : parsePolicy(body.baseline, 'baseline', named);
  return { from, to, policy, ...(baseline === undefined ? {} : { baseline }) };
}
