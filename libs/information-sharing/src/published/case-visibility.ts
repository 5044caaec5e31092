/**
 * The small contract the case views use to ask information sharing what a reader may see of a
 * case they are not a panel member of, and which other panels know the case's person. Only
 * this file is imported from outside the context; it depends on nothing of case-lifecycle so
 * the two contexts do not import each other's internals.
 */
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { Principal } from '../../../platform/src/auth/principal';

/** "Also known to MARAC": the owning panel and whom to ask, never the case itself. */
export interface AlsoKnownToMarker {
  readonly panel: string;
  readonly contact: { readonly role: string; readonly email: string } | null;
}

export interface CaseVisibility {
  /**
   * The case view a reader off the case's panel may see: only the fields disclosed to their
   * agency (or to them) and open now, each as the case stood when the latest disclosure giving it
   * was recorded; undefined when nothing is open, which the caller answers with the same 404 as an
   * unknown case. `view` is the case now (its id, panel and the person it is about now); `caseAt`
   * the same view as the case stood at a log position (undefined before it was referred);
   * `caseEvents` the case's stream the caller built both from, so the referral is not read again.
   */
  disclosedView(
    view: Readonly<Record<string, unknown>>,
    principal: Principal,
    now: Date,
    caseAt: (position: bigint) => Readonly<Record<string, unknown>> | undefined,
    caseEvents: readonly RecordedEvent[],
  ): Promise<Record<string, unknown> | undefined>;
  /** Other panels with an open case for the person, as markers without details. */
  alsoKnownTo(personId: string, caseId: string, panelCode: string): AlsoKnownToMarker[];
}

export const CASE_VISIBILITY = Symbol('CaseVisibility');
