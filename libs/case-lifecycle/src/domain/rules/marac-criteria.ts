/**
 * MARAC referral criteria (SafeLives). A referral must meet at least one, or the panel refuses
 * it (`rule-refused`, rule `marac-referral-criteria`). What the referrer ticked is kept as
 * given; what is *met* is worked out from the facts, because a tick is a claim:
 *  - visible high risk: DASH score >= the panel's threshold (14 by default). A tick without a
 *    qualifying score does not satisfy it; a qualifying score satisfies it even unticked.
 *  - potential escalation: police callouts in the last 12 months >= the panel's setting (3 by
 *    default); likewise fact-based.
 *  - professional judgement: the referrer's judgement, met when ticked.
 *  - repeat: met when repeat detection finds the incident within the window of the victim's last
 *    referral, whatever was ticked (a repeat must be heard even below threshold). A tick alone does not
 *    make a repeat: the incident is checked against the victim's last referral here and against the
 *    form's previous MARAC date, and a repeat of either counts.
 */
import { ruleRefused } from '../../../../command-handling/src/rejections';
import { MARAC_CRITERIA, type MaracCriterion } from '../vocabulary/marac';
import { CASE_RULES } from '../rule-names';
import type { MaracRepeatSource } from './marac-repeat';

export const MARAC_REFERRAL_CRITERIA_RULE = CASE_RULES.maracReferralCriteria;

export interface MaracCriteriaFacts {
  readonly criteriaTicked: readonly MaracCriterion[];
  readonly dashScore?: number;
  readonly policeCallouts12m?: number;
  /** From {@link judgeMaracRepeat}. */
  readonly repeat: boolean;
  /** The window the incident was judged against, to say why it is no repeat; absent when no earlier MARAC is known. */
  readonly repeatWindow?: { readonly lastOn: string; readonly from: MaracRepeatSource; readonly endsOn: string };
}

const KNOWN_FROM: Readonly<Record<MaracRepeatSource, string>> = {
  history: 'referred here',
  reported: "the form's previous MARAC date",
};

export interface MaracThresholds {
  readonly dashThreshold: number;
  readonly policeCalloutsThreshold: number;
}

/** The criteria the facts meet, in the canonical order. */
export function maracCriteriaMet(facts: MaracCriteriaFacts, thresholds: MaracThresholds): MaracCriterion[] {
  const met = (criterion: MaracCriterion): boolean => {
    switch (criterion) {
      case 'visible-high-risk':
        return facts.dashScore !== undefined && facts.dashScore >= thresholds.dashThreshold;
      case 'potential-escalation':
        return facts.policeCallouts12m !== undefined && facts.policeCallouts12m >= thresholds.policeCalloutsThreshold;
      case 'professional-judgement':
        return facts.criteriaTicked.includes('professional-judgement');
      case 'repeat':
        return facts.repeat;
      default: {
        const unexpected: never = criterion;
        throw new Error(`unknown MARAC criterion ${String(unexpected)}`);
      }
    }
  };
  return MARAC_CRITERIA.filter(met);
}

/** Throws `rule-refused` when no criterion is met; returns those met otherwise. */
export function requireMaracCriteria(facts: MaracCriteriaFacts, thresholds: MaracThresholds): MaracCriterion[] {
  const met = maracCriteriaMet(facts, thresholds);
  if (met.length === 0) {
    const unsupported = facts.criteriaTicked.map(
      (criterion) => `${criterion} (${unsupportedBecause(criterion, facts, thresholds)})`,
    );
    throw ruleRefused(
      MARAC_REFERRAL_CRITERIA_RULE,
      unsupported.length === 0
        ? `the referral meets no MARAC criterion and none is ticked: DASH score below ${thresholds.dashThreshold}, ` +
            `fewer than ${thresholds.policeCalloutsThreshold} police callouts in 12 months, not a repeat`
        : `the referral meets no MARAC criterion; ticked but not supported by the facts: ${unsupported.join('; ')}`,
      'marac.criteria',
    );
  }
  return met;
}

/** Why a ticked criterion is not met; professional judgement is met whenever ticked. */
function unsupportedBecause(criterion: MaracCriterion, facts: MaracCriteriaFacts, thresholds: MaracThresholds): string {
  switch (criterion) {
    case 'visible-high-risk':
      return facts.dashScore === undefined
        ? 'no DASH score given'
        : `DASH score ${facts.dashScore} is below ${thresholds.dashThreshold}`;
    case 'potential-escalation':
      return facts.policeCallouts12m === undefined
        ? 'no police callouts given'
        : `${facts.policeCallouts12m} police callouts in 12 months, fewer than ${thresholds.policeCalloutsThreshold}`;
    case 'repeat': {
      const window = facts.repeatWindow;
      return window === undefined
        ? 'no earlier MARAC referral of the victim is known: none here, and the form gives no previous MARAC date'
        : `the incident is not within the repeat window of the victim's last MARAC referral ` +
            `(${window.lastOn}, ${KNOWN_FROM[window.from]}), from that day to ${window.endsOn}`;
    }
    case 'professional-judgement':
      return 'met';
    default: {
      const unexpected: never = criterion;
      return String(unexpected);
    }
  }
}
