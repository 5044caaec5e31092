import type { Provider } from '@nestjs/common';
import { APP_CONFIG, ConfigError, type AppConfig } from '../../../platform/src/config/app-config';
import {
  DEFAULT_PANEL_REGISTRY,
  iomPolicyFromConfiguration,
  panelRegistryWithIomPolicy,
  type PanelRegistry,
} from '../domain';

/** The one panel registry of a running process: every decider and route that judges takes it. */
export const PANEL_REGISTRY = Symbol('PanelRegistry');

/**
 * The default registry, with the configured IOM eligibility policy in force when one is set.
 * A policy that is malformed, inverts its thresholds or redefines a known version is a
 * `ConfigError` naming the setting, the field and the rule: the process does not start.
 */
export function configuredPanelRegistry(config: Pick<AppConfig, 'iomEligibilityPolicy'>): PanelRegistry {
  const configured = config.iomEligibilityPolicy;
  if (configured === undefined) return DEFAULT_PANEL_REGISTRY;
  const read = iomPolicyFromConfiguration(configured.value);
  if ('problems' in read) throw new ConfigError(read.problems.map((problem) => `${configured.source}: ${problem}`));
  try {
    return panelRegistryWithIomPolicy(read.policy);
  } catch (error) {
    throw new ConfigError([`${configured.source}: ${(error as Error).message}`]);
  }
}

export const panelRegistryProvider: Provider = {
  provide: PANEL_REGISTRY,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): PanelRegistry => configuredPanelRegistry(config),
};
