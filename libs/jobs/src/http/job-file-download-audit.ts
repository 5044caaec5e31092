import { Logger, ServiceUnavailableException } from '@nestjs/common';
import type { Request } from 'express';
import {
  PURPOSE_HEADER,
  requirePurpose,
  type ReadAuditEntry,
  type ReadAuditRecorder,
} from '../../../platform/src/audit/read-audit';
import type { Principal } from '../../../platform/src/auth/principal';
import type { JobFile } from '../job-kind';
import { downloadParts, fileListing } from './job-file-listing';

/**
 * The download of a job's file as read entries: the job and file asked for, the rows handed over
 * and the people and cases the file lists (or the people it says it is about), so the trail (and a
 * subject access report) finds the download under each of them. A file listing more than one entry holds is recorded as several
 * entries under the request's correlation id, each naming its part (`parameters.part` of
 * `parameters.parts`) and the whole file's rows. Written before the file is sent; any entry that
 * cannot be written refuses the download (503): over-recording a refused download is safer than
 * an unaudited one.
 */
export async function recordFileDownload(
  recorder: ReadAuditRecorder,
  request: Request & { id?: unknown },
  principal: Principal,
  jobId: string,
  file: JobFile,
): Promise<void> {
  const header = request.headers[PURPOSE_HEADER];
  const purpose = header === undefined ? undefined : requirePurpose(header);
  const listing = fileListing(file);
  const query = request.query as Record<string, unknown>;
  const named = downloadParts(file, listing);
  const parts = named.length === 0 ? [undefined] : named;
  const entries = parts.map(
    (part, index): ReadAuditEntry => ({
      action: 'export',
      principal,
      subject: 'job-file',
      pathParameters: { id: jobId, name: file.name },
      ...(purpose === undefined ? {} : { purpose }),
      ...(part === undefined || part.caseIds.length === 0 ? {} : { caseIds: part.caseIds }),
      ...(part === undefined || part.personIds.length === 0 ? {} : { personIds: part.personIds }),
      ...(parts.length > 1
        ? { parameters: { ...query, part: index + 1, parts: parts.length } }
        : Object.keys(query).length === 0
          ? {}
          : { parameters: { ...query } }),
      ...(listing === undefined ? {} : { resultCount: listing.rows }),
      ...(typeof request.id === 'string' ? { correlationId: request.id } : {}),
    }),
  );
  try {
    for (const entry of entries) await recorder.record(entry);
  } catch (error) {
    new Logger('AuditTrail').error(`file not served, audit entry not written: ${String(error)}`);
    throw new ServiceUnavailableException('The audit trail could not record this read, so it was not served');
  }
}
