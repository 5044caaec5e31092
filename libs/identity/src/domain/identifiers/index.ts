export {
  IDENTIFIER_KINDS,
  isPlaceholderRefusal,
  PLACEHOLDER_IDENTIFIER_RULE,
  type IdentifierKind,
  type IdentifierValidation,
} from './identifier-validation';
export { validateIdentifier, normaliseIdentifier } from './validate-identifier';
export { validatePnc } from './pnc';
export { validateCro } from './cro';
export { validateNhsNumber } from './nhs-number';
export { validateNoms } from './noms';
export { validateCrn } from './crn';
export { MOD23_ALPHABET, mod23CheckCharacter, nhsCheckDigit } from './check-characters';
