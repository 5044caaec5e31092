import { HttpException } from '@nestjs/common';
import { Rejection } from '../../../command-handling/src/rejections';
import type { Principal } from '../auth/principal';
import type { ReadAuditAction } from './read-audit';

/** The refusals an auditor needs to see: the record is not the caller's to see, or not there at all. */
export type RefusedStatus = 403 | 404;

/**
 * Why a read was refused, as the caller was answered. A case of another panel answers exactly as
 * an unknown one (404 `case-exists`), so the entry says no more than the refusal did.
 */
export interface Refusal {
  readonly status: RefusedStatus;
  readonly rule: string;
}

/** A refused read as the audit context records it: who tried, which route, which ids as given. */
export interface RefusedReadEntry {
  readonly principal: Principal;
  /** The read that was attempted (`case-viewed`, `person-viewed`, `export`). */
  readonly attempted: ReadAuditAction;
  /** The route pattern (`/v1/cases/:caseId/events`): which view of the record was asked for. */
  readonly route: string;
  readonly refusal: Refusal;
  readonly purpose?: string;
  readonly caseIds?: readonly string[];
  readonly personIds?: readonly string[];
  readonly pathParameters?: Readonly<Record<string, string>>;
  readonly correlationId?: string;
}

/**
 * Told of a read that a handler outside the audit context refused (a subject access job's file, a
 * start of that job): the audit context records it as `access-refused`, as it does a refused case
 * or person view. Never fails: nothing was shown, so the refusal stands whatever happens here.
 */
export interface RefusedReads {
  refused(entry: RefusedReadEntry): Promise<void>;
}

export const REFUSED_READS = Symbol('RefusedReads');

const REFUSED_RULE: Record<RefusedStatus, string> = { 403: 'forbidden', 404: 'not-found' };

/**
 * The 403 or 404 an error answers with (the problem filter's mapping), else undefined: a 400, 401,
 * 409 or 5xx is no refusal of access to a record.
 */
export function refusalOf(error: unknown): Refusal | undefined {
  if (error instanceof Rejection) {
    if (error.kind === 'not-found') return { status: 404, rule: error.rule };
    if (error.kind === 'forbidden') return { status: 403, rule: error.rule };
    return undefined;
  }
  if (!(error instanceof HttpException)) return undefined;
  const status = error.getStatus();
  if (status !== 403 && status !== 404) return undefined;
  const body = error.getResponse();
  const rule = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['rule'] : undefined;
  return { status, rule: typeof rule === 'string' ? rule : REFUSED_RULE[status] };
}
