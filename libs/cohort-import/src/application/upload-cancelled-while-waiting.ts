import type { JobCancelContext } from '../../../jobs/src/job-kind';
import { ImportCancelledError, type CohortImportRequest, type CohortImportService } from './cohort-import.service';
import { csvRecords } from './csv-records';

/**
 * An upload cancelled while it waited to run again (after a shutdown, a lost lease or a failed
 * attempt) had held the rows of its earlier batches, and no run sees the cancellation. The import
 * itself records it: run with its signal already cancelled, it stops before its first batch and
 * writes `iom-cohort-upload-cancelled` under the id a cancelled run would have, so the rows are
 * released once. A completed upload of the file is left as it is.
 */
export async function recordUploadCancelledWhileWaiting(
  importer: CohortImportService,
  input: CohortImportRequest,
  context: JobCancelContext,
): Promise<void> {
  // No rows, no batch held anything; and with no batch to stop before, the run would complete.
  if (csvRecords(input.csv).length <= 1) return;
  try {
    await importer.run(input, { ...context, signal: AbortSignal.abort('cancelled') });
  } catch (error) {
    if (!(error instanceof ImportCancelledError)) throw error;
  }
}
