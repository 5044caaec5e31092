/**
 * Held rows of the monthly core-cohort upload: the row lists the person, but its scores (or other
 * cells) could not be read, so the case keeps its standing and only hears the month.
 */
import type { PanelRegistry } from '../panel-registry';
import { requireInstant, requireOneOf, requireYearMonth } from '../input-checks';
import { evaluateIomEligibility, type IomEligibilityResult } from '../rules/iom-eligibility';
import type { CaseState, IomCaseState } from '../case-state';
import { IOM_HELD_REASONS, type CaseEvent } from '../events/case-events';
import type { HoldIomStanding } from '../commands/case-commands';
import { openCase, rulesOfKind } from './case-guards';
import { evaluated } from './iom';

/**
 * A held upload row still lists the case, so the case hears the month whatever its standing:
 * otherwise a late earlier-month file would find no later month on it and overrule the upload
 * that held it. Where saying the recorded scores again changes nothing, that evaluation carries
 * the month (as an unchanged readable row's would); elsewhere `iom-listed-in-upload` does,
 * changing nothing else. A month the case already heard (a retried run, a corrected file for the
 * month) or a later one writes nothing. Decided on the case as it stands when written, so a
 * write racing in between is seen.
 */
export function holdIomStanding(registry: PanelRegistry, command: HoldIomStanding, state: CaseState): CaseEvent[] {
  const { data } = command;
  const record = openCase(state, data.caseId);
  const rules = rulesOfKind(registry, record, 'iom');
  const month = requireYearMonth(data.month, 'month');
  const held = requireOneOf(IOM_HELD_REASONS, data.held, 'held');
  const occurredAt = requireInstant(data.occurredAt, 'occurredAt');
  if (record.panel.kind !== 'iom') return [];
  const iom = record.panel;
  if (iom.uploadMonth !== undefined && month <= iom.uploadMonth) return [];
  const recorded = iom.eligibility?.inputs;
  if (recorded !== undefined) {
    const result = evaluateIomEligibility(rules.eligibilityPolicy, recorded);
    if (keepsStanding(iom, result)) return [evaluated(result, recorded, 'core-cohort-upload', month, occurredAt)];
  }
  return [{ type: 'iom-listed-in-upload', data: { month, held, occurredAt } }];
}

/**
 * Saying the recorded scores again changes nothing but the month: the same policy version judged
 * them (another version would put its own thresholds and route on the case, however it judged),
 * and an eligible evaluation would not lift an expiry flag.
 */
function keepsStanding(iom: IomCaseState, result: IomEligibilityResult): boolean {
  const { eligibility, cohortExpiry } = iom;
  if (eligibility === null) return false;
  const samePolicy = eligibility.policy.id === result.policy.id && eligibility.policy.version === result.policy.version;
  return samePolicy && eligibility.eligible === result.eligible && (!result.eligible || cohortExpiry === undefined);
}
