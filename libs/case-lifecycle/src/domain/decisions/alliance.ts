/** Operation Alliance decisions: engagements in custody, their one outcome, and follow-ups. */
import { conflict, invalid, notFound, ruleRefused } from '../../../../command-handling/src/rejections';
import { CASE_RULES } from '../rule-names';
import type { AlliancePanelRules, PanelRegistry } from '../panel-registry';
import { isBefore, optionalText, requireId, requireInstant, requireOneOf, requireText } from '../input-checks';
import { ALLIANCE_OUTCOMES, type AllianceOutcome } from '../vocabulary/alliance';
import {
  allianceOutcomeChange,
  checkAgeAtEngagement,
  checkOutcomeForResidence,
  checkResidenceNamesOneBorough,
  followUpDueAt,
  owesFollowUp,
  requireOnOrAfterEngagement,
} from '../rules/alliance-engagement';
import { residenceAt } from '../rules/alliance-residence-history';
import { entryOf, type AllianceEngagementState, type CaseRecord, type CaseState } from '../case-state';
import type { AllianceEngagementOutcomeRecorded, CaseEvent } from '../events/case-events';
import type {
  CompleteAllianceFollowUp,
  RecordAllianceEngagement,
  RecordAllianceEngagementOutcome,
} from '../commands/case-commands';
import { openCase, rulesOfKind } from './case-guards';

export function engagementOf(record: CaseRecord, engagementId: string): AllianceEngagementState {
  const engagement = record.panel.kind === 'alliance' ? entryOf(record.panel.engagements, engagementId) : undefined;
  if (engagement === undefined) {
    throw notFound(CASE_RULES.allianceEngagementExists, `no engagement ${engagementId} on case ${record.caseId}`);
  }
  return engagement;
}

/**
 * What a fact about a recorded engagement works on: the open Alliance case's rules, the engagement,
 * and the fact's time, which is not before the engagement (`what` names it in the refusal).
 * `caseOf` finds the case (open by default; a correction of a fact may take a closed one).
 */
export function laterFact(
  registry: PanelRegistry,
  data: { readonly caseId: string; readonly engagementId: string; readonly occurredAt: string },
  state: CaseState,
  what: string,
  caseOf: (state: CaseState, caseId: string) => CaseRecord = openCase,
): { rules: AlliancePanelRules; engagement: AllianceEngagementState; occurredAt: string } {
  const record = caseOf(state, data.caseId);
  const rules = rulesOfKind(registry, record, 'alliance');
  const engagement = engagementOf(record, data.engagementId);
  const occurredAt = requireOnOrAfterEngagement(requireInstant(data.occurredAt, 'occurredAt'), engagement, what);
  return { rules, engagement, occurredAt };
}

function outcomeRecorded(
  engagement: Pick<AllianceEngagementState, 'engagementId' | 'followUpDueAt' | 'outcome'>,
  outcome: AllianceOutcome,
  occurredAt: string,
): AllianceEngagementOutcomeRecorded[] {
  const change = allianceOutcomeChange(engagement.outcome, outcome);
  switch (change) {
    case 'unchanged':
      return [];
    case 'refused':
      throw conflict(
        CASE_RULES.allianceOutcomeChange,
        `engagement ${engagement.engagementId} ended in ${String(engagement.outcome)}; only awaiting-intervention ` +
          'may later become intervention-arranged',
      );
    case 'first':
    case 'arranged-after-waiting':
      return [
        {
          type: 'alliance-engagement-outcome-recorded',
          data: {
            engagementId: engagement.engagementId,
            outcome,
            previousOutcome: change === 'arranged-after-waiting' ? 'awaiting-intervention' : null,
            followUpDueAt: owesFollowUp(outcome) ? engagement.followUpDueAt : null,
            occurredAt,
          },
        },
      ];
    default: {
      const unexpected: never = change;
      throw new Error(`unknown outcome change ${String(unexpected)}`);
    }
  }
}

