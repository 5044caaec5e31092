/**
 * The case decider: one person's episode on one panel (`case-<id>`). Built from a panel
 * registry because the rules' settings (thresholds, policy, follow-up hours, status lists)
 * are configuration; `caseDecider` uses the default registry.
 */
import type { Decider } from '../../../command-handling/src/decider';
import { DEFAULT_PANEL_REGISTRY, type PanelRegistry } from './panel-registry';
import { evolveCase, initialCaseState, type CaseState } from './case-state';
import type { CaseEvent } from './events/case-events';
import type { CaseCommand } from './commands/case-commands';
import { acceptReferral, declineReferral, makeReferral } from './decisions/referral';
import {
  agreeAction,
  arrangeIntervention,
  changeCaseStatus,
  closeCase,
  completeAction,
  completeIntervention,
  declineIntervention,
  listCase,
  rateRisk,
  recordEngagement,
  recordPanelDiscussion,
  startIntervention,
} from './decisions/case-work';
import {
  adoptIomCase,
  adoptIomCaseByDiscretion,
  evaluateEligibility,
  flagIomCohortExpiry,
  rejectIomCase,
  updateIomPathways,
} from './decisions/iom';
import { holdIomStanding } from './decisions/iom-held';
import { recordIomWhereabouts } from './decisions/iom-whereabouts';
import {
  completeAllianceFollowUp,
  recordAllianceEngagement,
  recordAllianceEngagementOutcome,
} from './decisions/alliance';
import { recordAllianceCustodyRelease, recordAllianceKnownToYos } from './decisions/alliance-release';
import { recordAllianceResidence } from './decisions/alliance-residence';

export type CaseDecider = Decider<CaseState, CaseCommand, CaseEvent>;

export function createCaseDecider(registry: PanelRegistry): CaseDecider {
  const decide = (command: CaseCommand, state: CaseState): readonly CaseEvent[] => {
    switch (command.type) {
      case 'make-referral':
        return makeReferral(registry, command, state);
      case 'accept-referral':
        return acceptReferral(command, state);
      case 'decline-referral':
        return declineReferral(command, state);
      case 'list-case':
        return listCase(command, state);
      case 'record-panel-discussion':
        return recordPanelDiscussion(command, state);
      case 'agree-action':
        return agreeAction(command, state);
      case 'complete-action':
        return completeAction(command, state);
      case 'arrange-intervention':
        return arrangeIntervention(command, state);
      case 'start-intervention':
        return startIntervention(command, state);
      case 'complete-intervention':
        return completeIntervention(command, state);
      case 'decline-intervention':
        return declineIntervention(command, state);
      case 'record-engagement':
        return recordEngagement(command, state);
      case 'rate-risk':
        return rateRisk(command, state);
      case 'change-case-status':
        return changeCaseStatus(registry, command, state);
      case 'close-case':
        return closeCase(registry, command, state);
      case 'evaluate-iom-eligibility':
        return evaluateEligibility(registry, command, state);
      case 'adopt-iom-case':
        return adoptIomCase(registry, command, state);
      case 'reject-iom-case':
        return rejectIomCase(registry, command, state);
      case 'adopt-iom-case-by-discretion':
        return adoptIomCaseByDiscretion(registry, command, state);
      case 'update-iom-pathways':
        return updateIomPathways(registry, command, state);
      case 'flag-iom-cohort-expiry':
        return flagIomCohortExpiry(registry, command, state);
      case 'hold-iom-standing':
        return holdIomStanding(registry, command, state);
      case 'record-iom-whereabouts':
        return recordIomWhereabouts(registry, command, state);
      case 'record-alliance-engagement':
        return recordAllianceEngagement(registry, command, state);
      case 'record-alliance-engagement-outcome':
        return recordAllianceEngagementOutcome(registry, command, state);
      case 'record-alliance-custody-release':
        return recordAllianceCustodyRelease(registry, command, state);
      case 'record-alliance-known-to-yos':
        return recordAllianceKnownToYos(registry, command, state);
      case 'record-alliance-residence':
        return recordAllianceResidence(registry, command, state);
      case 'complete-alliance-follow-up':
        return completeAllianceFollowUp(registry, command, state);
      default: {
        const unexpected: never = command;
        throw new Error(`unknown case command ${JSON.stringify(unexpected)}`);
      }
    }
  };
  return { initialState: initialCaseState, evolve: evolveCase, decide };
}

export const caseDecider: CaseDecider = createCaseDecider(DEFAULT_PANEL_REGISTRY);
