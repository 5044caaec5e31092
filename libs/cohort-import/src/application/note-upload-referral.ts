import { setTimeout as sleep } from 'node:timers/promises';
import type { CommandContext } from '../../../command-handling/src/command-context';
import { WrongExpectedRevisionError } from '../../../event-store/src/port/errors';
import type { EventStore } from '../../../event-store/src/port/event-store';
import type { CasesOfPerson } from '../../../case-lifecycle/src/application/person-resolution/case-homes';
import { openCaseOfPerson } from '../../../case-lifecycle/src/application/open-case-of-person';
import type { ReferralHistory } from '../../../case-lifecycle/src/application/referral-history';

/**
 * How long to wait before looking again at a referral noted and not yet written. An API referral
 * writes its case a few milliseconds after its note; one that died in between is set aside after
 * `NOTE_WITHOUT_CASE_SET_ASIDE_MS`, so the wait ends.
 */
const CASE_BEING_OPENED_POLL_MS = 50;
/** Notes lost to other referrals of the person noted meanwhile, before the row's run fails (the job retries it). */
const MAX_NOTE_CONFLICTS = 6;

export interface UploadReferral {
  /** The id the person's notes are kept under: the one standing for them now. */
  readonly personId: string;
  readonly caseId: string;
  readonly panelCode: string;
  readonly referredAt: string;
}

/** Noted (or noted already by an earlier run), or the open case another referral opened first. */
export type NoteOutcome = { readonly noted: true } | { readonly noted: false; readonly openCaseId: string };

/**
 * Notes the upload's referral on the person's referral stream unless he has an open case on the
 * panel, judged on the notes at the revision the note expects: the same turn an API referral of him
 * takes (make-referral.handler.ts). One noted meanwhile makes the note fail and is seen on the next
 * look, so an upload and a referral of one nominal cannot both open an IOM case. A referral still
 * writing its case is waited for: the row then belongs to that case. The upload's own note from an
 * earlier run of the job is not another referral.
 */
export async function noteUploadReferral(
  store: EventStore,
  history: ReferralHistory,
  placedNow: () => Promise<CasesOfPerson>,
  { personId, caseId, panelCode, referredAt }: UploadReferral,
  context: CommandContext,
): Promise<NoteOutcome> {
  for (let conflicts = 0; ; ) {
    const { referrals, revision } = await history.read(personId, await placedNow());
    const others = referrals.filter((r) => r.caseId !== caseId);
    const open = await openCaseOfPerson(store, others, panelCode, new Date().toISOString());
    if (open?.beingOpened === true) {
      await sleep(CASE_BEING_OPENED_POLL_MS);
      continue;
    }
    if (open !== undefined) return { noted: false, openCaseId: open.caseId };
    if (others.length < referrals.length) return { noted: true };
    try {
      await history.note(personId, { caseId, panelCode, referredAt }, revision, context);
      return { noted: true };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError && ++conflicts < MAX_NOTE_CONFLICTS) continue;
      throw error;
    }
  }
}
