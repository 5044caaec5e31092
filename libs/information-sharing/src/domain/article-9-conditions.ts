/** UK GDPR Art. 9(2)(a)–(j), for special-category data (health, ethnicity, sex life ...). */
export const ARTICLE_9_CONDITIONS = [
  'a-explicit-consent',
  'b-employment-social-security-social-protection',
  'c-vital-interests',
  'd-not-for-profit-body',
  'e-made-public-by-the-data-subject',
  'f-legal-claims-or-judicial-acts',
  'g-substantial-public-interest',
  'h-health-or-social-care',
  'i-public-health',
  'j-archiving-research-statistics',
] as const;
export type Article9Condition = (typeof ARTICLE_9_CONDITIONS)[number];
