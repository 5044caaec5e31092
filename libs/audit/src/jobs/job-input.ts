import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { invalid } from '../../../command-handling/src/rejections';
import type { JobRequest } from '../../../jobs/src/job-kind';
import { prototypeKeyProblems } from '../../../platform/src/http/prototype-keys';
import { flattenValidationErrors, RequestValidationError } from '../../../platform/src/http/validation.pipe';

/**
 * A job's input read with the rules of the GET route it stands in for, so the same mistake gets
 * the same 400 naming the field and rule. Fields come from the query string, as on the GET, or a
 * JSON object body (which wins); a field neither route knows is refused, not ignored.
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
  const fields = { ...asked, ...fromJson(sent as Record<string, unknown>) };
  const input = plainToInstance(rules, fields);
  const errors = validateSync(input, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new RequestValidationError(flattenValidationErrors(errors));
  // Plain data: the input is kept in the queue as JSON.
  return { ...input };
}
