import type { EventMetadata, EventToAppend } from '../../../event-store/src/port/event-envelope';
import type { ReadAuditAction } from '../../../platform/src/audit/read-audit';
import type { AccessBasis, AuditedReadEntry } from './access-basis';
import { toActor, type Principal } from '../../../platform/src/auth/principal';
import { ACCESS_REFUSED, type RefusedReadEntry, type RefusedStatus } from '../refused/refused-read';

/** What a read event holds: ids and counts the auditor needs, never the content that was returned. */
export interface ReadAuditedData {
  readonly purpose?: string;
  readonly caseIds?: readonly string[];
  readonly personIds?: readonly string[];
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly pathParameters?: Readonly<Record<string, string>>;
  readonly resultCount?: number;
  readonly subject?: string;
  readonly access?: AccessBasis;
  /** caseId → the person the response showed the case as being about (see `shownSubjects`). */
  readonly caseSubjects?: Readonly<Record<string, string>>;
}

/** Read entries go to a stream per UTC day: appends never contend on a revision, streams stay bounded. */
export const AUDIT_STREAM_CATEGORY = 'audit';
export const auditStreamFor = (recordedAt: string): string => `${AUDIT_STREAM_CATEGORY}-${recordedAt.slice(0, 10)}`;

/** The read becomes an event whose type is the read action, so the trail shows it exactly as named. */
export function readAuditEvent(
  entry: AuditedReadEntry,
  id: string,
  now: string,
  correlationId: string,
): EventToAppend<ReadAuditAction, ReadAuditedData> {
  const data: ReadAuditedData = {
    ...(entry.purpose === undefined ? {} : { purpose: entry.purpose }),
    ...(entry.caseIds === undefined ? {} : { caseIds: [...entry.caseIds] }),
    ...(entry.personIds === undefined ? {} : { personIds: [...entry.personIds] }),
    ...(entry.parameters === undefined ? {} : { parameters: entry.parameters }),
    ...(entry.pathParameters === undefined ? {} : { pathParameters: entry.pathParameters }),
    ...(entry.resultCount === undefined ? {} : { resultCount: entry.resultCount }),
    ...(entry.subject === undefined ? {} : { subject: entry.subject }),
    ...(entry.access === undefined ? {} : { access: entry.access }),
    ...(entry.caseSubjects === undefined ? {} : { caseSubjects: entry.caseSubjects }),
  };
  return { id, type: entry.action, data, metadata: readMetadata(entry.principal, now, correlationId) };
}

/** What a refused view's event holds besides the ids as given: what was attempted, and how it was refused. */
export interface AccessRefusedData {
  readonly purpose?: string;
  readonly caseIds?: readonly string[];
  readonly personIds?: readonly string[];
  readonly pathParameters?: Readonly<Record<string, string>>;
  readonly refused: {
    readonly attempted: string;
    readonly route: string;
    readonly status: RefusedStatus;
    readonly rule: string;
  };
}

/**
 * A refused view becomes an `access-refused` event in the same day's stream as the reads, so it is
 * sealed into the chain with them. It names the ids as the caller gave them and nothing the
 * refusal did not say: not whether the record exists, nor its panel or person.
 */
export function refusedReadEvent(
  entry: RefusedReadEntry,
  id: string,
  now: string,
  correlationId: string,
): EventToAppend<typeof ACCESS_REFUSED, AccessRefusedData> {
  const data: AccessRefusedData = {
    ...(entry.purpose === undefined ? {} : { purpose: entry.purpose }),
    ...(entry.caseIds === undefined ? {} : { caseIds: [...entry.caseIds] }),
    ...(entry.personIds === undefined ? {} : { personIds: [...entry.personIds] }),
    ...(entry.pathParameters === undefined ? {} : { pathParameters: entry.pathParameters }),
    refused: { attempted: entry.attempted, route: entry.route, ...entry.refusal },
  };
  return { id, type: ACCESS_REFUSED, data, metadata: readMetadata(entry.principal, now, correlationId) };
}

function readMetadata(principal: Principal, now: string, correlationId: string): EventMetadata {
  return {
    actor: toActor(principal),
    correlationId,
    causationId: correlationId,
    occurredAt: now,
    recordedAt: now,
    schemaVersion: 1,
  };
}
