/**
 * IOM decisions. London's old system could not say why 3,729 of 5,958 eligible people were not
 * managed; here every decision on an IOM referral carries a reason, and the eligibility it was
 * judged against (policy id and version) is on record.
 *
 * Adopting a non-eligible case through the normal adopt command is refused as `rule-refused`
 * (rule `iom-core-cohort-eligibility`, 422), not `conflict`: nothing is wrong with the case's
 * state, a panel rule forbids the step, and the client should offer discretionary adoption.
 * Symmetrically, discretionary adoption of an eligible case is refused (`iom-discretion-for-
 * non-eligible`) so that the discretionary count means what it says. Both, and a rejection's
 * `eligibleWhenRejected`, judge eligibility as it stood at the decision's `occurredAt`
 * (`iomStandingAt`): a case a later upload flagged expired is not eligible from the upload's date,
 * but the panel that adopted it the week before adopted an eligible case, however late the
 * coordinator types that up. An undated decision is dated when recorded, so it is judged on the
 * standing then. A case not assessed (a referral form without scores) is not eligible for these
 * rules: the panel adds it by discretion or rejects it, or records its scores first.
 */
import { invalid, ruleRefused } from '../../../../command-handling/src/rejections';
import { CASE_RULES } from '../rule-names';
import type { PanelRegistry } from '../panel-registry';
import { requireInstant, requireOneOf, requireText, requireYearMonth } from '../input-checks';
import { IOM_DISCRETION_CATEGORIES, IOM_PATHWAYS, IOM_REJECTION_CATEGORIES, type IomPathway } from '../vocabulary/iom';
import { categorised } from './iom-categories';
import {
  checkIomScores,
  evaluateIomEligibility,
  sameIomScores,
  type IomEligibilityResult,
  type IomScores,
} from '../rules/iom-eligibility';
import { iomEligibleOn } from '../rules/iom-eligible-now';
import { notBefore, ukDayOf } from '../calendar';
import {
  iomStandingAt,
  sameInstant,
  supersededUpload,
  type CaseRecord,
  type CaseState,
  type IomCaseState,
} from '../case-state';
import type { IomCohortStanding } from '../iom-standing';
import { IOM_COHORT_EXPIRY_REASONS, type CaseEvent } from '../events/case-events';
import type {
  AdoptIomCase,
  AdoptIomCaseByDiscretion,
  EvaluateIomEligibility,
  FlagIomCohortExpiry,
  RejectIomCase,
  UpdateIomPathways,
} from '../commands/case-commands';
import { datedByClient, openCase, pendingReferral, rulesOfKind } from './case-guards';
import { datedFromReferral } from './case-work';
import { requireEndedAfterLastStep } from './step-dates';

/** A decision's `occurredAt`: an instant, from the UK day of the referral on. */
function decisionDate(record: CaseRecord, occurredAt: string): string {
  return datedFromReferral(record, occurredAt, CASE_RULES.iomDecisionFromReferral);
}

function iomState(record: CaseRecord): IomCaseState {
  if (record.panel.kind !== 'iom') throw new Error('iomState called on a non-IOM case after rulesOfKind');
  return record.panel;
}

/**
 * The standing the panel decided on: as the words said by the decision's `occurredAt` left it.
 * The referral's evaluation is dated at the referral, so a decision dated earlier on the
 * referral's day is judged on it. No evaluation by then (a referral form without scores, none
 * recorded yet) is not assessed: never adopted as eligible, and open to discretion or rejection.
 */
function standingWhenDecided(record: CaseRecord, occurredAt: string): IomCohortStanding {
  return iomStandingAt(iomState(record), notBefore(occurredAt, record.referredAt) ? occurredAt : record.referredAt);
}

/** Why adoption as eligible is refused: the policy that judged the case, or the upload that expired it. */
function notEligibleBecause({ eligibility, cohortExpiry }: IomCohortStanding): string {
  if (cohortExpiry !== undefined) {
    return `: the ${cohortExpiry.month} upload flagged it expired (${cohortExpiry.reason})`;
  }
  return eligibility === null ? '' : ` under ${eligibility.policy.id} v${eligibility.policy.version}`;
}

