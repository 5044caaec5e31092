import type { Principal } from '../auth/principal';

/** Reads an auditor must be able to trace; writes are already events with their actor. */
export const READ_AUDIT_ACTIONS = ['case-viewed', 'person-viewed', 'search', 'export', 'report-run'] as const;
export type ReadAuditAction = (typeof READ_AUDIT_ACTIONS)[number];

/** What was read, by whom and why: ids and counts only, never the content returned. */
export interface ReadAuditEntry {
  readonly action: ReadAuditAction;
  readonly principal: Principal;
  /** The caller's stated purpose (`X-Purpose`); required for case and person views. */
  readonly purpose?: string;
  readonly caseIds?: readonly string[];
  readonly personIds?: readonly string[];
  /** Search terms, report parameters or export filters, as the caller gave them. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly resultCount?: number;
  /** Report or export kind, e.g. `marac-repeat-rate`. */
  readonly subject?: string;
  readonly correlationId?: string;
}

/**
 * Records a read in the tamper-evident audit trail. Implemented by the audit context; other
 * contexts depend on this port only. A read whose audit entry cannot be written must fail.
 */
export interface ReadAuditRecorder {
  record(entry: ReadAuditEntry): Promise<void>;
}

export const READ_AUDIT_RECORDER = Symbol('ReadAuditRecorder');
