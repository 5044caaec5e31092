import type { OtherPanelsQuery } from '../../../identity/src/published/other-panels';
import { ProjectionNotAvailableError } from '../../../read-models/src/read-model-database';

/** The man a MARAC case names as perpetrator now, and the other panels with an open case on him (names only). */
export interface PerpetratorMarker {
  readonly personId: string;
  readonly alsoKnownTo: readonly string[];
}

/**
 * The marker a MARAC case view or agenda item shows, for readers on the case's panel: other panels
 * are those beyond it. Null when the case names no perpetrator, and while the person index is
 * being built (it cannot say yet; the rest of the view is still given).
 */
export function perpetratorMarkerOf(
  otherPanels: Pick<OtherPanelsQuery, 'perpetratorMarker'>,
  caseId: string,
  panelCode: string,
): PerpetratorMarker | null {
  try {
    return otherPanels.perpetratorMarker(caseId, [panelCode]) ?? null;
  } catch (error) {
    if (error instanceof ProjectionNotAvailableError) return null;
    throw error;
  }
}
