/** Operation Alliance: where the child lives, corrected after the engagement. */
import { invalid } from '../../../../command-handling/src/rejections';
import { CASE_RULES } from '../rule-names';
import type { PanelRegistry } from '../panel-registry';
import { requireText } from '../input-checks';
import { checkResidenceNamesOneBorough } from '../rules/alliance-residence';
import { residenceAt } from '../rules/alliance-residence-history';
import type { CaseState } from '../case-state';
import type { CaseEvent } from '../events/case-events';
import type { RecordAllianceResidence } from '../commands/case-commands';
import { laterFact } from './alliance';

/**
 * A residence mistyped in the custody suite, or a child who has moved since: the new residence
 * holds from `occurredAt` (not before the engagement), so outcomes, the tracker's `asOf` and the
 * evaluation read the one in force at their own time. It names one borough, as at referral, and
 * says why. The residence already in force then, typed the same, records nothing (a retry).
 */
export function recordAllianceResidence(
  registry: PanelRegistry,
  command: RecordAllianceResidence,
  state: CaseState,
): CaseEvent[] {
  const { data } = command;
  const { rules, engagement, occurredAt } = laterFact(registry, data, state, 'the residence');
  const residenceBorough = checkResidenceNamesOneBorough(
    requireText(data.residenceBorough, 'residence'),
    rules.homeBoroughs,
    'residence',
  );
  if (typeof data.reason !== 'string' || data.reason.trim().length === 0) {
    throw invalid('reason', CASE_RULES.allianceResidenceReason, 'say why the residence is corrected (a typo, a move)');
  }
  const previous = residenceAt(engagement.residenceHistory, occurredAt) ?? engagement.residenceBorough;
  if (previous.trim() === residenceBorough.trim()) return [];
  return [
    {
      type: 'alliance-residence-recorded',
      data: {
        engagementId: engagement.engagementId,
        residenceBorough,
        previous,
        reason: requireText(data.reason, 'reason'),
        occurredAt,
      },
    },
  ];
}
