/**
 * An IOM eligibility policy given in configuration (a JSON object), checked field by field so
 * that an operator's mistake stops start-up with the field and the rule it breaks, never a
 * policy half-read. Versions are immutable: every evaluation records the policy id, version and
 * thresholds it applied, so the same id and version with other thresholds would make the log
 * say two different things under one name.
 */
import { LONDON_2021_ELIGIBILITY_POLICY, type IomEligibilityPolicy } from './iom-eligibility';

/** The policies this code knows by id and version; a configured one may not redefine them. */
export const KNOWN_IOM_ELIGIBILITY_POLICIES: readonly IomEligibilityPolicy[] = [LONDON_2021_ELIGIBILITY_POLICY];

const THRESHOLD_FIELDS = ['ogrsAlone', 'ogrsWithRobberyOrBurglary', 'ovpMinimum'] as const;
const POLICY_FIELDS = ['id', 'version', 'title', 'thresholds'];
/** Goes on every evaluation event and in analytics parameters: plain words, no spaces. */
const POLICY_ID = /^[a-z0-9][a-z0-9.-]{0,63}$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const unknownFields = (value: Record<string, unknown>, allowed: readonly string[], where: string): string[] =>
  Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => `${where}${key} is not a policy field (known: ${allowed.join(', ')})`);

function thresholdProblems(raw: unknown): string[] {
  if (!isRecord(raw)) return ['thresholds must be an object with ogrsAlone, ogrsWithRobberyOrBurglary and ovpMinimum'];
  const problems = unknownFields(raw, THRESHOLD_FIELDS, 'thresholds.');
  for (const field of THRESHOLD_FIELDS) {
    const value = raw[field];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
      problems.push(`thresholds.${field} must be a percentage from 0 to 100 (got ${JSON.stringify(value)})`);
    }
  }
  return problems;
}

const sameThresholds = (a: IomEligibilityPolicy['thresholds'], b: IomEligibilityPolicy['thresholds']): boolean =>
  THRESHOLD_FIELDS.every((field) => a[field] === b[field]);

/** A known policy redefined under its own id and version: refused, whatever the title says. */
export function redefinedVersionProblem(
  policy: IomEligibilityPolicy,
  known: readonly IomEligibilityPolicy[] = KNOWN_IOM_ELIGIBILITY_POLICIES,
): string | undefined {
  const same = known.find((k) => k.id === policy.id && k.version === policy.version);
  if (same === undefined || sameThresholds(same.thresholds, policy.thresholds)) return undefined;
  return (
    `version ${policy.version} of ${policy.id} is already defined with thresholds ${JSON.stringify(same.thresholds)}: ` +
    `versions are immutable, give the changed thresholds a new version`
  );
}

/** The policy, or every problem with it (field first, then the rule). */
export function iomPolicyFromConfiguration(
  raw: unknown,
  known: readonly IomEligibilityPolicy[] = KNOWN_IOM_ELIGIBILITY_POLICIES,
): { readonly policy: IomEligibilityPolicy } | { readonly problems: readonly string[] } {
  if (!isRecord(raw)) return { problems: ['the policy must be a JSON object with id, version, title and thresholds'] };
  const problems = unknownFields(raw, POLICY_FIELDS, '');
  const { id, version, title } = raw;
  if (typeof id !== 'string' || !POLICY_ID.test(id)) {
    problems.push(`id must be lower-case letters, digits, dots or dashes, at most 64 (got ${JSON.stringify(id)})`);
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    problems.push(`version must be a whole number from 1 (got ${JSON.stringify(version)})`);
  }
  if (title !== undefined && (typeof title !== 'string' || title.trim() === '')) {
    problems.push('title must be non-blank text when given');
  }
  problems.push(...thresholdProblems(raw.thresholds));
  if (problems.length > 0) return { problems };
  const thresholds = raw.thresholds as IomEligibilityPolicy['thresholds'];
  const policy: IomEligibilityPolicy = {
    id: id as string,
    version: version as number,
    title: typeof title === 'string' ? title.trim() : `${id as string} version ${version as number}`,
    thresholds: {
      ogrsAlone: thresholds.ogrsAlone,
      ogrsWithRobberyOrBurglary: thresholds.ogrsWithRobberyOrBurglary,
      ovpMinimum: thresholds.ovpMinimum,
    },
  };
  const redefined = redefinedVersionProblem(policy, known);
  return redefined === undefined ? { policy } : { problems: [redefined] };
}
