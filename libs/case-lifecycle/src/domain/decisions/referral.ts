/** Making a referral and deciding it (the generic accept/decline; IOM has its own decisions). */
import { conflict, invalid, ruleRefused } from '../../../../command-handling/src/rejections';
import { CASE_RULES } from '../rule-names';
import { ukDay } from '../calendar';
import { findPanel, type PanelDefinition, type PanelRegistry } from '../panel-registry';
import {
  optionalText,
  requireId,
  requireInstant,
  requireNonNegativeInteger,
  requireOneOf,
  requireText,
  requireDateOrInstant,
  requireDate,
  requireYearMonth,
} from '../input-checks';
import {
  CORE_COHORT_UPLOAD_ROUTE,
  IOM_REFERRAL_FORM_ROUTE,
  IOM_REFERRAL_FORM_STATUSES,
  IOM_REFERRAL_ROUTES,
} from '../vocabulary/iom';
import { MARAC_CRITERIA, type MaracConsent } from '../vocabulary/marac';
import type { Referrer } from '../vocabulary/common';
import { judgeMaracRepeat, requirePreviousReferralBefore } from '../rules/marac-repeat';
import { requireMaracCriteria } from '../rules/marac-criteria';
import { checkIomScores, evaluateIomEligibility, type IomScores } from '../rules/iom-eligibility';
import type { CaseState } from '../case-state';
import type { CaseEvent, IomEligibilityEvaluated, ReferralMade } from '../events/case-events';
import type { MaracReferralDetails, ReferralDetails } from '../events/referral-details';
import type {
  AcceptReferral,
  DeclineReferral,
  IomReferralInput,
  MakeReferral,
  MaracReferralInput,
  ReferralInput,
} from '../commands/case-commands';
import { datedByClient, isRulesOfKind, pendingReferral, refuseOnIom } from './case-guards';
import { datedFromReferral } from './case-work';
import { requireEndedAfterLastStep } from './step-dates';

function checkedReferrer(referrer: Referrer): Referrer {
  const email = optionalText(referrer.email);
  const phone = optionalText(referrer.phone);
  return {
    name: requireText(referrer.name, 'referrer.name'),
    agency: requireText(referrer.agency, 'referrer.agency'),
    ...(email === undefined ? {} : { email }),
    ...(phone === undefined ? {} : { phone }),
  };
}

function checkedConsent(consent: MaracConsent): MaracConsent {
  if (consent.given) return { given: true };
  const justification = optionalText(consent.justification);
  if (justification === undefined) {
    throw invalid(
      'marac.consent.justification',
      CASE_RULES.maracConsentJustified,
      'consent was not given: record why sharing without consent is justified',
    );
  }
  return { given: false, justification };
}

/** The form's previous MARAC date: a date, and an earlier MARAC than this referral's UK day. */
function reportedPreviousMarac(reported: string | undefined, referredAt: string): string | undefined {
  if (reported === undefined) return undefined;
  const date = requireDate(reported, 'marac.previousMaracDate');
  const referredOn = ukDay(referredAt);
  if (referredOn !== undefined && date > referredOn) {
    throw invalid(
      'marac.previousMaracDate',
      CASE_RULES.maracPreviousBeforeReferral,
      `marac.previousMaracDate ${date} is after the referral (${referredOn}): it is an earlier MARAC`,
    );
  }
  return date;
}

