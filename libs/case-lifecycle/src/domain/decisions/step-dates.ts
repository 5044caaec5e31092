/**
 * The order of an action's and an intervention's steps, and of a case's end after its work, by UK
 * day as the reports place them: a step before the one it follows would count an action done
 * before anyone agreed it, or an intervention running before it was arranged. The same day either
 * way round is allowed, since steps entered later are often dated to the day only.
 */
import { invalid } from '../../../../command-handling/src/rejections';
import { ukDayOf } from '../calendar';
import { CASE_RULES } from '../rule-names';
import type { ActionState, CaseRecord, InterventionState, InterventionStatus } from '../case-state';

/** Refuses `at` (a checked instant) on a UK day before `earlier`, naming `occurredAt`. */
function requireFromDayOf(
  earlier: string,
  at: string,
  rule: string,
  explain: (on: string, earlierOn: string) => string,
) {
  const on = ukDayOf(at);
  const earlierOn = ukDayOf(earlier);
  if (on < earlierOn) throw invalid('occurredAt', rule, explain(on, earlierOn));
}

export function requireCompletedFromAgreedDay(action: ActionState, completedAt: string): void {
  requireFromDayOf(
    action.agreedAt,
    completedAt,
    CASE_RULES.actionCompletedFromAgreedDay,
    (on, agreedOn) => `occurredAt is ${on} (UK), before action ${action.actionId} was agreed on ${agreedOn}`,
  );
}

/** A start or decline follows the arrangement, a completion the start: the status it moves from. */
export function requireInterventionStepInOrder(
  intervention: InterventionState,
  to: InterventionStatus,
  at: string,
): void {
  const { interventionId, status, statusChangedAt } = intervention;
  requireFromDayOf(
    statusChangedAt,
    at,
    CASE_RULES.interventionStepsInOrder,
    (on, previousOn) =>
      `occurredAt is ${on} (UK): intervention ${interventionId} cannot be ${to} before it was ${status} on ${previousOn}`,
  );
}

/**
 * A case is not ended (closed, declined, IOM rejected) on a UK day before the work already
 * recorded on it: `?asOf=` and the reports replay by `occurredAt`, and would drop the case while
 * its panel was discussing, rating or acting on it, or count a plan completed before it was
 * agreed. Steps recorded without a date were dated when recorded, and bound it as the log shows
 * them.
 */
export function requireEndedAfterLastStep(record: CaseRecord, at: string, rule: string, ended: string): void {
  const { latestStepAt } = record;
  if (latestStepAt === undefined) return;
  requireFromDayOf(
    latestStepAt,
    at,
    rule,
    (on, lastStepOn) =>
      `occurredAt is ${on} (UK), before the last step recorded on case ${record.caseId}, on ${lastStepOn}: it can be ${ended} from that day`,
  );
}
