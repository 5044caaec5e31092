import { validateCrn } from './crn';
import { validateCro } from './cro';
import type { IdentifierKind, IdentifierValidation } from './identifier-validation';
import { validateNhsNumber } from './nhs-number';
import { validateNoms } from './noms';
import { validatePnc } from './pnc';

const VALIDATORS: Readonly<Record<IdentifierKind, (value: string) => IdentifierValidation>> = {
  pnc: validatePnc,
  cro: validateCro,
  nhsNumber: validateNhsNumber,
  noms: validateNoms,
  crn: validateCrn,
};

/**
 * Validates an identifier and returns its canonical form, the only form two values should be
 * compared in (`1979/0163001B` and `79/163001B` are the same PNC ID).
 */
export function validateIdentifier(kind: IdentifierKind, value: string): IdentifierValidation {
  return VALIDATORS[kind](value);
}

/**
 * The canonical form, or `undefined` when the value is absent or invalid. Null or a non-text value
 * (JSON has no undefined; an event recorded before the checks) is no identifier, never a crash.
 */
export function normaliseIdentifier(kind: IdentifierKind, value: string | null | undefined): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const result = validateIdentifier(kind, value);
  return result.ok ? result.normalised : undefined;
}
