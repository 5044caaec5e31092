import type { Request, Response } from 'express';
import { invalid } from '../../../command-handling/src/rejections';
import type { ReadAuditRecorder } from '../../../platform/src/audit/read-audit';
import type { Principal } from '../../../platform/src/auth/principal';
import { reportToCsv } from '../domain/report-csv';
import { spansAtMostYears } from '../domain/report-period';
import type { ReportPeriodQuery } from './report-queries';

/** A period of more than this is refused: a report per month of a century answers no question. */
const MAX_PERIOD_YEARS = 25;

export function checkPeriodQuery(query: ReportPeriodQuery): void {
  if (query.from > query.to) throw invalid('from', 'period-order', 'from must not be after to');
  if (!spansAtMostYears(query, MAX_PERIOD_YEARS)) {
    throw invalid(
      'to',
      `period-at-most-${MAX_PERIOD_YEARS}-years`,
      `a period may span at most ${MAX_PERIOD_YEARS} years`,
    );
  }
}

export function wantsCsv(query: ReportPeriodQuery, request: Request): boolean {
  if (query.format !== undefined) return query.format === 'csv';
  const accept = request.headers.accept ?? '';
  return /\btext\/csv\b/i.test(accept) && !/\bapplication\/json\b/i.test(accept);
}

/**
 * Records the run in the audit trail, then answers in the format asked for. The audit entry is
 * written before anything is sent: a report whose run cannot be recorded is not given out.
 */
export async function answerReport(
  audit: ReadAuditRecorder,
  run: { subject: string; principal: Principal; parameters: Record<string, unknown>; request: Request },
  report: object,
  response: Response,
): Promise<object | string> {
  const csv = wantsCsv(run.parameters as unknown as ReportPeriodQuery, run.request);
  const correlationId = (run.request as { id?: unknown }).id;
  await audit.record({
    action: 'report-run',
    principal: run.principal,
    subject: run.subject,
    parameters: { ...run.parameters, format: csv ? 'csv' : 'json' },
    ...(typeof correlationId === 'string' ? { correlationId } : {}),
  });
  if (!csv) return report;
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="${run.subject}.csv"`);
  return reportToCsv(report);
}
