/**
 * An intervention's kind read from its free-text type, where none was given: the MARAC tracker's
 * IDVA column must not list a supported victim as unsupported because the practitioner typed the
 * role's name instead of choosing the kind.
 */
import type { InterventionKind } from '../vocabulary/common';

/**
 * "IDVA", "Idvas", and the name spelled out: SafeLives and the Home Office say "Independent
 * Domestic Violence Adviser" (or Advisor), the domain brief "advocate"; services say "abuse" too.
 * Whole words, so that a type which merely contains the letters ("Kidvantage", an "Advisory
 * board") is not taken for an IDVA.
 */
const NAMES_AN_IDVA = /\bidvas?\b|\bindependent\s+domestic\s+(violence|abuse)\s+(advis(e|o)rs?|advoca(te|tes|cy))\b/i;

export const namesAnIdva = (interventionType: string): boolean => NAMES_AN_IDVA.test(interventionType);

/** The kind given, else `idva` when the type names one, else none. */
export function interventionKindOf(
  interventionType: string,
  given: InterventionKind | undefined,
): InterventionKind | undefined {
  if (given !== undefined) return given;
  return namesAnIdva(interventionType) ? 'idva' : undefined;
}
