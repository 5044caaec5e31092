import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { nullCharacterProblems } from './null-characters';
import type { FieldProblem } from './problem';
import { prototypeKeyProblems } from './prototype-keys';

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
 * A query parameter's problem says it is one, since the same name could be a body field; the
 * parameter a route reads on its own (`@Query('anchor')`) is named as the client sent it.
 */
const inQuery = (p: FieldProblem): FieldProblem =>
  p.rule === 'no-null-character' ? { ...p, message: `query parameter ${p.message}` } : p;

/**
 * Refuses a body or query holding a null character anywhere. Routes that read the raw request
 * (job uploads) call this themselves, since the pipe never sees what they read. `name` is the
 * one field the route reads, when it reads only one.
 */
export function refuseNullCharacters(value: unknown, part: 'body' | 'query', name = ''): void {
  // A whole body sent as text (a CSV upload) has no field name of its own.
  const named = nullCharacterProblems(value, name).map((p) => (p.field === '' ? { ...p, field: part } : p));
  const problems = part === 'query' ? named.map(inQuery) : named;
  if (problems.length > 0) throw new RequestValidationError(problems);
}

/**
 * Class-validator's checks, after refusing text with a null character anywhere in a body or query
 * and the prototype keys the checks would otherwise never see.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query')
      refuseNullCharacters(value, metadata.type, metadata.data ?? '');
    if (this.toValidate(metadata)) {
      const prototypeKeys = prototypeKeyProblems(value, metadata.data ?? '');
      if (prototypeKeys.length > 0) throw new RequestValidationError(prototypeKeys);
    }
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
