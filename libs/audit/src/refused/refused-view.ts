import type { Logger } from '@nestjs/common';
import type { AuditedReadSpec } from '../../../platform/src/audit/audited-read';
import { PURPOSE_HEADER, statedPurpose } from '../../../platform/src/audit/read-audit';
import type { AuthenticatedRequest } from '../../../platform/src/auth/authenticated-request';
import { refusalOf, type RefusedReadEntry, type RefusedReadRecorder } from './refused-read';

/**
 * Which record the route was asked for (`/match-reviews/{id}`, `/cases/{caseId}`, `/panels/{panel}`),
 * kept apart from the query so that `?id=` cannot stand in for the id that was served.
 */
export function pathParameters(params: Record<string, unknown> | undefined): Record<string, string> | undefined {
  const named = Object.entries(params ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return named.length === 0 ? undefined : Object.fromEntries(named);
}

/**
 * The entry for a view of one case or person that the handler refused with 403 or 404, or
 * undefined when there is none to record: another error (a malformed id is a 400, checked before
 * any record is looked at), a route that names no case or person (a meeting), or nobody signed in.
 */
export function refusedViewOf(
  spec: AuditedReadSpec,
  request: AuthenticatedRequest & { id?: unknown },
  error: unknown,
): RefusedReadEntry | undefined {
  const refusal = refusalOf(error);
  const principal = request.principal;
  if (refusal === undefined || principal === undefined) return undefined;
  const params = request.params as Record<string, unknown>;
  const named = (name: string | undefined): string[] => {
    const value = name === undefined ? undefined : params[name];
    return typeof value === 'string' ? [value] : [];
  };
  const caseIds = named(spec.caseIdParam);
  const personIds = named(spec.personIdParam);
  if (caseIds.length === 0 && personIds.length === 0) return undefined;
  const purpose = statedPurpose(request.headers[PURPOSE_HEADER]);
  const path = pathParameters(params);
  const route: unknown = (request.route as { path?: unknown } | undefined)?.path;
  return {
    principal,
    attempted: spec.action,
    route: typeof route === 'string' ? route : request.path,
    refusal,
    ...(purpose === undefined ? {} : { purpose }),
    ...(caseIds.length === 0 ? {} : { caseIds }),
    ...(personIds.length === 0 ? {} : { personIds }),
    ...(path === undefined ? {} : { pathParameters: path }),
    ...(typeof request.id === 'string' ? { correlationId: request.id } : {}),
  };
}

/**
 * Writes a refused view's entry, if there is one; never fails: nothing was shown, so the refusal
 * stands whether or not the trail could take it, and the operator is warned.
 */
export async function recordRefusedView(
  recorder: RefusedReadRecorder,
  logger: Logger,
  entry: RefusedReadEntry | undefined,
): Promise<void> {
  if (entry === undefined) return;
  try {
    await recorder.recordRefused(entry);
  } catch (failure) {
    logger.warn(`refused ${entry.attempted} not recorded in the audit trail: ${String(failure)}`);
  }
}
