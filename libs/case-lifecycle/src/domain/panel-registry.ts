/**
 * The panel registry: panels are data, not code. A borough runs dozens of panels; a generic one
 * (MASE, gangs/SGV ...) is added by configuration (`PANELS` / `PANELS_FILE`, read by
 * `configuredPanelRegistry`), a panel with rules of its own by an entry here. Only the
 * `rules.kind` selects behaviour, and the kinds are few: `generic` panels use the common
 * lifecycle alone; `marac`, `iom` and `alliance` add their own rules, whose settings (thresholds,
 * policy, follow-up hours) are fields of the entry so that an area can tune them. An area sets the
 * MARAC thresholds, and the chair, lead agency, frequency and contact of all three, by
 * configuration too (`builtInPanelSettings`); their kind, statuses and other rules stay as here.
 */
import { IOM_CURRENT_STATUSES, IOM_EXIT_STATUSES, type IomExitStatus } from './vocabulary/iom';
import { LONDON_2021_ELIGIBILITY_POLICY, type IomEligibilityPolicy } from './rules/iom-eligibility';
import { maracThresholdProblems, SAFELIVES_MARAC_THRESHOLDS } from './rules/marac-thresholds';

export const PANEL_KINDS = ['generic', 'marac', 'iom', 'alliance'] as const;
export type PanelKind = (typeof PANEL_KINDS)[number];

export const PANEL_FREQUENCIES = ['weekly', 'fortnightly', 'monthly', 'six-weekly', 'quarterly', 'as-needed'] as const;
export type PanelFrequency = (typeof PANEL_FREQUENCIES)[number];

export interface StatusDefinition {
  readonly code: string;
  readonly label: string;
}

export interface ExitStatusDefinition extends StatusDefinition {
  /** When true, closing with this status needs free-text detail (e.g. `other`). */
  readonly requiresDetail: boolean;
  /** When true, the exit says the action plan is done: refused while any action is open. */
  readonly planDone?: boolean;
}

export interface GenericPanelRules {
  readonly kind: 'generic';
}

export interface MaracPanelRules {
  readonly kind: 'marac';
  /** DASH risk checklist score at or above which risk is "visible high risk" (SafeLives: 14). */
  readonly dashThreshold: number;
  /** Police callouts in the last 12 months at or above which escalation is suspected (commonly 3). */
  readonly policeCalloutsThreshold: number;
  /** A referral within this many calendar months of the victim's last one is a repeat (SafeLives: 12). */
  readonly repeatWindowMonths: number;
}

export interface IomPanelRules {
  readonly kind: 'iom';
  /** The core-cohort eligibility policy in force; its id and version go on every evaluation. */
  readonly eligibilityPolicy: IomEligibilityPolicy;
}

export interface AlliancePanelRules {
  readonly kind: 'alliance';
  /** Hours after an engagement by which the child must be followed up (the scheme says 24–48). */
  readonly followUpHours: number;
  /** Ages the scheme serves at engagement, inclusive (10–18). */
  readonly minimumAge: number;
  readonly maximumAge: number;
  /** Boroughs whose children the scheme keeps; others are referred to their own MASH. */
  readonly homeBoroughs: readonly string[];
}

export type PanelRules = GenericPanelRules | MaracPanelRules | IomPanelRules | AlliancePanelRules;

/** Whom to ask about a case that another panel sees only as an "also known to" marker. */
export interface PanelContact {
  readonly role: string;
  readonly email: string;
}

export interface PanelDefinition {
  /** Stable code used on streams and events (`MARAC`, `IOM`, `MAPPA` ...). */
  readonly code: string;
  readonly name: string;
  readonly leadAgency: string;
  /** The chair's role (a person's name would go stale). */
  readonly chair: string;
  readonly frequency: PanelFrequency;
  readonly statutory: boolean;
  /** The legislation giving the statutory footing, when there is one. */
  readonly statutoryBasis?: string;
  readonly contact?: PanelContact;
  /** Values `case-status-changed` may take on this panel. */
  readonly currentStatuses: readonly StatusDefinition[];
  /** Values `case-closed` may take on this panel. */
  readonly exitStatuses: readonly ExitStatusDefinition[];
  /**
   * Whether where the people on this panel's cases live stays with the panel: the address and
   * postcode its referrals brought in, and how they compared with other records (the residence
   * match level), are withheld from other panels' readers; the export gives them no postcode
   * district; a subject access report redacts the panel's cases. MARAC's victims, and the children
   * a sexual exploitation panel (MASE) hears about, would be found through them.
   */
  readonly protectsResidence: boolean;
  readonly rules: PanelRules;
}

