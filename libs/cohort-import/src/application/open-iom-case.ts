import { evolveAll } from '../../../command-handling/src/decider';
import type { EventStore } from '../../../event-store/src/port/event-store';
import type { CasesOfPerson } from '../../../case-lifecycle/src/application/person-resolution/case-homes';
import { ReferralHistory } from '../../../case-lifecycle/src/application/referral-history';
import {
  caseDecider,
  caseStream,
  sameIomScores,
  type CaseEvent,
  type IomScores,
} from '../../../case-lifecycle/src/domain';
import type { OpenIomCase } from '../domain';

/**
 * The person's open IOM case, read from the log (not a read model: a job must see its own
 * writes). Cases are found through the person's referral history, newest first, as the resolver's
 * `casesOf` places them now: the referrals of anyone since merged into them, and not a case a
 * split has moved to someone else (the ids alone would still find it on its old note), while a case
 * a split moved to them is found.
 */
export async function findOpenIomCase(
  store: EventStore,
  history: ReferralHistory,
  personId: string,
  placed: CasesOfPerson,
  iomPanelCode: string,
  scores: IomScores | undefined,
  casesOpenedByThisImport: ReadonlySet<string>,
): Promise<OpenIomCase | null> {
  const { referrals } = await history.read(personId, placed);
  const iomCases = referrals.filter((r) => r.panelCode === iomPanelCode).reverse();
  for (const { caseId } of iomCases) {
    const state = evolveAll(caseDecider, (await store.readStream(caseStream(caseId))) as unknown as CaseEvent[]);
    if (!state.exists || state.panel.kind !== 'iom') continue;
    if (state.phase !== 'referred' && state.phase !== 'accepted') continue;
    const { eligibility, cohortExpiry, uploadMonth } = state.panel;
    return {
      caseId,
      eligible: eligibility?.eligible ?? null,
      ...(eligibility === null ? {} : { recordedScores: eligibility.inputs }),
      scoresDiffer: scores !== undefined && (eligibility === null || !sameIomScores(eligibility.inputs, scores)),
      openedByThisImport: casesOpenedByThisImport.has(caseId),
      ...(cohortExpiry === undefined ? {} : { expiryFlag: cohortExpiry }),
      ...(uploadMonth === undefined ? {} : { uploadMonth }),
    };
  }
  return null;
}

/**
 * The latest upload month that spoke to one of the person's IOM cases (as `casesOf` places them now)
 * the panel has since declined or closed, if any. A corrected file for that month (or a re-upload after a cancelled one) must not
 * refer them again: the panel has decided on this month's referral.
 */
export async function monthOfDecidedIomCase(
  store: EventStore,
  history: ReferralHistory,
  personId: string,
  placed: CasesOfPerson,
  iomPanelCode: string,
): Promise<string | undefined> {
  const { referrals } = await history.read(personId, placed);
  let latest: string | undefined;
  for (const { caseId, panelCode } of referrals) {
    if (panelCode !== iomPanelCode) continue;
    const state = evolveAll(caseDecider, (await store.readStream(caseStream(caseId))) as unknown as CaseEvent[]);
    if (!state.exists || state.panel.kind !== 'iom' || state.phase === 'referred' || state.phase === 'accepted')
      continue;
    const { uploadMonth } = state.panel;
    if (uploadMonth !== undefined && (latest === undefined || uploadMonth > latest)) latest = uploadMonth;
  }
  return latest;
}
