import type { Provider } from '@nestjs/common';
import { APP_CONFIG, ConfigError, type AppConfig, type ConfiguredValue } from '../../../platform/src/config/app-config';
import {
  DEFAULT_PANEL_REGISTRY,
  definePanelRegistry,
  genericPanel,
  iomPolicyFromConfiguration,
  panelFieldProblems,
  panelRegistryWithIomPolicy,
  type ExitStatusDefinition,
  type PanelDefinition,
  type PanelRegistry,
  type StatusDefinition,
} from '../domain';
import { builtInPanelSettings, contactFrom, isRecord } from './built-in-panel-settings';

/** The one panel registry of a running process: every decider and route that judges takes it. */
export const PANEL_REGISTRY = Symbol('PanelRegistry');

/** Configured panels are generic: their settings are the generic panel's fields, nothing else. */
const PANEL_FIELDS = [
  'code',
  'name',
  'leadAgency',
  'chair',
  'frequency',
  'statutory',
  'statutoryBasis',
  'contact',
  'currentStatuses',
  'exitStatuses',
  'protectsResidence',
] as const;
const TEXT_FIELDS = ['code', 'name', 'leadAgency', 'chair', 'frequency'] as const;

/** Each problem as `field rule`; a list that is not an array of objects is one problem. */
function statusesFrom(
  field: 'currentStatuses' | 'exitStatuses',
  raw: unknown,
  problems: string[],
): ExitStatusDefinition[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw) || !raw.every(isRecord)) {
    problems.push(`${field} must be a list of { "code", "label" } objects`);
    return undefined;
  }
  const allowed = field === 'exitStatuses' ? ['code', 'label', 'requiresDetail', 'planDone'] : ['code', 'label'];
  return raw.map((status, index) => {
    const where = `${field}[${index}]`;
    for (const key of Object.keys(status)) {
      if (!allowed.includes(key)) problems.push(`${where}.${key} is not a status setting (${allowed.join(', ')})`);
    }
    for (const key of ['code', 'label'] as const) {
      if (typeof status[key] !== 'string') problems.push(`${where}.${key} must be text`);
    }
    for (const key of ['requiresDetail', 'planDone'] as const) {
      if (status[key] !== undefined && typeof status[key] !== 'boolean') {
        problems.push(`${where}.${key} must be true or false`);
      }
    }
    return {
      code: String(status.code),
      label: String(status.label),
      requiresDetail: status.requiresDetail === true,
      ...(status.planDone === true ? { planDone: true } : {}),
    };
  });
}

/** The panel, or its problems (field, then rule), judged as any panel is once its shape is right. */
function panelFrom(raw: unknown): { panel?: PanelDefinition; problems: string[] } {
  if (!isRecord(raw))
    return { problems: ['must be a JSON object with code, name, leadAgency, chair, frequency, statutory'] };
  const problems: string[] = [];
  for (const key of Object.keys(raw)) {
    if (!(PANEL_FIELDS as readonly string[]).includes(key)) {
      problems.push(`${key} is not a panel setting (configured panels are generic: ${PANEL_FIELDS.join(', ')})`);
    }
  }
  for (const field of TEXT_FIELDS) if (typeof raw[field] !== 'string') problems.push(`${field} must be text`);
  if (typeof raw.statutory !== 'boolean') problems.push('statutory must be true or false');
  if (raw.statutoryBasis !== undefined && typeof raw.statutoryBasis !== 'string') {
    problems.push('statutoryBasis must be text');
  }
  if (raw.protectsResidence !== undefined && typeof raw.protectsResidence !== 'boolean') {
    problems.push('protectsResidence must be true or false');
  }
  const contact = contactFrom(raw.contact, problems);
  const currentStatuses: StatusDefinition[] | undefined = statusesFrom(
    'currentStatuses',
    raw.currentStatuses,
    problems,
  )?.map(({ code, label }) => ({ code, label }));
  const exitStatuses = statusesFrom('exitStatuses', raw.exitStatuses, problems);
  if (problems.length > 0) return { problems };
  const panel = genericPanel({
    code: raw.code as string,
    name: (raw.name as string).trim(),
    leadAgency: (raw.leadAgency as string).trim(),
    chair: (raw.chair as string).trim(),
    frequency: raw.frequency as PanelDefinition['frequency'],
    statutory: raw.statutory as boolean,
    ...(raw.statutoryBasis === undefined ? {} : { statutoryBasis: (raw.statutoryBasis as string).trim() }),
    ...(contact === undefined ? {} : { contact }),
    ...(currentStatuses === undefined ? {} : { currentStatuses }),
    ...(exitStatuses === undefined ? {} : { exitStatuses }),
    ...(raw.protectsResidence === true ? { protectsResidence: true } : {}),
  });
  return { panel, problems: panelFieldProblems(panel).map((problem) => `${problem.field} ${problem.rule}`) };
}

