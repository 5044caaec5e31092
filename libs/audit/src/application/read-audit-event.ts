import type { EventToAppend } from '../../../event-store/src/port/event-envelope';
import type { ReadAuditAction } from '../../../platform/src/audit/read-audit';
import type { AccessBasis, AuditedReadEntry } from './access-basis';
import { toActor } from '../../../platform/src/auth/principal';

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
  return {
    id,
    type: entry.action,
    data,
    metadata: {
      actor: toActor(entry.principal),
      correlationId,
      causationId: correlationId,
      occurredAt: now,
      recordedAt: now,
      schemaVersion: 1,
    },
  };
}
