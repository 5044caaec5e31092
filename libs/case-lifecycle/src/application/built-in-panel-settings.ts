import {
  MARAC_THRESHOLD_FIELDS,
  maracThresholdProblems,
  panelFieldProblems,
  type MaracThresholdField,
  type PanelContact,
  type PanelDefinition,
} from '../domain';

type Json = Readonly<Record<string, unknown>>;
export const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const CONTACT_FIELDS = ['role', 'email'];

/**
 * A configured `contact`, or undefined after noting why it is not one; absent is no problem. A
 * field it does not take (a phone number) is refused: nothing would show it.
 */
export function contactFrom(raw: unknown, problems: string[]): PanelContact | undefined {
  if (raw === undefined) return undefined;
  if (!(isRecord(raw) && typeof raw.role === 'string' && typeof raw.email === 'string')) {
    problems.push('contact must be { "role", "email" } (both text)');
    return undefined;
  }
  const unknown = Object.keys(raw).filter((key) => !CONTACT_FIELDS.includes(key));
  for (const key of unknown)
    problems.push(`contact.${key} is not a contact setting: a contact takes ${CONTACT_FIELDS.join(', ')}`);
  return unknown.length > 0 ? undefined : { role: raw.role.trim(), email: raw.email.trim() };
}

/** What a partnership runs its own way on any panel: who chairs and leads it, how often, whom to ask. */
const COMMON_SETTINGS = ['chair', 'leadAgency', 'frequency', 'contact'] as const;
const TEXT_SETTINGS = ['chair', 'leadAgency', 'frequency'] as const;

function settingsOf(panel: PanelDefinition): readonly string[] {
  return panel.rules.kind === 'marac' ? [...COMMON_SETTINGS, ...MARAC_THRESHOLD_FIELDS] : COMMON_SETTINGS;
}

function notASetting(key: string, panel: PanelDefinition): string {
  const policy = panel.rules.kind === 'iom' ? '; its eligibility policy is IOM_ELIGIBILITY_POLICY' : '';
  return (
    `${key} is not a setting of the built-in ${panel.code} panel: it takes ${settingsOf(panel).join(', ')} ` +
    `(its kind, name, statuses and rules are code${policy})`
  );
}

/**
 * A `PANELS` entry naming IOM, MARAC or ALLIANCE: the area's chair, lead agency, frequency and
 * contact, and MARAC's referral thresholds, over the built-in panel. The kind, name, statuses,
 * residence protection and other rules stay built in, since code decides by them; each problem
 * is the field and the rule it breaks.
 */
export function builtInPanelSettings(
  raw: Json,
  builtIn: PanelDefinition,
): { panel?: PanelDefinition; problems: string[] } {
  const allowed = settingsOf(builtIn);
  const problems = Object.keys(raw)
    .filter((key) => key !== 'code' && !allowed.includes(key))
    .map((key) => notASetting(key, builtIn));
  for (const field of TEXT_SETTINGS) {
    if (raw[field] !== undefined && typeof raw[field] !== 'string') problems.push(`${field} must be text`);
  }
  const contact = contactFrom(raw.contact, problems);
  const thresholds: Partial<Record<MaracThresholdField, unknown>> = Object.fromEntries(
    MARAC_THRESHOLD_FIELDS.filter((field) => field in raw).map((field) => [field, raw[field]]),
  );
  if (builtIn.rules.kind === 'marac') {
    problems.push(...maracThresholdProblems(thresholds).map((problem) => `${problem.field} ${problem.rule}`));
  }
  if (problems.length > 0) return { problems };
  const text = Object.fromEntries(
    TEXT_SETTINGS.filter((field) => typeof raw[field] === 'string').map((field) => [
      field,
      (raw[field] as string).trim(),
    ]),
  );
  const panel = {
    ...builtIn,
    ...text,
    ...(contact === undefined ? {} : { contact }),
    rules: builtIn.rules.kind === 'marac' ? { ...builtIn.rules, ...thresholds } : builtIn.rules,
  } as PanelDefinition;
  return { panel, problems: panelFieldProblems(panel).map((problem) => `${problem.field} ${problem.rule}`) };
}
