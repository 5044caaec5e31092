import type { Principal } from '../../../platform/src/auth/principal';

/**
 * The panels whose content the reader asked to have left in (`redactMarac=false`): those they sit
 * on. A protecting panel's content (MARAC's, a configured MASE's) stays with its members, so
 * asking gives a member of one panel that panel's content and no other's, and a non-member none.
 */
export function panelsReleased(requested: unknown, reader: Pick<Principal, 'panels'>): ReadonlySet<string> {
  return new Set(requested === 'false' ? reader.panels.map((panel) => panel.toUpperCase()) : []);
}
