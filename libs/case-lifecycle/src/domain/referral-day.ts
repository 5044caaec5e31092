/**
 * A fact about a case, or shared about one, is dated no earlier than the UK day of the referral
 * behind it: the reports, and whoever was told, would otherwise place it before anyone had heard
 * of the case. Compared by UK day, as the reports and the whereabouts rules place facts.
 */
import type { RejectionDetail } from '../../../command-handling/src/rejections';
import { ukDay } from './calendar';

/** How the refusal names what was referred (`case <id>`) and what may be recorded from that day. */
export interface ReferralDayWords {
  readonly referred: string;
  readonly recordable: string;
}

/** The problem with an `occurredAt` on a UK day before `referredAt`; none when either is no date. */
export function referralDayProblem(
  occurredAt: string,
  referredAt: string,
  rule: string,
  words: ReferralDayWords,
): RejectionDetail[] {
  const [day, referredOn] = [ukDay(occurredAt), ukDay(referredAt)];
  if (day === undefined || referredOn === undefined || day >= referredOn) return [];
  const message =
    `dated ${day} (UK), before ${words.referred} was referred on ${referredOn}: ` +
    `${words.recordable} can be recorded from that day`;
  return [{ field: 'occurredAt', rule, message }];
}