/**
 * `PANELS` / `PANELS_FILE`: a JSON list of generic panels added to the built-in ones. A built-in
 * generic panel (MAPPA, CHANNEL, YOS-RISK) may be redefined, so an area gives it its own chair and
 * contact; an entry for IOM, MARAC or ALLIANCE sets only what `builtInPanelSettings` allows, since
 * their rules are code. Every problem names the setting, the entry (index and code), the field and
 * the rule.
 */
export function panelsFromConfiguration(
  configured: ConfiguredValue,
  builtIn: PanelRegistry,
): { readonly panels: readonly PanelDefinition[] } | { readonly problems: readonly string[] } {
  if (!Array.isArray(configured.value)) {
    return { problems: [`${configured.source} must be a JSON list of panels, e.g. [{ "code": "MASE", ... }]`] };
  }
  const problems: string[] = [];
  const panels: PanelDefinition[] = [];
  const firstAt = new Map<string, number>();
  configured.value.forEach((raw, index) => {
    const code = isRecord(raw) && typeof raw.code === 'string' ? raw.code : undefined;
    const where = `${configured.source}: panels[${index}]${code === undefined ? '' : ` (${code})`}`;
    const special = builtIn.panels.find((panel) => panel.code === code && panel.rules.kind !== 'generic');
    const read = special !== undefined && isRecord(raw) ? builtInPanelSettings(raw, special) : panelFrom(raw);
    problems.push(...read.problems.map((problem) => `${where} ${problem}`));
    if (code === undefined) return;
    const earlier = firstAt.get(code);
    if (earlier !== undefined) problems.push(`${where} code ${code} is configured twice (also panels[${earlier}])`);
    else firstAt.set(code, index);
    if (read.panel !== undefined && read.problems.length === 0) panels.push(read.panel);
  });
  return problems.length > 0 ? { problems } : { panels };
}

function withConfiguredPanels(registry: PanelRegistry, configured: readonly PanelDefinition[]): PanelRegistry {
  const byCode = new Map(configured.map((panel) => [panel.code, panel]));
  const kept = registry.panels.map((panel) => byCode.get(panel.code) ?? panel);
  const added = configured.filter((panel) => !registry.panels.some((builtIn) => builtIn.code === panel.code));
  return definePanelRegistry([...kept, ...added]);
}

function iomPolicyRegistry(configured: ConfiguredValue | undefined): PanelRegistry {
  if (configured === undefined) return DEFAULT_PANEL_REGISTRY;
  const read = iomPolicyFromConfiguration(configured.value);
  if ('problems' in read) throw new ConfigError(read.problems.map((problem) => `${configured.source}: ${problem}`));
  try {
    return panelRegistryWithIomPolicy(read.policy);
  } catch (error) {
    throw new ConfigError([`${configured.source}: ${(error as Error).message}`]);
  }
}

/**
 * The built-in registry, with the configured IOM eligibility policy and the configured panels in
 * force. Anything malformed is a `ConfigError` naming the setting, the panel, the field and the
 * rule: the process does not start.
 */
export function configuredPanelRegistry(config: Pick<AppConfig, 'iomEligibilityPolicy' | 'panels'>): PanelRegistry {
  const registry = iomPolicyRegistry(config.iomEligibilityPolicy);
  const configured = config.panels;
  if (configured === undefined) return registry;
  const read = panelsFromConfiguration(configured, registry);
  if ('problems' in read) throw new ConfigError(read.problems);
  try {
    return withConfiguredPanels(registry, read.panels);
  } catch (error) {
    throw new ConfigError([`${configured.source}: ${(error as Error).message}`]);
  }
}

const inForce = new WeakMap<object, PanelRegistry>();

/**
 * The registry of this process's configuration, built once: every module that provides
 * PANEL_REGISTRY, and a context that reads it straight from APP_CONFIG (identity, audit), holds
 * the same one.
 */
export function panelRegistryInForce(config: Pick<AppConfig, 'iomEligibilityPolicy' | 'panels'>): PanelRegistry {
  const built = inForce.get(config) ?? configuredPanelRegistry(config);
  inForce.set(config, built);
  return built;
}

export const panelRegistryProvider: Provider = {
  provide: PANEL_REGISTRY,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): PanelRegistry => panelRegistryInForce(config),
};
