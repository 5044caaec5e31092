import { ServiceUnavailableException } from '@nestjs/common';
import type { ReadModelProgress } from '../../../platform/src/http/read-model-progress';
import {
  ProjectionNotAvailableError,
  READ_MODEL_REBUILDING,
  type ReadModelDatabase,
} from '../../../read-models/src/read-model-database';
import { viewReaches } from '../../../read-models/src/view-reaches';
import { disclosuresProjection } from '../projections/disclosures.projection';

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
  const current = () => {
    const answering = readModels.answering(disclosuresProjection.name);
    if (answering === undefined) throw new ProjectionNotAvailableError(disclosuresProjection.name);
    return answering;
  };
  const frozen = ({ version }: { version: number }) => {
    if (version < disclosuresProjection.version)
      throw new ServiceUnavailableException({
        message: `the disclosure register is being rebuilt as version ${disclosuresProjection.version} (version ${version} answers until then, and no longer moves); nothing was recorded, retry shortly`,
        rule: READ_MODEL_REBUILDING,
      });
  };
  if (!(await viewReaches(disclosuresProjection.name, current, progress, position, Date.now() + timeoutMs, frozen)))
    throw new ServiceUnavailableException({
      message: `the disclosure register has not yet processed position ${position.toString()}; nothing was recorded, retry shortly`,
      rule: 'read-your-writes-timeout',
    });
}
