/**
 * The lawful bases a disclosure or a data sharing agreement may rest on, as an enumerated
 * vocabulary: free text here would make the register impossible to audit. Two regimes:
 * UK GDPR (Art. 6 condition, plus Art. 9 for special-category data and/or Art. 10 for
 * criminal-offence data, each of those needing a DPA 2018 Schedule 1 condition where the Act
 * says so), or DPA 2018 Part 3 for competent authorities processing for law enforcement.
 */
import type { RejectionDetail } from '../../../command-handling/src/rejections';
import { ARTICLE_9_CONDITIONS, type Article9Condition } from './article-9-conditions';
import { schedule1FitProblems } from './schedule-1-fit';

export const LAWFUL_BASIS_REGIMES = ['uk-gdpr', 'dpa-2018-part-3'] as const;
export type LawfulBasisRegime = (typeof LAWFUL_BASIS_REGIMES)[number];

/** UK GDPR Art. 6(1)(a)–(f). */
export const ARTICLE_6_CONDITIONS = [
  'a-consent',
  'b-contract',
  'c-legal-obligation',
  'd-vital-interests',
  'e-public-task',
  'f-legitimate-interests',
] as const;
export type Article6Condition = (typeof ARTICLE_6_CONDITIONS)[number];

export { ARTICLE_9_CONDITIONS, type Article9Condition } from './article-9-conditions';

/** Art. 9(2) conditions that DPA 2018 s10 only satisfies together with a Schedule 1 condition. */
const ARTICLE_9_NEEDING_SCHEDULE_1: readonly Article9Condition[] = [
  'b-employment-social-security-social-protection',
  'g-substantial-public-interest',
  'h-health-or-social-care',
  'i-public-health',
  'j-archiving-research-statistics',
];

/** DPA 2018 Schedule 1 conditions partnerships rely on (Parts 1, 2 and 3). */
export const SCHEDULE_1_CONDITIONS = [
  'para-1-employment-social-security-social-protection',
  'para-2-health-or-social-care',
  'para-3-public-health',
  'para-4-archiving-research-statistics',
  'para-6-statutory-and-government-purposes',
  'para-10-preventing-or-detecting-unlawful-acts',
  'para-11-protecting-the-public',
  'para-12-regulatory-requirements',
  'para-17-counselling',
  'para-18-safeguarding-children-and-individuals-at-risk',
  'para-19-safeguarding-economic-wellbeing',
  'para-29-consent',
  'para-30-vital-interests',
  'para-33-legal-claims',
  'para-36-extension-of-part-2-conditions',
] as const;
export type Schedule1Condition = (typeof SCHEDULE_1_CONDITIONS)[number];

/**
 * Statutes that give the *power* to share, recorded beside the basis (not instead of it): s115
 * lets anyone disclose to a relevant authority where necessary for the Act's purposes, but it
 * creates no duty and does not itself satisfy UK GDPR or DPA 2018.
 */
export const STATUTORY_GATEWAYS = ['crime-and-disorder-act-1998-s115'] as const;
export type StatutoryGateway = (typeof STATUTORY_GATEWAYS)[number];

/** DPA 2018 s35(2): law-enforcement processing is lawful on consent or as necessary for the task. */
export const SECTION_35_BASES = ['consent', 'law-enforcement-task'] as const;
export type Section35Basis = (typeof SECTION_35_BASES)[number];

/** DPA 2018 Schedule 8 conditions for sensitive processing under Part 3. */
export const SCHEDULE_8_CONDITIONS = [
  'para-1-statutory-purposes',
  'para-2-administration-of-justice',
  'para-3-protecting-vital-interests',
  'para-4-safeguarding-children-and-individuals-at-risk',
  'para-5-personal-data-already-in-the-public-domain',
  'para-6-legal-claims',
  'para-7-judicial-acts',
  'para-8-preventing-fraud',
  'para-9-archiving',
] as const;
export type Schedule8Condition = (typeof SCHEDULE_8_CONDITIONS)[number];

export interface UkGdprBasis {
  readonly regime: 'uk-gdpr';
  readonly article6: Article6Condition;
  readonly article9?: Article9Condition;
  /** Criminal-offence data (Art. 10): always needs a Schedule 1 condition outside official authority. */
  readonly article10?: boolean;
  readonly schedule1?: readonly Schedule1Condition[];
  readonly statutoryGateway?: StatutoryGateway;
}

export interface Part3Basis {
  readonly regime: 'dpa-2018-part-3';
  readonly section35: Section35Basis;
  /** Sensitive processing (s35(8)): needs a Schedule 8 condition unless on consent. */
  readonly sensitiveProcessing?: boolean;
  readonly schedule8?: Schedule8Condition;
  readonly statutoryGateway?: StatutoryGateway;
}

export type LawfulBasis = UkGdprBasis | Part3Basis;

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

/**
 * Every problem with a lawful basis as given, each naming its field (under `prefix`) and rule.
 * Empty when the basis is complete and coherent; the caller turns problems into a 400.
 */
