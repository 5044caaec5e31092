import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { invalid } from '../../../command-handling/src/rejections';
import type { JobRequest } from '../../../jobs/src/job-kind';
import { prototypeKeyProblems } from '../../../platform/src/http/prototype-keys';
import { flattenValidationErrors, RequestValidationError } from '../../../platform/src/http/validation.pipe';

/**
 * A job's input read with the rules of the GET route it stands in for, so the same mistake gets
 * the same 400 naming the field and rule. Fields come from the query string, as on the GET, or a
 * JSON object body, each field from one of them: a field in both is refused (`one-source`) rather
 * than one silently chosen (the caller may have meant either person, either redaction). A JSON
 * null is refused (`not-null`) rather than read as "not given"; a field neither route knows is
 * refused, not ignored.
 */
export function inputAsOnRoute<T extends object>(
  rules: new () => T,
  { body, query }: JobRequest,
  fromJson: (fields: Record<string, unknown>) => Record<string, unknown> = (fields) => fields,
): T {
  const sent = body ?? {};
  if (typeof sent !== 'object' || Array.isArray(sent))
    throw invalid('body', 'json-object', 'send a JSON object (or the query string the GET route takes)');
  const prototypeKeys = prototypeKeyProblems(sent);
  if (prototypeKeys.length > 0) throw new RequestValidationError(prototypeKeys);
  const asked = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
  for (const [field, value] of Object.entries(sent)) {
    if (value === null) throw invalid(field, 'not-null', `${field} must not be null: leave it out for the default`);
    if (Object.hasOwn(asked, field))
      throw invalid(field, 'one-source', `${field} is given in both the query and the body; send it in one of them`);
  }
  const fields = { ...asked, ...fromJson(sent as Record<string, unknown>) };
  const input = plainToInstance(rules, fields);
  const errors = validateSync(input, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new RequestValidationError(flattenValidationErrors(errors));
  // Plain data: the input is kept in the queue as JSON.
  return { ...input };
}
