import { evolveAll } from '../../../command-handling/src/decider';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { caseDecider, caseStream, isOpenCase, type CaseEvent } from '../domain';
import { ABANDONED_CLAIM_AFTER_MS } from './person-resolution/abandoned-claims';
import type { NotedReferral } from './referral-history';

/** The open case found, and whether it is one another referral noted and is still writing. */
export interface OpenCaseFound {
  readonly caseId: string;
  readonly beingOpened: boolean;
}

/**
 * A referral notes itself on the person's referral stream, then writes its case a few milliseconds
 * later. A note whose case is not there yet is that referral at work, unless it is older than any
 * real gap between the two appends: then its referral died in between and never opened the case.
 * The same bound as a key claim whose person was never registered (abandoned-claims.ts).
 */
export const NOTE_WITHOUT_CASE_SET_ASIDE_MS = ABANDONED_CLAIM_AFTER_MS;

/**
 * The person's open case on the panel, newest referral first, read from the log (a referral must
 * see the one made a moment before it). `referrals` are the person's as `ReferralHistory.read`
 * gives them under `casesOf`: those of everyone merged into them, not a case a split moved away.
 */
export async function openCaseOfPerson(
  store: EventStore,
  referrals: readonly NotedReferral[],
  panelCode: string,
  now: string,
): Promise<OpenCaseFound | undefined> {
  const onPanel = referrals.filter((r) => r.panelCode === panelCode).reverse();
  for (const { caseId, notedAt } of onPanel) {
    const events = await store.readStream(caseStream(caseId));
    if (events.length === 0) {
      if (Date.parse(now) - Date.parse(notedAt) < NOTE_WITHOUT_CASE_SET_ASIDE_MS) return { caseId, beingOpened: true };
      continue;
    }
    if (isOpenCase(evolveAll(caseDecider, events as unknown as CaseEvent[]))) return { caseId, beingOpened: false };
  }
  return undefined;
}