function maracDetails(
  panel: PanelDefinition,
  input: MaracReferralInput,
  referredAt: string,
  victimId: string,
): MaracReferralDetails {
  if (!isRulesOfKind(panel.rules, 'marac')) throw new Error('maracDetails called for a non-MARAC panel');
  const rules = panel.rules;
  const consent = checkedConsent(input.consent);
  requireId(input.perpetrator.personId, 'marac.perpetrator.personId');
  // Names and date of birth resolving to the victim's own record is a form filled in twice.
  if (input.perpetrator.personId === victimId) {
    throw ruleRefused(
      CASE_RULES.maracPerpetratorNotVictim,
      `the perpetrator resolves to the victim's own person record (${victimId}): name the perpetrator`,
      'marac.perpetrator',
    );
  }
  requireText(input.perpetrator.relationshipToVictim, 'marac.perpetrator.relationshipToVictim');
  input.children.forEach((child, index) => {
    requireText(child.name, `marac.children[${index}].name`);
    if (child.dateOfBirth !== undefined) requireDate(child.dateOfBirth, `marac.children[${index}].dateOfBirth`);
  });
  requireDateOrInstant(input.incident.occurredAt, 'marac.incident.occurredAt');
  requireText(input.incident.summary, 'marac.incident.summary');
  if (input.dashScore !== undefined) requireNonNegativeInteger(input.dashScore, 'marac.dashScore');
  if (input.policeCallouts12m !== undefined)
    requireNonNegativeInteger(input.policeCallouts12m, 'marac.policeCallouts12m');
  input.criteriaTicked.forEach((criterion, index) =>
    requireOneOf(MARAC_CRITERIA, criterion, `marac.criteria[${index}]`),
  );

  requirePreviousReferralBefore(input.previousMaracReferralAt, referredAt);
  const previousMaracDateReported = reportedPreviousMarac(input.previousMaracDateReported, referredAt);
  // SafeLives counts the further incident, not the referral that follows it, in the window. A MARAC
  // before go-live or in another area is known from the form alone, and is a last referral too.
  const judged = judgeMaracRepeat(
    {
      ...(input.previousMaracReferralAt === undefined ? {} : { historyAt: input.previousMaracReferralAt }),
      ...(previousMaracDateReported === undefined ? {} : { reportedOn: previousMaracDateReported }),
    },
    input.incident.occurredAt,
    rules.repeatWindowMonths,
  );
  const { repeat, repeatFrom } = judged;
  const criteriaTicked = MARAC_CRITERIA.filter((criterion) => input.criteriaTicked.includes(criterion));
  const criteriaMet = requireMaracCriteria(
    {
      criteriaTicked,
      repeat,
      ...(input.dashScore === undefined ? {} : { dashScore: input.dashScore }),
      ...(input.policeCallouts12m === undefined ? {} : { policeCallouts12m: input.policeCallouts12m }),
      ...(judged.last === null || judged.windowEndsOn === null
        ? {}
        : { repeatWindow: { lastOn: judged.last.on, from: judged.last.from, endsOn: judged.windowEndsOn } }),
    },
    rules,
  );
  const crimeReference = optionalText(input.crimeReference);
  const safeContactNumber = optionalText(input.safeContactNumber);
  const otherAreaMaracInvolvement = optionalText(input.otherAreaMaracInvolvement);
  return {
    kind: 'marac',
    consent,
    perpetrator: input.perpetrator,
    children: input.children,
    incident: input.incident,
    ...(crimeReference === undefined ? {} : { crimeReference }),
    ...(input.dashScore === undefined ? {} : { dashScore: input.dashScore }),
    ...(input.policeCallouts12m === undefined ? {} : { policeCallouts12m: input.policeCallouts12m }),
    ...(safeContactNumber === undefined ? {} : { safeContactNumber }),
    ...(otherAreaMaracInvolvement === undefined ? {} : { otherAreaMaracInvolvement }),
    ...(previousMaracDateReported === undefined ? {} : { previousMaracDateReported }),
    criteriaTicked,
    criteriaMet,
    repeat,
    repeatFrom,
    previousMaracReferralAt: input.previousMaracReferralAt ?? null,
    thresholdsApplied: {
      dashThreshold: rules.dashThreshold,
      policeCalloutsThreshold: rules.policeCalloutsThreshold,
      repeatWindowMonths: rules.repeatWindowMonths,
    },
  };
}

/**
 * The upload's month when the monthly import opens the case: the case then has that month's word,
 * which a late file for an earlier month must not overrule.
 */
function cohortMonth(input: ReferralInput): string | undefined {
  if (input.kind !== 'iom' || input.cohortMonth === undefined) return undefined;
  if (input.route !== CORE_COHORT_UPLOAD_ROUTE) {
    throw invalid(
      'iom.cohortMonth',
      'core-cohort-upload-only',
      "iom.cohortMonth is the upload's month: only with route probation-core-cohort-upload",
    );
  }
  return requireYearMonth(input.cohortMonth, 'iom.cohortMonth');
}

/**
 * The referral's scores. Any agency may use the referral form, and only probation holds OGRS and
 * OVP: a form without them leaves the case not assessed, where invented scores would record a
 * "not eligible" the panel and analysts would read as a judgement. Every other route gives them.
 */
function referralScores(input: IomReferralInput): IomScores | undefined {
  if (input.scores !== undefined) return checkIomScores(input.scores, 'iom.scores');
  if (input.route === IOM_REFERRAL_FORM_ROUTE) return undefined;
  throw invalid(
    'iom.scores',
    CASE_RULES.iomScoresOnRoute,
    `a ${input.route} referral gives the OGRS and OVP scores: only the referral form may leave them out`,
  );
}

