/** Operation Alliance: where the child lives, corrected after the engagement. */
import { ruleRefused } from '../../../../command-handling/src/rejections';
import { CASE_RULES } from '../rule-names';
import type { PanelRegistry } from '../panel-registry';
import { isBefore, requireReason, requireText } from '../input-checks';
import { checkResidenceNamesOneBorough } from '../rules/alliance-residence';
import { homeBoroughNamed } from '../rules/alliance-residence';
import { residenceAt, withResidence } from '../rules/alliance-residence-history';
import type { AllianceEngagementState, CaseState } from '../case-state';
import type { CaseEvent } from '../events/case-events';
import type { RecordAllianceResidence } from '../commands/case-commands';
import { laterFact } from './alliance';
import { caseOfCorrection, requireNotAfterClosure } from './alliance-correction';
import { existingCase } from './case-guards';

/**
 * An out-of-area MASH outcome hands the child to their own borough and ends the scheme's
 * follow-up, so it is refused for a home-borough child; a correction must not make it one after
 * the fact. A move dated after the outcome does not: the child was out of area when handed over.
 * One that does (a typo showing the child lived in the area all along, or a move back-dated
 * before the outcome) is refused, as outcomes cannot be changed: nothing would follow the child up.
 */
function requireOutcomeStillOutOfArea(
  engagement: AllianceEngagementState,
  corrected: { readonly residenceBorough: string; readonly from: string },
  homeBoroughs: readonly string[],
): void {
  const { outcome, outcomeAt } = engagement;
  if (outcome !== 'out-of-area-mash-referral' || outcomeAt === null) return;
  // Logs written before outcomes were held to the engagement's time may date one before it: no
  // residence was in force then for a correction to contradict.
  if (isBefore(outcomeAt, engagement.occurredAt)) return;
  const home = homeBoroughNamed(
    residenceAt(withResidence(engagement.residenceHistory, corrected), outcomeAt),
    homeBoroughs,
  );
  if (home === null) return;
  throw ruleRefused(
    CASE_RULES.allianceResidenceContradictsOutcome,
    `an out-of-area MASH referral was recorded at ${outcomeAt}; ${JSON.stringify(corrected.residenceBorough.trim())} ` +
      `from ${corrected.from} would make the child live in ${home} then, and the scheme follows up its own boroughs' ` +
      `children itself. If the child moved after that referral, date the move after ${outcomeAt}; if they lived in ` +
      `${home} all along, the referral was wrong and an outcome cannot be changed: nothing was recorded, and the ` +
      'child needs following up by the scheme',
    'occurredAt',
  );
}

/**
 * A residence mistyped in the custody suite, or a child who has moved since: the new residence
 * holds from `occurredAt` (not before the engagement), so outcomes, the tracker's `asOf` and the
 * evaluation read the one in force at their own time. It names one borough, as at referral, and
 * says why. The residence already in force then, typed the same, records nothing (a retry).
 * A closed case takes it too, dated up to the closure. It may not make a recorded out-of-area
 * MASH outcome one for a home-borough child.
 */
export function recordAllianceResidence(
  registry: PanelRegistry,
  command: RecordAllianceResidence,
  state: CaseState,
): CaseEvent[] {
  const { data } = command;
  const { rules, engagement, occurredAt } = laterFact(registry, data, state, 'the residence', caseOfCorrection);
  requireNotAfterClosure(
    existingCase(state, data.caseId),
    occurredAt,
    CASE_RULES.allianceResidenceNotAfterClosure,
    'a residence',
    'send the engagement’s time to put right a typo',
  );
  const residenceBorough = checkResidenceNamesOneBorough(
    requireText(data.residenceBorough, 'residence'),
    rules.homeBoroughs,
    'residence',
  );
  const reason = requireReason(
    data.reason,
    'reason',
    CASE_RULES.allianceResidenceReason,
    'say why the residence is corrected (a typo, a move)',
  );
  const previous = residenceAt(engagement.residenceHistory, occurredAt);
  if (previous.trim() === residenceBorough.trim()) return [];
  requireOutcomeStillOutOfArea(engagement, { residenceBorough, from: occurredAt }, rules.homeBoroughs);
  return [
    {
      type: 'alliance-residence-recorded',
      data: {
        engagementId: engagement.engagementId,
        residenceBorough,
        previous,
        reason,
        occurredAt,
      },
    },
  ];
}