export function lawfulBasisProblems(value: unknown, prefix = 'lawfulBasis'): RejectionDetail[] {
  const problems: RejectionDetail[] = [];
  const problem = (field: string, rule: string, message: string): void => {
    problems.push({ field: `${prefix}.${field}`, rule, message });
  };
  if (typeof value !== 'object' || value === null) {
    return [{ field: prefix, rule: 'lawful-basis-required', message: `${prefix} must be an object` }];
  }
  const basis = value as Record<string, unknown>;
  if (!isOneOf(LAWFUL_BASIS_REGIMES, basis.regime)) {
    problem('regime', 'lawful-basis-regime', `regime must be one of ${LAWFUL_BASIS_REGIMES.join(', ')}`);
    return problems;
  }
  if (basis.statutoryGateway !== undefined && !isOneOf(STATUTORY_GATEWAYS, basis.statutoryGateway))
    problem(
      'statutoryGateway',
      'statutory-gateway',
      `statutoryGateway must be one of ${STATUTORY_GATEWAYS.join(', ')}`,
    );
  if (basis.regime === 'uk-gdpr') {
    if (!isOneOf(ARTICLE_6_CONDITIONS, basis.article6))
      problem('article6', 'article-6-condition', `article6 must be one of ${ARTICLE_6_CONDITIONS.join(', ')}`);
    if (basis.article9 !== undefined && !isOneOf(ARTICLE_9_CONDITIONS, basis.article9))
      problem('article9', 'article-9-condition', `article9 must be one of ${ARTICLE_9_CONDITIONS.join(', ')}`);
    if (basis.article10 !== undefined && typeof basis.article10 !== 'boolean')
      problem('article10', 'boolean', 'article10 must be true or false');
    const schedule1 = basis.schedule1;
    if (
      schedule1 !== undefined &&
      (!Array.isArray(schedule1) || !schedule1.every((c) => isOneOf(SCHEDULE_1_CONDITIONS, c)))
    )
      problem(
        'schedule1',
        'schedule-1-condition',
        `schedule1 must list conditions from ${SCHEDULE_1_CONDITIONS.join(', ')}`,
      );
    const needsSchedule1 =
      basis.article10 === true ||
      (isOneOf(ARTICLE_9_CONDITIONS, basis.article9) && ARTICLE_9_NEEDING_SCHEDULE_1.includes(basis.article9));
    if (needsSchedule1 && (!Array.isArray(schedule1) || schedule1.length === 0))
      problem(
        'schedule1',
        'schedule-1-condition-required',
        'Art. 10 data, and Art. 9(2)(b), (g), (h), (i) or (j), need a DPA 2018 Schedule 1 condition',
      );
    else if (Array.isArray(schedule1) && schedule1.every((c) => isOneOf(SCHEDULE_1_CONDITIONS, c)))
      problems.push(
        ...schedule1FitProblems(
          isOneOf(ARTICLE_9_CONDITIONS, basis.article9) ? basis.article9 : undefined,
          basis.article10 === true,
          schedule1,
          prefix,
        ),
      );
    for (const key of ['section35', 'sensitiveProcessing', 'schedule8'])
      if (basis[key] !== undefined) problem(key, 'not-for-regime', `${key} belongs to the dpa-2018-part-3 regime`);
    return problems;
  }
  if (!isOneOf(SECTION_35_BASES, basis.section35))
    problem('section35', 'section-35-basis', `section35 must be one of ${SECTION_35_BASES.join(', ')}`);
  if (basis.sensitiveProcessing !== undefined && typeof basis.sensitiveProcessing !== 'boolean')
    problem('sensitiveProcessing', 'boolean', 'sensitiveProcessing must be true or false');
  if (basis.schedule8 !== undefined && !isOneOf(SCHEDULE_8_CONDITIONS, basis.schedule8))
    problem('schedule8', 'schedule-8-condition', `schedule8 must be one of ${SCHEDULE_8_CONDITIONS.join(', ')}`);
  if (basis.sensitiveProcessing === true && basis.section35 === 'law-enforcement-task' && basis.schedule8 === undefined)
    problem(
      'schedule8',
      'schedule-8-condition-required',
      'sensitive processing without consent needs a Schedule 8 condition',
    );
  // Schedule 8 conditions exist only for sensitive processing (s35(5)): one without it says both.
  if (basis.schedule8 !== undefined && basis.sensitiveProcessing !== true)
    problem(
      'schedule8',
      'schedule-8-needs-sensitive-processing',
      'a Schedule 8 condition is for sensitive processing only: set sensitiveProcessing: true or drop schedule8',
    );
  for (const key of ['article6', 'article9', 'article10', 'schedule1'])
    if (basis[key] !== undefined) problem(key, 'not-for-regime', `${key} belongs to the uk-gdpr regime`);
  return problems;
}

/** A canonical copy holding only the fields of its regime, for storing on events. */
export function canonicalLawfulBasis(basis: LawfulBasis): LawfulBasis {
  if (basis.regime === 'uk-gdpr') {
    return {
      regime: 'uk-gdpr',
      article6: basis.article6,
      ...(basis.article9 === undefined ? {} : { article9: basis.article9 }),
      ...(basis.article10 === undefined ? {} : { article10: basis.article10 }),
      ...(basis.schedule1 === undefined ? {} : { schedule1: [...new Set(basis.schedule1)] }),
      ...gateway(basis),
    };
  }
  return {
    regime: 'dpa-2018-part-3',
    section35: basis.section35,
    ...(basis.sensitiveProcessing === undefined ? {} : { sensitiveProcessing: basis.sensitiveProcessing }),
    ...(basis.schedule8 === undefined ? {} : { schedule8: basis.schedule8 }),
    ...gateway(basis),
  };
}

const gateway = (basis: LawfulBasis): { statutoryGateway?: StatutoryGateway } =>
  basis.statutoryGateway === undefined ? {} : { statutoryGateway: basis.statutoryGateway };