export interface PanelRegistry {
  readonly panels: readonly PanelDefinition[];
}

/** Narrows a definition to one kind, for code that needs that kind's settings. */
export type PanelDefinitionOf<K extends PanelKind> = PanelDefinition & {
  readonly rules: Extract<PanelRules, { kind: K }>;
};

export function findPanel(registry: PanelRegistry, code: string): PanelDefinition | undefined {
  return registry.panels.find((panel) => panel.code === code);
}

/** The codes of the panels whose people's whereabouts stay with the panel (`protectsResidence`). */
export function residenceProtectingPanels(registry: PanelRegistry): ReadonlySet<string> {
  return new Set(registry.panels.filter((panel) => panel.protectsResidence).map((panel) => panel.code));
}

/**
 * A panel code travels in the token's `panels` claim (32 characters at most), in route paths and
 * in the export's panel list (31 at most), and is compared as typed: upper-case letters, digits
 * and hyphens, 2 to 31 characters, starting with a letter.
 */
export const PANEL_CODE = /^[A-Z][A-Z0-9-]{1,30}$/;
/** Status codes are sent in commands and kept on events: lower-case kebab words. */
export const STATUS_CODE = /^[a-z][a-z0-9-]{0,63}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** One thing wrong with a panel's definition: the field and the rule it breaks. */
export interface PanelProblem {
  readonly field: string;
  readonly rule: string;
}

const blank = (value: string | undefined): boolean => value === undefined || value.trim().length === 0;

function statusProblems(field: string, statuses: readonly StatusDefinition[]): PanelProblem[] {
  if (statuses.length === 0) return [{ field, rule: 'must list at least one status' }];
  const problems: PanelProblem[] = [];
  statuses.forEach((status, index) => {
    if (!STATUS_CODE.test(status.code)) {
      problems.push({
        field: `${field}[${index}].code`,
        rule: `must match ${STATUS_CODE.source} (got "${status.code}")`,
      });
    }
    if (blank(status.label)) problems.push({ field: `${field}[${index}].label`, rule: 'must not be blank' });
  });
  const codes = statuses.map((status) => status.code);
  const twice = codes.filter((code, index) => codes.indexOf(code) !== index);
  if (twice.length > 0) problems.push({ field, rule: `lists ${[...new Set(twice)].join(', ')} twice` });
  return problems;
}

/**
 * What every panel must have whatever its kind, so that it can be reached (code), shown (name,
 * chair, lead agency), scheduled (frequency), justified (statutory basis) and asked (contact).
 */
export function panelFieldProblems(panel: PanelDefinition): PanelProblem[] {
  const problems: PanelProblem[] = [];
  if (!PANEL_CODE.test(panel.code)) {
    problems.push({
      field: 'code',
      rule: `must be 2 to 31 upper-case letters, digits or hyphens starting with a letter (got "${panel.code}")`,
    });
  }
  for (const field of ['name', 'chair', 'leadAgency'] as const) {
    if (blank(panel[field])) problems.push({ field, rule: 'must not be blank' });
  }
  if (!(PANEL_FREQUENCIES as readonly string[]).includes(panel.frequency)) {
    problems.push({
      field: 'frequency',
      rule: `must be one of ${PANEL_FREQUENCIES.join(', ')} (got "${panel.frequency}")`,
    });
  }
  if (panel.statutory && blank(panel.statutoryBasis)) {
    problems.push({ field: 'statutoryBasis', rule: 'is required when statutory is true (the legislation)' });
  }
  if (panel.contact !== undefined) {
    if (blank(panel.contact.role)) problems.push({ field: 'contact.role', rule: 'must not be blank' });
    if (!EMAIL.test(panel.contact.email)) {
      problems.push({ field: 'contact.email', rule: `must be an email address (got "${panel.contact.email}")` });
    }
  }
  problems.push(...statusProblems('currentStatuses', panel.currentStatuses));
  problems.push(...statusProblems('exitStatuses', panel.exitStatuses));
  return problems;
}

