/**
 * A fact on a case is recorded once it has happened: a status dated next year would be the case's
 * status today. The deciders have no clock, so the command handler asks this with the server's
 * time it stamps on the events (`now` on the command context). Routes that check their date
 * before the case is loaded (closures, IOM decisions, whereabouts, Alliance facts) keep doing so.
 */
import { requireNotInFuture } from '../input-checks';
import { CASE_RULES, MEETING_RULES } from '../rule-names';
import type { CaseCommand, CaseCommandType } from '../commands/case-commands';

const NOT_IN_FUTURE: Partial<Record<CaseCommandType, string>> = {
  'accept-referral': CASE_RULES.decisionNotInFuture,
  'decline-referral': CASE_RULES.decisionNotInFuture,
  'change-case-status': CASE_RULES.statusNotInFuture,
  'rate-risk': CASE_RULES.riskRatingNotInFuture,
  'record-engagement': CASE_RULES.engagementNotInFuture,
  // Listed when put on the agenda: the meeting it is listed for may lie ahead, the listing may not.
  'list-case': CASE_RULES.listingNotInFuture,
  'complete-action': CASE_RULES.actionNotInFuture,
  // Each step of an intervention is recorded once taken: a planned start is not a start.
  'arrange-intervention': CASE_RULES.interventionNotInFuture,
  'start-intervention': CASE_RULES.interventionNotInFuture,
  'complete-intervention': CASE_RULES.interventionNotInFuture,
  'decline-intervention': CASE_RULES.interventionNotInFuture,
  'update-iom-pathways': CASE_RULES.iomPathwaysNotInFuture,
};

/** The rule bounding the command's `occurredAt` by now, if it has one here. */
function notInFutureRuleOf(command: CaseCommand): string | undefined {
  // Agreed at a meeting, so dated by a meeting that has sat, as the discussion it came out of;
  // agreed outside one, it is agreed when recorded at the latest (its due date is what lies ahead).
  if (command.type === 'agree-action') {
    return command.data.meetingId === undefined ? CASE_RULES.actionNotInFuture : MEETING_RULES.heldNotInFuture;
  }
  return NOT_IN_FUTURE[command.type];
}

/** Refuses (400, naming `occurredAt`) a command dated later than `now`, beyond clock skew. */
export function requireRecordedByNow(command: CaseCommand, now: string): void {
  const rule = notInFutureRuleOf(command);
  if (rule !== undefined) requireNotInFuture(command.data.occurredAt, now, 'occurredAt', rule);
}
