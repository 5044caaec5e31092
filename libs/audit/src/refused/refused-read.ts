import type { RefusedReadEntry } from '../../../platform/src/audit/refused-reads';

// The entry and how an error is read as a refusal are the platform's, so other contexts can report
// refusals of their own reads (REFUSED_READS) with the same entry.
export {
  refusalOf,
  type Refusal,
  type RefusedReadEntry,
  type RefusedStatus,
} from '../../../platform/src/audit/refused-reads';

/** The trail's action for a read that was refused; it showed nothing. */
export const ACCESS_REFUSED = 'access-refused';

export interface RefusedReadRecorder {
  recordRefused(entry: RefusedReadEntry): Promise<void>;
}
