import { ServiceUnavailableException } from '@nestjs/common';
import type { ReadModelProgress } from '../../../platform/src/http/read-model-progress';
import {
  ProjectionNotAvailableError,
  READ_MODEL_REBUILDING,
  type ReadModelDatabase,
} from '../../../read-models/src/read-model-database';
import { disclosuresProjection } from '../projections/disclosures.projection';

/** How often a wait re-reads the register's own checkpoint (other views may hold the shared wait back). */
const RECHECK_MS = 50;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The register version answering queries and the last log position it has processed, as the file says. */
function answeringRegister(readModels: ReadModelDatabase): { version: number; position: bigint } | undefined {
  const row = readModels.connection
    .prepare<[string], { version: bigint; position: bigint }>(
      `SELECT a.version, c.position FROM projection_active a
         JOIN projection_checkpoints c ON c.name = a.name AND c.version = a.version WHERE a.name = ?`,
    )
    .safeIntegers()
    .get(disclosuresProjection.name);
  return row === undefined ? undefined : { version: Number(row.version), position: row.position };
}

/**
 * Waits (bounded) until the disclosure register holds the log up to `position`, and no further:
 * only the register is waited for, so another view lagging or rebuilding holds nothing up. A
 * register with no version answering (built from nothing) is a 503 `read-model-rebuilding` at once,
 * as is an older version left frozen while this release rebuilds its own: neither gets there within
 * a request. Not there in time: 503 `read-your-writes-timeout`, and the caller records nothing.
 */
export async function awaitRegister(
  readModels: ReadModelDatabase,
  progress: ReadModelProgress | null | undefined,
  position: bigint,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answering = answeringRegister(readModels);
    if (answering === undefined) throw new ProjectionNotAvailableError(disclosuresProjection.name);
    if (answering.position >= position) return;
    if (answering.version < disclosuresProjection.version)
      throw new ServiceUnavailableException({
        message: `the disclosure register is being rebuilt as version ${disclosuresProjection.version} (version ${answering.version} answers until then, and no longer moves); nothing was recorded, retry shortly`,
        rule: READ_MODEL_REBUILDING,
      });
    const remaining = deadline - Date.now();
    if (remaining <= 0)
      throw new ServiceUnavailableException({
        message: `the disclosure register has not yet processed position ${position.toString()}; nothing was recorded, retry shortly`,
        rule: 'read-your-writes-timeout',
      });
    // Woken by this process's commits; the slice bounds it while another view holds that wait back,
    // or when another process moves the register.
    const slice = Math.min(remaining, RECHECK_MS);
    if (progress == null) await sleep(slice);
    else if (await progress.waitUntilProcessed(position, slice)) {
      // The runtime says yes but the file does not show it yet: do not spin on a wait that returns at once.
      if ((answeringRegister(readModels)?.position ?? position) < position) await sleep(slice);
    }
  }
}
