import type { InterventionKind, InterventionStatus } from '../domain';
import { namesAnIdva } from '../domain/rules/intervention-kind';

/**
 * IDVA (independent domestic violence advocate) support, as the MARAC tracker shows it. An
 * intervention arranged with `kind: 'idva'` is IDVA support; one arranged without a kind (before
 * kinds existed, or before the route read the kind from the type) is read by its free-text type
 * ("IDVA support", "Idvas", "Independent Domestic Violence Adviser/Advisor/Advocate"). The case's
 * IDVA column is the most current of those interventions' statuses.
 */
export type IdvaSupport = InterventionStatus;

/**
 * Most current first: support under way, then support still to come, then support had, then
 * support refused. A victim with any advocate working with her now shows as supported, however
 * many earlier arrangements ended or were declined.
 */
export const IDVA_SUPPORT_PRECEDENCE = [
  'started',
  'arranged',
  'completed',
  'declined',
] as const satisfies readonly IdvaSupport[];

export const isIdvaSupport = (interventionType: string, kind?: InterventionKind): boolean =>
  kind === 'idva' || namesAnIdva(interventionType);

/** The most current of the statuses, in whatever order they come; null when none is recorded. */
export function idvaSupport(statuses: Iterable<InterventionStatus>): IdvaSupport | null {
  let mostCurrent: number = IDVA_SUPPORT_PRECEDENCE.length;
  for (const status of statuses) mostCurrent = Math.min(mostCurrent, IDVA_SUPPORT_PRECEDENCE.indexOf(status));
  return IDVA_SUPPORT_PRECEDENCE[mostCurrent] ?? null;
}
