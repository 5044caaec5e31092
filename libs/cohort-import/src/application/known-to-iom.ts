import type { EventStore } from '../../../event-store/src/port/event-store';
import type { CasesOfPerson } from '../../../case-lifecycle/src/application/person-resolution/case-homes';
import type { ReferralHistory } from '../../../case-lifecycle/src/application/referral-history';
import { importStream, monthAfter, monthBefore, type CohortImportEvent } from '../domain';

/**
 * The people other uploads brought a record in for (every month within `monthsAround` of this one,
 * this file's own runs excepted): IOM knew them before this upload. A held row brought no record
 * in, so it does not count: before held rows were limited to people IOM knew, one named whoever the
 * name and date of birth matched.
 */
export async function peopleOtherUploadsBroughtIn(
  store: EventStore,
  month: string,
  fileDigest: string,
  monthsAround: number,
): Promise<ReadonlySet<string>> {
  const months = [month];
  for (let step = 0, back = month, ahead = month; step < monthsAround; step++) {
    back = monthBefore(back);
    ahead = monthAfter(ahead);
    months.push(back, ahead);
  }
  const known = new Set<string>();
  for (const m of months) {
    for (const event of (await store.readStream(importStream(m))) as unknown as CohortImportEvent[]) {
      if (event.type !== 'iom-cohort-batch-imported' || event.data.fileDigest === fileDigest) continue;
      for (const person of event.data.people) if (person.outcome !== 'held') known.add(person.personId);
    }
  }
  return known;
}

/**
 * Whether IOM knew the person before this upload: an IOM case about them (open or closed, as
 * merges and splits place cases now) or a record another upload brought in. Only then may the
 * coordinator's files name them: a row matching only another panel's person must read as a
 * stranger's, or the upload would say that MARAC (say) knows this name and date of birth.
 */
export async function knownToIom(
  history: ReferralHistory,
  placed: CasesOfPerson,
  broughtIn: ReadonlySet<string>,
  iomPanelCode: string,
): Promise<boolean> {
  if (placed.ids.some((id) => broughtIn.has(id))) return true;
  const personId = placed.ids[0];
  if (personId === undefined) return false;
  const { referrals } = await history.read(personId, placed);
  return referrals.some((r) => r.panelCode === iomPanelCode);
}