/** Why the case cannot be adopted as eligible on `day`: not eligible then, or not assessed at all. */
function notAdoptableBecause(caseId: string, day: string, standing: IomCohortStanding): string {
  if (standing.eligibility === null && standing.cohortExpiry === undefined) {
    return (
      `case ${caseId} was not assessed for the core cohort on ${day}: no OGRS/OVP scores were recorded by then. ` +
      'Record its scores, or add it by local discretion, with a reason, if the panel wants to manage it'
    );
  }
  return (
    `case ${caseId} was not eligible for the core cohort on ${day}` +
    notEligibleBecause(standing) +
    ': add it by local discretion, with a reason, if the panel wants to manage it'
  );
}

export function evaluateEligibility(
  registry: PanelRegistry,
  command: EvaluateIomEligibility,
  state: CaseState,
): CaseEvent[] {
  const { data } = command;
  const record = openCase(state, data.caseId);
  const rules = rulesOfKind(registry, record, 'iom');
  const scores = checkIomScores(data.scores, 'scores');
  const source = requireOneOf(['core-cohort-upload', 're-assessment'] as const, data.source, 'source');
  const month = data.month === undefined ? undefined : uploadMonth(data.month, source);
  // An upload is dated when received; scores a coordinator records say when they were assessed.
  const occurredAt =
    source === 're-assessment'
      ? datedFromReferral(record, data.occurredAt, CASE_RULES.iomScoresFromReferral)
      : requireInstant(data.occurredAt, 'occurredAt');
  // The state would not take it: a later month's upload already spoke.
  if (supersededUpload(record, month)) return [];
  if (source === 're-assessment' && alreadyRecorded(iomState(record), scores, occurredAt)) return [];
  const result = evaluateIomEligibility(rules.eligibilityPolicy, scores);
  return [evaluated(result, scores, source, month, occurredAt)];
}

/**
 * A retry, as for a status: the evaluation in force at `occurredAt` holds these scores from that
 * very instant. Not only the latest: a client retrying an earlier entry after a newer one must not
 * record it twice. Other scores at the instant of one in force are a correction, and recorded.
 */
function alreadyRecorded(iom: IomCaseState, scores: IomScores, occurredAt: string): boolean {
  const inForce = iomStandingAt(iom, occurredAt).eligibility;
  return inForce !== null && sameIomScores(inForce.inputs, scores) && sameInstant(inForce.evaluatedAt, occurredAt);
}

/** An evaluation recorded as judged (with the upload's month, if an upload's). */
export function evaluated(
  result: IomEligibilityResult,
  inputs: IomScores,
  source: 'core-cohort-upload' | 're-assessment',
  month: string | undefined,
  occurredAt: string,
): CaseEvent {
  return {
    type: 'iom-eligibility-evaluated',
    data: { ...result, inputs, source, ...(month === undefined ? {} : { month }), occurredAt },
  };
}

/** Only an upload covers a month: a re-assessment saying one would be ordered as if it were one. */
function uploadMonth(month: string, source: string): string {
  if (source !== 'core-cohort-upload') {
    throw invalid(
      'month',
      'core-cohort-upload-only',
      "month is the upload's month: only with source core-cohort-upload",
    );
  }
  return requireYearMonth(month, 'month');
}

/**
 * Adopt an eligible case. Adoption is the IOM form of acceptance, so `referral-accepted` follows.
 * Free text only: the policy and version it was eligible under already say why, and no report
 * counts adoption reasons.
 */
export function adoptIomCase(registry: PanelRegistry, command: AdoptIomCase, state: CaseState): CaseEvent[] {
  const { data } = command;
  const record = pendingReferral(state, data.caseId);
  rulesOfKind(registry, record, 'iom');
  const reason = requireText(data.reason, 'reason');
  const occurredAt = decisionDate(record, data.occurredAt);
  const standing = standingWhenDecided(record, occurredAt);
  const { eligibility } = standing;
  if (eligibility === null || !iomEligibleOn(standing)) {
    throw ruleRefused(
      CASE_RULES.iomCoreCohortEligibility,
      notAdoptableBecause(record.caseId, ukDayOf(occurredAt), standing),
    );
  }
  return [
    { type: 'iom-case-adopted', data: { reason, eligibilityPolicy: eligibility.policy, occurredAt } },
    { type: 'referral-accepted', data: { occurredAt, ...datedByClient(data) } },
  ];
}

