/**
 * Which Part of DPA 2018 Schedule 1 a condition must come from (s10): Art. 9(2)(b), (h), (i)
 * and (j) are met only with a Part 1 condition (paras 1–4), Art. 9(2)(g) only with a Part 2
 * condition (the substantial public interest conditions, paras 6–28), and Part 3 (paras 29–37)
 * serves criminal-offence data (Art. 10) only. Art. 10 itself may use any of Parts 1–3. A
 * Schedule 1 condition serves nothing else, so one with neither is special-category processing
 * recorded without the Art. 9 condition it would need.
 */
import type { RejectionDetail } from '../../../command-handling/src/rejections';
import type { Article9Condition } from './article-9-conditions';

type Schedule1Part = 1 | 2 | 3;

/** The Part a paragraph sits in, read from its number (`para-18-…` → Part 2). */
export function schedule1PartOf(condition: string): Schedule1Part | undefined {
  const paragraph = Number(/^para-(\d+)-/.exec(condition)?.[1]);
  if (!Number.isInteger(paragraph) || paragraph < 1 || paragraph > 37) return undefined;
  return paragraph <= 4 ? 1 : paragraph <= 28 ? 2 : 3;
}

const PART_FOR_ARTICLE_9: Partial<Record<Article9Condition, Schedule1Part>> = {
  'b-employment-social-security-social-protection': 1,
  'g-substantial-public-interest': 2,
  'h-health-or-social-care': 1,
  'i-public-health': 1,
  'j-archiving-research-statistics': 1,
};

const PART_NAMES: Record<Schedule1Part, string> = {
  1: 'Part 1 (paragraphs 1–4)',
  2: 'Part 2 (paragraphs 6–28, substantial public interest)',
  3: 'Part 3 (paragraphs 29–37, criminal convictions)',
};

/**
 * Problems with how the listed conditions fit the Art. 9 condition and Art. 10, under
 * `prefix.schedule1`. Missing conditions altogether are `schedule-1-condition-required`, not here.
 */
export function schedule1FitProblems(
  article9: Article9Condition | undefined,
  article10: boolean,
  schedule1: readonly string[],
  prefix = 'lawfulBasis',
): RejectionDetail[] {
  if (schedule1.length === 0) return [];
  const field = `${prefix}.schedule1`;
  const parts = schedule1.map(schedule1PartOf);
  const problems: RejectionDetail[] = [];
  const needed = article9 === undefined ? undefined : PART_FOR_ARTICLE_9[article9];
  if (needed !== undefined && !parts.includes(needed))
    problems.push({
      field,
      rule: 'schedule-1-fits-article-9',
      message: `Art. 9(2)(${article9?.charAt(0) ?? ''}) needs a condition from Schedule 1 ${PART_NAMES[needed]} (DPA 2018 s10)`,
    });
  if (!article10 && parts.includes(3))
    problems.push({
      field,
      rule: 'schedule-1-part-3-needs-article-10',
      message: `Schedule 1 ${PART_NAMES[3]} conditions serve criminal-offence data only: set article10 or list another condition`,
    });
  // Part 3's own rule already says what is missing; otherwise the condition serves nothing recorded.
  else if (article9 === undefined && !article10)
    problems.push({
      field,
      rule: 'schedule-1-needs-article-9-or-10',
      message:
        'a Schedule 1 condition serves Art. 9 special-category or Art. 10 criminal-offence data only: ' +
        'name the article9 condition, set article10, or drop schedule1',
    });
  return problems;
}
