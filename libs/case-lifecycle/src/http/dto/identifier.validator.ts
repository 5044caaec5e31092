import { registerDecorator, type ValidationOptions } from 'class-validator';
import {
  isPlaceholderRefusal,
  PLACEHOLDER_IDENTIFIER_RULE,
  validateIdentifier,
  type IdentifierKind,
} from '../../../../identity/src/domain/identifiers';

/** Undefined when the value is no text: `isValid-<kind>` refuses that, not the placeholder rule. */
const checked = (kind: IdentifierKind, value: unknown) =>
  typeof value === 'string' ? validateIdentifier(kind, value) : undefined;

/**
 * PNC and CRO check characters, NHS modulus 11, NOMS and CRN formats: a bad identifier is a 400
 * naming the field (rule `isValid-<kind>`). A value that passes its check but is a placeholder
 * gets its own rule, so a client can tell "mistyped" from "leave it out".
 */
export function IsValidIdentifier(kind: IdentifierKind, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyKey) => {
    const field = String(propertyKey);
    const messageOf = (value: unknown): string => {
      const result = validateIdentifier(kind, String(value));
      return result.ok ? '' : `${field}: ${result.message}`;
    };
    const rule = (name: string, passes: (result: ReturnType<typeof checked>) => boolean): void =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: field,
        options: { message: (args) => messageOf(args.value), ...options },
        validator: { validate: (value: unknown) => passes(checked(kind, value)) },
      });
    rule(`isValid-${kind}`, (result) => result !== undefined && (result.ok || isPlaceholderRefusal(result)));
    rule(PLACEHOLDER_IDENTIFIER_RULE, (result) => result === undefined || !isPlaceholderRefusal(result));
  };
}