/** Not managing a case, eligible or not, with the category of why (and the panel's words); `referral-declined` follows. */
export function rejectIomCase(registry: PanelRegistry, command: RejectIomCase, state: CaseState): CaseEvent[] {
  const { data } = command;
  const record = pendingReferral(state, data.caseId);
  rulesOfKind(registry, record, 'iom');
  const decision = categorised(IOM_REJECTION_CATEGORIES, data);
  const occurredAt = decisionDate(record, data.occurredAt);
  requireEndedAfterLastStep(record, occurredAt, CASE_RULES.decisionAfterLastStep, 'rejected');
  return [
    {
      type: 'iom-case-rejected',
      data: { ...decision, eligibleWhenRejected: iomEligibleOn(standingWhenDecided(record, occurredAt)), occurredAt },
    },
    // The decline's reason has always been text: the panel's words, or the category when it gave none.
    {
      type: 'referral-declined',
      data: { reason: decision.reason ?? decision.category, occurredAt, ...datedByClient(data) },
    },
  ];
}

/** A non-eligible case added by local discretion, with the category of why; `referral-accepted` follows. */
export function adoptIomCaseByDiscretion(
  registry: PanelRegistry,
  command: AdoptIomCaseByDiscretion,
  state: CaseState,
): CaseEvent[] {
  const { data } = command;
  const record = pendingReferral(state, data.caseId);
  const rules = rulesOfKind(registry, record, 'iom');
  const decision = categorised(IOM_DISCRETION_CATEGORIES, data);
  const occurredAt = decisionDate(record, data.occurredAt);
  const standing = standingWhenDecided(record, occurredAt);
  const { eligibility } = standing;
  if (eligibility !== null && iomEligibleOn(standing)) {
    throw ruleRefused(
      CASE_RULES.iomDiscretionForNonEligible,
      `case ${record.caseId} was eligible under ${eligibility.policy.id} v${eligibility.policy.version} on ${ukDayOf(occurredAt)}: adopt it`,
    );
  }
  const policy = eligibility?.policy ?? {
    id: rules.eligibilityPolicy.id,
    version: rules.eligibilityPolicy.version,
  };
  return [
    { type: 'iom-discretionary-adoption', data: { ...decision, eligibilityPolicy: policy, occurredAt } },
    { type: 'referral-accepted', data: { occurredAt, ...datedByClient(data) } },
  ];
}

/**
 * The full set of criminogenic needs identified at `occurredAt`. Each review is recorded, the same
 * set again included: a review finding the same needs is the panel's latest word, and a review
 * dated before it, typed up later, must not replace it. Only a retry records nothing: the current
 * set sent with its own `occurredAt`. A review dated before the current set is history (the case
 * keeps no earlier sets to compare it with, so one sent twice is there twice, changing nothing).
 */
export function updateIomPathways(registry: PanelRegistry, command: UpdateIomPathways, state: CaseState): CaseEvent[] {
  const { data } = command;
  const record = openCase(state, data.caseId);
  rulesOfKind(registry, record, 'iom');
  data.pathways.forEach((pathway, index) => requireOneOf(IOM_PATHWAYS, pathway, `pathways[${index}]`));
  const occurredAt = datedFromReferral(record, data.occurredAt, CASE_RULES.iomPathwaysFromReferral);
  // Canonical order without duplicates, so "the same set" compares equal however it was sent.
  const pathways: IomPathway[] = IOM_PATHWAYS.filter((pathway) => data.pathways.includes(pathway));
  const { pathways: current, pathwaysAt } = iomState(record);
  const same = current.length === pathways.length && pathways.every((pathway) => current.includes(pathway));
  if (same && pathwaysAt !== undefined && sameInstant(occurredAt, pathwaysAt)) return [];
  return [{ type: 'iom-pathways-updated', data: { pathways, occurredAt } }];
}

/**
 * The monthly upload no longer supports an open case. Only a flag: closing stays the panel's
 * decision. The same month and reason again records nothing, so a re-imported file is a no-op.
 */
export function flagIomCohortExpiry(
  registry: PanelRegistry,
  command: FlagIomCohortExpiry,
  state: CaseState,
): CaseEvent[] {
  const { data } = command;
  const record = openCase(state, data.caseId);
  rulesOfKind(registry, record, 'iom');
  const month = requireYearMonth(data.month, 'month');
  const reason = requireOneOf(IOM_COHORT_EXPIRY_REASONS, data.reason, 'reason');
  const occurredAt = requireInstant(data.occurredAt, 'occurredAt');
  const current = iomState(record).cohortExpiry;
  if (current?.month === month && current.reason === reason) return [];
  if (supersededUpload(record, month)) return [];
  return [{ type: 'iom-cohort-expiry-flagged', data: { month, reason, occurredAt } }];
}
