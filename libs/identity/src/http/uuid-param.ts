import { ParseUUIDPipe } from '@nestjs/common';
import { RequestValidationError } from '../../../platform/src/http/validation.pipe';

/** A path parameter that must be a UUID; a bad one answers 400 naming the parameter, like a body field. */
export const uuidParam = (field: string): ParseUUIDPipe =>
  new ParseUUIDPipe({
    exceptionFactory: () => new RequestValidationError([{ field, rule: 'isUuid', message: `${field} must be a UUID` }]),
  });
