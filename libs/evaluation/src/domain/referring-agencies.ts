/**
 * The kind of agency a MARAC referral came from, as SafeLives' MARAC data counts referral sources.
 * The referrer's agency is typed on the form and has named a refuge and its street, so the report
 * never counts it as typed: it is mapped to a fixed list by the words that name each kind, and
 * anything else is `other`. The partnership configures no agency list to match against, so the
 * words below are that list; a new kind of agency belongs here, not in the report's keys.
 */
export const REFERRING_AGENCIES = [
  'police',
  'idva',
  'probation',
  'childrens-social-care',
  'adult-social-care',
  'health',
  'housing',
  'education',
  'substance-misuse',
  'voluntary-sector',
  'other',
] as const;
export type ReferringAgency = (typeof REFERRING_AGENCIES)[number];

/** First match wins: an IDVA service run by a charity is an IDVA referral, not the voluntary sector's. */
const NAMED_BY: readonly (readonly [ReferringAgency, RegExp])[] = [
  ['idva', /\bidvas?\b|\bindependent domestic (violence|abuse) ad(vo|vis)/],
  ['police', /\bpolice\b|\bconstabulary\b/],
  ['probation', /\bprobation\b/],
  ['childrens-social-care', /\bchild(ren)?'?s? social (care|work)|\bchildren'?s services\b/],
  ['adult-social-care', /\badults?'?s? social (care|work)|\badult'?s? services\b/],
  [
    'health',
    /\bnhs\b|\bhealth\b|\bhospital\b|\bgp\b|\bsurgery\b|\bmaternity\b|\bmidwi|\ba ?& ?e\b|\bemergency department\b/,
  ],
  ['housing', /\bhousing\b|\bhomeless/],
  ['education', /\bschool\b|\beducation\b|\bcollege\b/],
  ['substance-misuse', /\bdrugs?\b|\balcohol\b|\bsubstance\b/],
  ['voluntary-sector', /\brefuge\b|\bwomen'?s aid\b|\bcharity\b|\bvoluntary\b/],
];

/** The agency's kind; undefined when nothing was typed (the reports' "not recorded"). */
export function referringAgency(typed: string | undefined): ReferringAgency | undefined {
  const text = typed?.trim().toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ') ?? '';
  if (text === '') return undefined;
  return NAMED_BY.find(([, words]) => words.test(text))?.[0] ?? 'other';
}
