/** Checks shared by the case decisions: the case exists, is open, and belongs to a known panel. */
import { conflict, invalid, notFound, ruleRefused } from '../../../../command-handling/src/rejections';
import { CASE_RULES } from '../rule-names';
import {
  findPanel,
  type PanelDefinition,
  type PanelKind,
  type PanelRegistry,
  type PanelRules,
} from '../panel-registry';
import type { CaseRecord, CaseState } from '../case-state';

/** The case the command is for; refuses an empty stream or a stream of another case. */
export function existingCase(state: CaseState, caseId: string): CaseRecord {
  if (!state.exists) throw notFound(CASE_RULES.caseExists, `case ${caseId} has not been referred`);
  if (state.caseId !== caseId) {
    throw invalid('caseId', CASE_RULES.caseIdMatchesStream, `command for case ${caseId} sent to case ${state.caseId}`);
  }
  return state;
}

/** A case still in play: referred or accepted. Closed and declined cases take no more work. */
export function openCase(state: CaseState, caseId: string): CaseRecord {
  const record = existingCase(state, caseId);
  if (record.phase === 'closed') throw conflict(CASE_RULES.caseOpen, `case ${caseId} is closed`);
  if (record.phase === 'declined') throw conflict(CASE_RULES.caseOpen, `the referral of case ${caseId} was declined`);
  return record;
}

/** An open case whose referral the panel has not yet decided. */
export function pendingReferral(state: CaseState, caseId: string): CaseRecord {
  const record = openCase(state, caseId);
  if (record.phase !== 'referred') {
    throw conflict(CASE_RULES.referralDecidedOnce, `the referral of case ${caseId} has already been decided`);
  }
  return record;
}

export function isRulesOfKind<K extends PanelKind>(
  rules: PanelRules,
  kind: K,
): rules is Extract<PanelRules, { kind: K }> {
  return rules.kind === kind;
}

/**
 * The registry entry of the case's panel. A panel removed from the registry, or re-configured
 * as another kind, while cases are open is a configuration mistake the user cannot fix: the
 * command is refused as a conflict with the case's recorded panel.
 */
export function panelOfCase(registry: PanelRegistry, record: CaseRecord): PanelDefinition {
  const panel = findPanel(registry, record.panelCode);
  if (panel === undefined) {
    throw conflict(CASE_RULES.panelRegistered, `panel ${record.panelCode} is no longer in the panel registry`);
  }
  if (panel.rules.kind !== record.panel.kind) {
    throw conflict(
      CASE_RULES.panelKind,
      `panel ${record.panelCode} is now configured as ${panel.rules.kind}, the case was referred as ${record.panel.kind}`,
    );
  }
  return panel;
}

/** The panel rules of the given kind, or a conflict when the case belongs to another kind of panel. */
export function rulesOfKind<K extends PanelKind>(
  registry: PanelRegistry,
  record: CaseRecord,
  kind: K,
): Extract<PanelRules, { kind: K }> {
  if (record.panel.kind !== kind) {
    throw conflict(CASE_RULES.panelKind, `case ${record.caseId} is on a ${record.panel.kind} panel, not ${kind}`);
  }
  const { rules } = panelOfCase(registry, record);
  if (!isRulesOfKind(rules, kind)) {
    throw conflict(CASE_RULES.panelKind, `panel ${record.panelCode} has no ${kind} rules`);
  }
  return rules;
}

/** IOM decides referrals by adoption or rejection with a reason; the generic accept/decline is refused. */
export function refuseOnIom(record: CaseRecord, command: string): void {
  if (record.panel.kind === 'iom') {
    throw ruleRefused(
      CASE_RULES.iomAdoptionDecision,
      `IOM referrals are decided by adoption, rejection or discretionary adoption, each with a reason (not ${command})`,
    );
  }
}

/** `{ dated: true }` for the decision's event when the client dated the decision, else nothing. */
export const datedByClient = (data: { readonly dated?: boolean }): { dated?: true } =>
  data.dated === true ? { dated: true } : {};
