import { ParseUUIDPipe } from '@nestjs/common';
import { RequestValidationError } from './validation.pipe';

/**
 * A path parameter that must be a UUID; a bad one answers 400 naming the parameter, like a body
 * field. Any RFC 4122 version is accepted: ids are minted as v4, but imports name what they open
 * with name-based (v5) ids so that a retry names it alike.
 */
export const uuidParam = (field: string): ParseUUIDPipe =>
  new ParseUUIDPipe({
    exceptionFactory: () => new RequestValidationError([{ field, rule: 'isUuid', message: `${field} must be a UUID` }]),
  });