function configurationProblems(panel: PanelDefinition): string[] {
  const where = `panel ${panel.code}`;
  const problems = panelFieldProblems(panel).map((problem) => `${where}: ${problem.field} ${problem.rule}`);
  const rules = panel.rules;
  switch (rules.kind) {
    case 'generic':
      break;
    case 'marac':
      // A MARAC referral carries a victim's address: a second MARAC must keep it as the first does.
      if (!panel.protectsResidence) problems.push(`${where}: protectsResidence must be true for a marac panel`);
      problems.push(...maracThresholdProblems(rules).map((problem) => `${where}: ${problem.field} ${problem.rule}`));
      break;
    case 'iom': {
      const t = rules.eligibilityPolicy.thresholds;
      if (t.ogrsWithRobberyOrBurglary > t.ogrsAlone) {
        problems.push(
          `${where}: thresholds.ogrsWithRobberyOrBurglary (${t.ogrsWithRobberyOrBurglary}) must not exceed thresholds.ogrsAlone (${t.ogrsAlone})`,
        );
      }
      break;
    }
    case 'alliance':
      if (!(rules.followUpHours > 0)) problems.push(`${where}: followUpHours must be positive`);
      if (rules.minimumAge > rules.maximumAge) problems.push(`${where}: minimumAge above maximumAge`);
      break;
    default: {
      const unexpected: never = rules;
      problems.push(`${where}: unknown rules ${JSON.stringify(unexpected)}`);
    }
  }
  return problems;
}

/**
 * Builds a registry, refusing one that could not work (duplicate codes, a code no token or route
 * could carry, empty status lists, inverted thresholds). Throws a plain Error for the built-in
 * entries, a programming mistake; `configuredPanelRegistry` checks configured panels first and
 * reports them as a `ConfigError` naming the setting.
 */
export function definePanelRegistry(panels: readonly PanelDefinition[]): PanelRegistry {
  const problems = panels.flatMap(configurationProblems);
  const codes = panels.map((panel) => panel.code);
  const duplicates = codes.filter((code, index) => codes.indexOf(code) !== index);
  if (duplicates.length > 0) problems.push(`duplicate panel codes: ${[...new Set(duplicates)].join(', ')}`);
  if (problems.length > 0) throw new Error(`invalid panel registry: ${problems.join('; ')}`);
  return { panels: [...panels] };
}

const other: ExitStatusDefinition = { code: 'other', label: 'Other (explain)', requiresDetail: true };

const IOM_EXIT_LABELS: Record<IomExitStatus, string> = {
  success: 'Success: risk manageable without IOM',
  'moved-out-of-area': 'Moved out of area',
  death: 'Death',
  'long-custodial-sentence': 'New long custodial sentence',
  other: 'Other (explain)',
};

export const IOM_PANEL: PanelDefinition = {
  code: 'IOM',
  name: 'Integrated Offender Management',
  leadAgency: 'police-and-probation',
  chair: 'IOM police inspector and probation senior manager',
  contact: { role: 'IOM single point of contact', email: 'iom@partnership.example.org' },
  frequency: 'monthly',
  statutory: false,
  currentStatuses: IOM_CURRENT_STATUSES.map((code) => ({ code, label: code.replace(/-/g, ' ') })),
  exitStatuses: IOM_EXIT_STATUSES.map((code) => ({
    code,
    label: IOM_EXIT_LABELS[code],
    requiresDetail: code === 'other',
  })),
  protectsResidence: false,
  rules: { kind: 'iom', eligibilityPolicy: LONDON_2021_ELIGIBILITY_POLICY },
};

export const MARAC_PANEL: PanelDefinition = {
  code: 'MARAC',
  name: 'Multi-Agency Risk Assessment Conference',
  leadAgency: 'police',
  chair: 'Detective inspector, public protection',
  contact: { role: 'MARAC coordinator', email: 'marac@partnership.example.org' },
  frequency: 'monthly',
  statutory: false,
  currentStatuses: [
    { code: 'awaiting-meeting', label: 'Awaiting meeting' },
    { code: 'action-plan-in-progress', label: 'Action plan in progress' },
    { code: 'idva-support', label: 'Supported by an IDVA' },
  ],
  exitStatuses: [
    { code: 'action-plan-completed', label: 'Action plan completed', requiresDetail: false, planDone: true },
    { code: 'transferred-to-another-marac', label: 'Transferred to another MARAC', requiresDetail: false },
    { code: 'moved-out-of-area', label: 'Moved out of area', requiresDetail: false },
    { code: 'death', label: 'Death', requiresDetail: false },
    other,
  ],
  protectsResidence: true,
  rules: { kind: 'marac', ...SAFELIVES_MARAC_THRESHOLDS },
};

