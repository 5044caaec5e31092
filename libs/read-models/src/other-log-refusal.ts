import { ServiceUnavailableException } from '@nestjs/common';
import type { ViewsRefusal } from '../../platform/src/http/read-model-progress';

/** The rule a client reads for "the read models do not match the event log; an operator must rebuild them". */
export const READ_MODEL_OTHER_LOG = 'read-model-other-log';

/** Why the read models cannot be trusted against the log in use, or undefined when they can. */
export type OtherLogCheck = () => string | undefined;

/**
 * The read models were built from another log, or a longer one (the log restored from an older
 * backup): their rows describe cases, people and disclosures this log does not hold. Nothing is
 * answered or decided on them, for any projection, until they are rebuilt from this log. Not a
 * `ProjectionNotAvailableError`: callers that treat a view being built as "nothing known yet" must
 * not go on that way here, so this reaches the client as a 503.
 */
export class ReadModelFromOtherLogError extends ServiceUnavailableException {
  override readonly name = 'ReadModelFromOtherLogError';
  constructor(readonly projection: string) {
    super({
      message:
        `read model "${projection}" was built from another event log than the one in use (or a longer one): ` +
        'it is not served until an operator rebuilds the read models; /ready says why',
      rule: READ_MODEL_OTHER_LOG,
    });
  }
}

/**
 * An `X-Min-Position` read of a route that reads any read model, answered at once and as the read
 * itself would be: nothing it waits for can come, as the read models do not follow this log.
 */
export const OTHER_LOG_REFUSAL: ViewsRefusal = {
  rule: READ_MODEL_OTHER_LOG,
  message:
    'the read models were built from another event log than the one in use (or a longer one): they are not ' +
    'served until an operator rebuilds them; /ready says why',
};

/** Throws ReadModelFromOtherLogError while `otherLog` says the read models belong to another log. */
export function refuseReadsFromOtherLog(projection: string, otherLog: OtherLogCheck | undefined): void {
  if (otherLog?.() !== undefined) throw new ReadModelFromOtherLogError(projection);
}