/**
 * A child engaged in custody. The follow-up due time is fixed now, from the panel's setting in
 * force, and stored on the event: changing the setting later does not move past deadlines.
 */
export function recordAllianceEngagement(
  registry: PanelRegistry,
  command: RecordAllianceEngagement,
  state: CaseState,
): CaseEvent[] {
  const { data } = command;
  const record = openCase(state, data.caseId);
  const rules = rulesOfKind(registry, record, 'alliance');
  requireId(data.engagementId, 'engagementId');
  if (record.panel.kind === 'alliance' && entryOf(record.panel.engagements, data.engagementId) !== undefined) {
    throw conflict(CASE_RULES.allianceEngagementIdUnique, `engagement ${data.engagementId} is already recorded`);
  }
  const occurredAt = requireInstant(data.occurredAt, 'occurredAt');
  const ageAtEngagement = checkAgeAtEngagement(data.ageAtEngagement, rules);
  if (data.knownToYos !== null && typeof data.knownToYos !== 'boolean') {
    throw invalid('knownToYos', 'yes-no-or-not-checked', 'knownToYos must be true, false or null (not checked)');
  }
  const residenceBorough = checkResidenceNamesOneBorough(
    requireText(data.residenceBorough, 'residenceBorough'),
    rules.homeBoroughs,
    'residenceBorough',
  );
  const dueAt = followUpDueAt(occurredAt, rules.followUpHours);
  const engaged: CaseEvent = {
    type: 'alliance-engagement-recorded',
    data: {
      engagementId: data.engagementId,
      custodySuite: requireText(data.custodySuite, 'custodySuite'),
      ageAtEngagement,
      residenceBorough,
      knownToYos: data.knownToYos,
      occurredAt,
      followUpDueAt: dueAt,
    },
  };
  if (data.outcome === undefined) return [engaged];
  const outcome = checkOutcomeForResidence(
    requireOneOf(ALLIANCE_OUTCOMES, data.outcome, 'outcome'),
    residenceBorough,
    rules.homeBoroughs,
  );
  return [
    engaged,
    ...outcomeRecorded({ engagementId: data.engagementId, followUpDueAt: dueAt, outcome: null }, outcome, occurredAt),
  ];
}

export function recordAllianceEngagementOutcome(
  registry: PanelRegistry,
  command: RecordAllianceEngagementOutcome,
  state: CaseState,
): CaseEvent[] {
  const { data } = command;
  const outcome = requireOneOf(ALLIANCE_OUTCOMES, data.outcome, 'outcome');
  const { rules, engagement, occurredAt } = laterFact(registry, data, state, 'the outcome');
  // Judged by where the child lived at the outcome's time: a correction dated later does not reach back.
  const residence = residenceAt(engagement.residenceHistory, occurredAt);
  return outcomeRecorded(engagement, checkOutcomeForResidence(outcome, residence, rules.homeBoroughs), occurredAt);
}

export function completeAllianceFollowUp(
  registry: PanelRegistry,
  command: CompleteAllianceFollowUp,
  state: CaseState,
): CaseEvent[] {
  const { data } = command;
  const { engagement, occurredAt } = laterFact(registry, data, state, 'the follow-up');
  if (engagement.followUpCompletedAt !== null) {
    throw conflict(
      CASE_RULES.allianceFollowUpOnce,
      `engagement ${data.engagementId} was followed up at ${engagement.followUpCompletedAt}`,
    );
  }
  if (engagement.releasedAt !== null && isBefore(occurredAt, engagement.releasedAt)) {
    throw ruleRefused(
      CASE_RULES.allianceFollowUpAfterRelease,
      `the follow-up at ${occurredAt} is before the release at ${engagement.releasedAt} it follows`,
      'occurredAt',
    );
  }
  const note = optionalText(data.note);
  return [
    {
      type: 'alliance-follow-up-completed',
      data: {
        engagementId: data.engagementId,
        occurredAt,
        ...(note === undefined ? {} : { note }),
      },
    },
  ];
}
