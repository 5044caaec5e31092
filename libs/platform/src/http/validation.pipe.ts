import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { nullCharacterProblems } from './null-characters';
import type { FieldProblem } from './problem';

export class RequestValidationError extends BadRequestException {
  constructor(readonly problems: readonly FieldProblem[]) {
    super({
      message: `request is invalid: ${[...new Set(problems.map((p) => p.field))].join(', ')}`,
      errors: problems,
    });
  }
}

/** Walks class-validator's tree so every failing field is named with its full path (e.g. `person.dateOfBirth`). */
export function flattenValidationErrors(errors: readonly ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field =
      prefix === ''
        ? error.property
        : /^\d+$/.test(error.property)
          ? `${prefix}[${error.property}]`
          : `${prefix}.${error.property}`;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({ field, rule, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * Refuses a body or query holding a null character anywhere. Routes that read the raw request
 * (job uploads) call this themselves, since the pipe never sees what they read.
 */
export function refuseNullCharacters(value: unknown, part: 'body' | 'query'): void {
  // A whole body sent as text (a CSV upload) has no field name of its own.
  const problems = nullCharacterProblems(value).map((p) => (p.field === '' ? { ...p, field: part } : p));
  if (problems.length > 0) throw new RequestValidationError(problems);
}

/** Class-validator's checks, after refusing text with a null character anywhere in a body or query. */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') refuseNullCharacters(value, metadata.type);
    return super.transform(value, metadata);
  }
}

export const createValidationPipe = (): ValidationPipe =>
  new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
