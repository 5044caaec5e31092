import {
  IDENTIFIER_KIND_OF_FIELD,
  type PersonIdentifiers,
} from '../../../../case-lifecycle/src/domain/events/person-events';
import { normaliseIdentifier, type IdentifierKind } from '../identifiers';

const KINDS = Object.entries(IDENTIFIER_KIND_OF_FIELD) as readonly (readonly [
  keyof PersonIdentifiers,
  IdentifierKind,
])[];

/** Every valid value of each kind one person's records carry, in canonical form. */
function valuesByKind(records: readonly PersonIdentifiers[]): Map<IdentifierKind, Set<string>> {
  const values = new Map<IdentifierKind, Set<string>>();
  for (const identifiers of records) {
    for (const [field, kind] of KINDS) {
      const value = normaliseIdentifier(kind, identifiers[field]);
      if (value === undefined) continue;
      values.set(kind, (values.get(kind) ?? new Set<string>()).add(value));
    }
  }
  return values;
}

/**
 * The identifier kinds on which two people disagree: both carry valid values of the kind and
 * share none. Two different PNC IDs (or NHS numbers ...) are two people, whatever the names say,
 * so no merge may make them one; a value one of them was merely never recorded with is no
 * disagreement.
 */
export function conflictingIdentifierKinds(
  a: readonly PersonIdentifiers[],
  b: readonly PersonIdentifiers[],
): IdentifierKind[] {
  const ofA = valuesByKind(a);
  const ofB = valuesByKind(b);
  return KINDS.map(([, kind]) => kind).filter((kind) => {
    const x = ofA.get(kind);
    const y = ofB.get(kind);
    return x !== undefined && y !== undefined && ![...x].some((value) => y.has(value));
  });
}

/** Each valid value the records carry, as `kind:value` in canonical form: equal keys are one value of one kind. */
export function identifierKeys(records: readonly PersonIdentifiers[]): string[] {
  return [...valuesByKind(records)].flatMap(([kind, values]) => [...values].map((value) => `${kind}:${value}`));
}

/** The identifier kinds of which the two carry one valid value (compared in canonical form). */
export function sharedIdentifierKinds(
  a: readonly PersonIdentifiers[],
  b: readonly PersonIdentifiers[],
): IdentifierKind[] {
  const ofB = valuesByKind(b);
  return [...valuesByKind(a)]
    .filter(([kind, values]) => [...values].some((value) => ofB.get(kind)?.has(value)))
    .map(([kind]) => kind);
}
