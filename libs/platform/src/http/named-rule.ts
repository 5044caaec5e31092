import { registerDecorator } from 'class-validator';

/** A rule under its own name, so that a client keeps matching on the rule it matched before. */
export const namedRule =
  (name: string, message: string, validate: (value: unknown) => boolean): PropertyDecorator =>
  (target, propertyKey) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyKey),
      options: { message },
      validator: { validate },
    });

/**
 * Names something (rule `not-blank`): a filter of nothing but spaces matched no entry, so an
 * auditor whose form sent an empty field was told nothing happened.
 */
export const IsNotBlank = (): PropertyDecorator =>
  namedRule(
    'not-blank',
    '$property must name what to filter on, not be blank (leave it out to filter on nothing)',
    (value) => typeof value !== 'string' || value.trim() !== '',
  );