function referralDetails(panel: PanelDefinition, command: MakeReferral): ReferralDetails {
  const input = command.data.details;
  if (input.kind !== panel.rules.kind) {
    throw invalid(
      'details.kind',
      CASE_RULES.referralDetailsMatchPanel,
      `panel ${panel.code} takes ${panel.rules.kind} referrals, not ${input.kind}`,
    );
  }
  switch (input.kind) {
    case 'generic':
      return { kind: 'generic' };
    case 'marac':
      return maracDetails(panel, input, command.data.occurredAt, command.data.personId);
    case 'iom': {
      requireOneOf(IOM_REFERRAL_ROUTES, input.route, 'iom.route');
      if (input.statusAtReferral !== undefined) {
        requireOneOf(IOM_REFERRAL_FORM_STATUSES, input.statusAtReferral, 'iom.statusAtReferral');
      }
      const indexOffence = optionalText(input.indexOffence);
      const scores = referralScores(input);
      return {
        kind: 'iom',
        route: input.route,
        ...(scores === undefined ? {} : { scores }),
        statusAtReferral: input.statusAtReferral ?? null,
        ...(indexOffence === undefined ? {} : { indexOffence }),
      };
    }
    case 'alliance':
      return { kind: 'alliance', custodySuite: requireText(input.custodySuite, 'alliance.custodySuite') };
    default: {
      const unexpected: never = input;
      throw invalid(
        'details.kind',
        CASE_RULES.referralDetailsMatchPanel,
        `unknown referral kind ${JSON.stringify(unexpected)}`,
      );
    }
  }
}

/**
 * A referral opens the case. On an IOM panel the referral's scores, when it has them, are
 * evaluated at once under the policy in force, so the panel sees eligibility before deciding.
 */
export function makeReferral(registry: PanelRegistry, command: MakeReferral, state: CaseState): CaseEvent[] {
  const { data } = command;
  if (state.exists) {
    throw conflict(CASE_RULES.referralOncePerCase, `case ${state.caseId} has already been referred`);
  }
  requireId(data.caseId, 'caseId');
  requireId(data.personId, 'personId');
  const occurredAt = requireInstant(data.occurredAt, 'occurredAt');
  const panel = findPanel(registry, data.panelCode);
  if (panel === undefined) {
    throw invalid('panelCode', CASE_RULES.panelRegistered, `no panel ${data.panelCode} in the panel registry`);
  }
  const referral: ReferralMade = {
    type: 'referral-made',
    data: {
      caseId: data.caseId,
      panelCode: panel.code,
      personId: data.personId,
      referrer: checkedReferrer(data.referrer),
      reason: requireText(data.reason, 'reason'),
      occurredAt,
      details: referralDetails(panel, command),
      ...(data.recordId === undefined
        ? {}
        : { recordId: data.recordId === null ? null : requireId(data.recordId, 'recordId') }),
    },
  };
  if (referral.data.details.kind !== 'iom' || !isRulesOfKind(panel.rules, 'iom')) return [referral];
  const { scores } = referral.data.details;
  // Not assessed: nothing to judge until scores are recorded on the case.
  if (scores === undefined) return [referral];
  const result = evaluateIomEligibility(panel.rules.eligibilityPolicy, scores);
  const month = cohortMonth(command.data.details);
  const evaluation: IomEligibilityEvaluated = {
    type: 'iom-eligibility-evaluated',
    data: {
      ...result,
      inputs: scores,
      source: 'referral',
      ...(month === undefined ? {} : { month }),
      occurredAt,
    },
  };
  return [referral, evaluation];
}

export function acceptReferral(command: AcceptReferral, state: CaseState): CaseEvent[] {
  const record = pendingReferral(state, command.data.caseId);
  refuseOnIom(record, 'accept-referral');
  const note = optionalText(command.data.note);
  return [
    {
      type: 'referral-accepted',
      data: {
        occurredAt: datedFromReferral(record, command.data.occurredAt, CASE_RULES.decisionFromReferral),
        ...(note === undefined ? {} : { note }),
        ...datedByClient(command.data),
      },
    },
  ];
}

export function declineReferral(command: DeclineReferral, state: CaseState): CaseEvent[] {
  const record = pendingReferral(state, command.data.caseId);
  refuseOnIom(record, 'decline-referral');
  const occurredAt = datedFromReferral(record, command.data.occurredAt, CASE_RULES.decisionFromReferral);
  requireEndedAfterLastStep(record, occurredAt, CASE_RULES.decisionAfterLastStep, 'declined');
  const reason = requireText(command.data.reason, 'reason');
  return [
    {
      type: 'referral-declined',
      data: {
        occurredAt,
        reason,
        ...datedByClient(command.data),
      },
    },
  ];
}