export const ALLIANCE_PANEL: PanelDefinition = {
  code: 'ALLIANCE',
  name: 'Operation Alliance: custody-suite diversion for children',
  leadAgency: 'youth-outreach',
  chair: 'Operation Alliance coordinator',
  contact: { role: 'Operation Alliance coordinator', email: 'alliance@partnership.example.org' },
  frequency: 'as-needed',
  statutory: false,
  currentStatuses: [
    { code: 'in-custody', label: 'In custody' },
    { code: 'released-awaiting-follow-up', label: 'Released, awaiting follow-up' },
    { code: 'in-intervention', label: 'In a diversionary intervention' },
    { code: 'not-engaging', label: 'Not engaging' },
  ],
  exitStatuses: [
    { code: 'diversion-completed', label: 'Diversionary intervention completed', requiresDetail: false },
    { code: 'disengaged', label: 'Disengaged', requiresDetail: false },
    { code: 'referred-to-local-mash', label: 'Referred to local MASH (out of area)', requiresDetail: false },
    { code: 'transferred-to-yos', label: 'Transferred to the Youth Offending Service', requiresDetail: false },
    other,
  ],
  protectsResidence: false,
  rules: {
    kind: 'alliance',
    followUpHours: 48,
    minimumAge: 10,
    maximumAge: 18,
    homeBoroughs: ['Enfield', 'Haringey'],
  },
};

/** Statuses for panels that use only the common lifecycle. */
const GENERIC_CURRENT_STATUSES: readonly StatusDefinition[] = [
  { code: 'active', label: 'Active' },
  { code: 'on-hold', label: 'On hold' },
  { code: 'in-custody', label: 'In custody' },
  { code: 'whereabouts-unknown', label: 'Whereabouts unknown' },
];

const GENERIC_EXIT_STATUSES: readonly ExitStatusDefinition[] = [
  { code: 'objectives-met', label: 'Objectives met', requiresDetail: false, planDone: true },
  { code: 'risk-reduced', label: 'Risk reduced: manageable by a single agency', requiresDetail: false },
  { code: 'transferred-to-another-panel', label: 'Transferred to another panel', requiresDetail: false },
  { code: 'moved-out-of-area', label: 'Moved out of area', requiresDetail: false },
  { code: 'death', label: 'Death', requiresDetail: false },
  other,
];

/**
 * A panel that uses only the common lifecycle: the template for adding panels by configuration.
 * It does not protect residence unless told to: MAPPA, Channel and YOS risk panels share an
 * offender's address with partners who manage the risk, as they always have.
 */
export function genericPanel(
  fields: Pick<PanelDefinition, 'code' | 'name' | 'leadAgency' | 'chair' | 'frequency' | 'statutory'> &
    Partial<
      Pick<PanelDefinition, 'statutoryBasis' | 'contact' | 'currentStatuses' | 'exitStatuses' | 'protectsResidence'>
    >,
): PanelDefinition {
  return {
    currentStatuses: GENERIC_CURRENT_STATUSES,
    exitStatuses: GENERIC_EXIT_STATUSES,
    protectsResidence: false,
    ...fields,
    rules: { kind: 'generic' },
  };
}

export const MAPPA_PANEL = genericPanel({
  code: 'MAPPA',
  name: 'Multi-Agency Public Protection Arrangements (level 2/3)',
  leadAgency: 'probation',
  chair: 'Probation senior manager',
  contact: { role: 'MAPPA coordinator', email: 'mappa@partnership.example.org' },
  frequency: 'monthly',
  statutory: true,
  statutoryBasis: 'Criminal Justice Act 2003 ss325–327',
});

export const CHANNEL_PANEL = genericPanel({
  code: 'CHANNEL',
  name: 'Channel panel',
  leadAgency: 'council',
  chair: 'Local authority Prevent lead',
  contact: { role: 'Channel panel coordinator', email: 'channel@partnership.example.org' },
  frequency: 'monthly',
  statutory: true,
  statutoryBasis: 'Counter-Terrorism and Security Act 2015 s41',
});

export const YOS_RISK_PANEL = genericPanel({
  code: 'YOS-RISK',
  name: 'Youth Offending Service risk panel',
  leadAgency: 'youth-offending-service',
  chair: 'YOS operational manager',
  contact: { role: 'YOS risk panel coordinator', email: 'yos-risk@partnership.example.org' },
  frequency: 'fortnightly',
  statutory: false,
});

export const DEFAULT_PANEL_REGISTRY: PanelRegistry = definePanelRegistry([
  IOM_PANEL,
  MARAC_PANEL,
  ALLIANCE_PANEL,
  MAPPA_PANEL,
  CHANNEL_PANEL,
  YOS_RISK_PANEL,
]);

/** The default registry with another IOM eligibility policy in force, checked as any registry is. */
export function panelRegistryWithIomPolicy(policy: IomEligibilityPolicy): PanelRegistry {
  return definePanelRegistry(
    DEFAULT_PANEL_REGISTRY.panels.map((panel) =>
      panel.rules.kind === 'iom' ? { ...panel, rules: { ...panel.rules, eligibilityPolicy: policy } } : panel,
    ),
  );
}
