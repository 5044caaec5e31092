/** A public-task basis under UK GDPR, enough for a data sharing agreement between statutory partners. */
export const PUBLIC_TASK = { regime: 'uk-gdpr', article6: 'e-public-task' };

/** A data sharing agreement between the police and probation, in force since April 2024. */
export const POLICE_PROBATION_DSA = {
  title: 'Police and Probation DSA',
  parties: ['Metropolitan Police', 'Probation'],
  purpose: 'Managing offenders who pose a risk to victims',
  lawfulBasis: PUBLIC_TASK,
  reviewDate: '2030-04-01',
  inForceFrom: '2024-04-01',
};
