import { registerDecorator, type ValidationOptions } from 'class-validator';
import { validateIdentifier, type IdentifierKind } from '../../../../identity/src/domain/identifiers';

/** PNC and CRO check characters, NHS modulus 11, NOMS and CRN formats: a bad identifier is a 400 naming the field. */
export function IsValidIdentifier(kind: IdentifierKind, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name: `isValid-${kind}`,
      target: target.constructor,
      propertyName: String(propertyKey),
      options: {
        message: (args) => {
          const result = validateIdentifier(kind, String(args.value));
          return result.ok ? '' : `${String(propertyKey)}: ${result.message}`;
        },
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && validateIdentifier(kind, value).ok },
    });
}
