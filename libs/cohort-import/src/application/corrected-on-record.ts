import type { EventStore } from '../../../event-store/src/port/event-store';
import { remembersCorrections } from '../../../case-lifecycle/src/application/person-resolution/identifiers-corrected-away';
import type { ReferredPerson } from '../../../case-lifecycle/src/application/person-resolution/person-resolver';
import { caseAsOf } from '../../../case-lifecycle/src/application/case-command';
import { caseStream } from '../../../case-lifecycle/src/domain';

/** A row's cell holding a value corrected away from the record of the nominal it otherwise matches. */
export interface CorrectedOnRecord {
  readonly field: 'crn' | 'pnc';
  /** Who holds that record now: the row is his, so his case is not flagged absent from the file. */
  readonly personId: string;
  /** The IOM case it was corrected through. */
  readonly caseId: string;
}

/**
 * The row's CRN or PNC ID that a coordinator corrected away (replaced or removed) through an IOM
 * case from the record of the person the rest of the row links to, if any. Resolved, the row would
 * be another valid value than the one he holds now, and so a second person with a second
 * referral. Only corrections made through a case of the upload's panel count: one made through
 * another panel's case is that panel's knowledge, and the row reads as it did before.
 */
export async function correctedOnRecord(
  store: EventStore,
  people: object,
  person: ReferredPerson,
  panelCode: string,
): Promise<CorrectedOnRecord | undefined> {
  if (!remembersCorrections(people)) return undefined;
  for (const { kind, personId, caseId } of await people.identifiersCorrectedAway(person)) {
    if (kind !== 'crn' && kind !== 'pnc') continue;
    const state = caseAsOf(await store.readStream(caseStream(caseId)), undefined);
    if (state?.panelCode === panelCode) return { field: kind, personId, caseId };
  }
  return undefined;
}
