/** Operation Alliance facts recorded after the engagement: release from custody, known to YOS. */
import { conflict, invalid, ruleRefused } from '../../../../command-handling/src/rejections';
import { CASE_RULES } from '../rule-names';
import type { PanelRegistry } from '../panel-registry';
import { isBefore, requireReason } from '../input-checks';
import { followUpDueAt } from '../rules/alliance-engagement';
import type { CaseState } from '../case-state';
import type { CaseEvent } from '../events/case-events';
import type { RecordAllianceCustodyRelease, RecordAllianceKnownToYos } from '../commands/case-commands';
import { laterFact } from './alliance';
import { caseOfCorrection, requireNotAfterClosure } from './alliance-correction';
import { existingCase } from './case-guards';

/**
 * The scheme follows children up within 24–48 hours of release, so a recorded release moves the
 * follow-up due time to release + the panel's follow-up hours. Recorded once: the same time again
 * (a retried request) records nothing; another time is refused rather than silently moving a
 * deadline. A follow-up already recorded must not come before the release.
 */
export function recordAllianceCustodyRelease(
  registry: PanelRegistry,
  command: RecordAllianceCustodyRelease,
  state: CaseState,
): CaseEvent[] {
  const { rules, engagement, occurredAt: releasedAt } = laterFact(registry, command.data, state, 'the release');
  if (engagement.releasedAt !== null) {
    if (engagement.releasedAt === releasedAt) return [];
    throw conflict(
      CASE_RULES.allianceCustodyReleaseOnce,
      `engagement ${engagement.engagementId} records the child released at ${engagement.releasedAt}`,
    );
  }
  if (engagement.followUpCompletedAt !== null && isBefore(engagement.followUpCompletedAt, releasedAt)) {
    throw ruleRefused(
      CASE_RULES.allianceFollowUpAfterRelease,
      `the follow-up was recorded at ${engagement.followUpCompletedAt}, before this release at ${releasedAt}`,
      'occurredAt',
    );
  }
  return [
    {
      type: 'alliance-custody-release-recorded',
      data: {
        engagementId: engagement.engagementId,
        occurredAt: releasedAt,
        followUpDueAt: followUpDueAt(releasedAt, rules.followUpHours),
      },
    },
  ];
}

/**
 * Known to YOS is often not checked in the custody suite (`null`), and checked later; a wrong
 * answer can be corrected. Either way the reason is kept with the actor on the event. The same
 * value again records nothing. A closed case takes it too, dated up to the closure, as the
 * evaluation counts closed cases.
 */
export function recordAllianceKnownToYos(
  registry: PanelRegistry,
  command: RecordAllianceKnownToYos,
  state: CaseState,
): CaseEvent[] {
  const { data } = command;
  const { engagement, occurredAt } = laterFact(registry, data, state, 'the known-to-YOS check', caseOfCorrection);
  requireNotAfterClosure(
    existingCase(state, data.caseId),
    occurredAt,
    CASE_RULES.allianceKnownToYosNotAfterClosure,
    'a known-to-YOS answer',
    'send the engagement’s time to put right the answer given in custody',
  );
  if (data.knownToYos !== null && typeof data.knownToYos !== 'boolean') {
    throw invalid('knownToYos', 'yes-no-or-not-checked', 'knownToYos must be true, false or null (not checked)');
  }
  const reason = requireReason(
    data.reason,
    'reason',
    CASE_RULES.allianceKnownToYosReason,
    'say why known-to-YOS is recorded or corrected',
  );
  if (data.knownToYos === engagement.knownToYos) return [];
  return [
    {
      type: 'alliance-known-to-yos-recorded',
      data: {
        engagementId: engagement.engagementId,
        knownToYos: data.knownToYos,
        previous: engagement.knownToYos,
        reason,
        occurredAt,
      },
    },
  ];
}
