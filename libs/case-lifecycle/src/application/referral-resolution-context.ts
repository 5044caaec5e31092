import type { CommandContext } from '../../../command-handling/src/command-context';
import { asStored } from '../../../event-store/src/shared/canonical-json';
import { deterministicEventId, jobInputDigest } from '../../../jobs/src/deterministic-event-id';
import type { MakeReferralDto } from '../http/dto/referral.dto';
import type { ResolutionOptions } from './person-resolution/person-resolver';

/** The people a referral resolves, each in its own id space. */
export type ReferredRole = 'subject' | 'perpetrator';

/**
 * The context a referral resolves one of its people under: ids derived from who sent it and
 * everything it says, never from the request. A referral can fail once her record is written (a
 * 503 while another referral registers the perpetrator, a lost race noting it, a crash); the
 * client retrying the same referral then resolves under the same ids, so the resolver finishes
 * what the failed attempt began and the retry names the record that attempt wrote, instead of
 * adding another and leaving the first claimed by no referral. Two identical referrals sent at
 * once meet on the same conditional appends and resolve to the same record; the same form sent
 * again after it succeeded resolves afresh ({@link RESUME_FAILED_ATTEMPT}).
 */
export function referralResolutionContext(
  context: CommandContext,
  referral: MakeReferralDto,
  role: ReferredRole,
): CommandContext {
  const digest = jobInputDigest(`referral/${role}`, asStored({ sender: context.actor.id, referral }));
  return { ...context, eventId: (index) => deterministicEventId(digest, String(index)), deterministicIds: true };
}

/** Only a record no referral names yet is taken over: one a referral names is that referral's. */
export const RESUME_FAILED_ATTEMPT: ResolutionOptions = { resumeOnlyUnnamed: true };
