/** Synthetic referral bodies (no real people); NHS numbers use the never-issued 999 range. */
export const person = (overrides: Record<string, unknown> = {}) => ({
  forenames: 'Jordan',
  surname: 'Okafor',
  dateOfBirth: '1990-04-12',
  sex: 'female',
  postcode: 'N17 6AB',
  ...overrides,
});

export const referrer = { name: 'Alex Morgan', agency: 'Metropolitan Police', email: 'alex.morgan@example.org' };

/** The incident is the evening before the referral, wherever a test dates the referral. */
const eveningBefore = (referredAt: unknown): string =>
  typeof referredAt === 'string' && !Number.isNaN(Date.parse(referredAt))
    ? new Date(Date.parse(referredAt) - 10.75 * 3_600_000).toISOString()
    : '2024-05-01T22:15:00Z';

export const maracReferral = (overrides: Record<string, unknown> = {}, marac: Record<string, unknown> = {}) => ({
  panel: 'MARAC',
  referredAt: '2024-05-02T09:00:00Z',
  referrer,
  reason: 'Threats to kill after separation',
  person: person(),
  marac: {
    dashScore: 16,
    criteria: ['visible-high-risk'],
    incidentAt: eveningBefore(overrides.referredAt ?? '2024-05-02T09:00:00Z'),
    consent: { given: true },
    perpetrator: { forenames: 'Sam', surname: 'Reyes', dateOfBirth: '1987-09-30' },
    ...marac,
  },
  ...overrides,
});

export const iomReferral = (iom: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) => ({
  panel: 'IOM',
  referredAt: '2024-03-01T10:00:00Z',
  referrer: { name: 'Pat Lewis', agency: 'Probation' },
  reason: 'Prolific acquisitive offending',
  person: person({
    forenames: 'Dean',
    surname: 'Marsh',
    dateOfBirth: '1995-01-20',
    sex: 'male',
    identifiers: { pnc: '1979/0163001B' },
  }),
  iom: {
    ogrs2: 80,
    ovp2: 35,
    robberyOrBurglaryLast2Years: false,
    route: 'core-partner',
    currentStatus: 'licence',
    ...iom,
  },
  ...overrides,
});

export const allianceReferral = (overrides: Record<string, unknown> = {}, alliance: Record<string, unknown> = {}) => ({
  panel: 'ALLIANCE',
  referredAt: '2020-11-03T15:00:00Z',
  referrer: { name: 'Youth outreach worker', agency: 'Haringey Council' },
  reason: 'Arrested; agreed to talk to outreach worker',
  person: person({ forenames: 'Kai', surname: 'Demir', dateOfBirth: '2005-06-01', sex: 'male' }),
  alliance: { custodySuite: 'Wood Green', residence: 'Haringey', knownToYos: null, ...alliance },
  ...overrides,
});

/** A MAPPA referral of `who` (another panel a woman wrongly merged with a victim may be known to). */
export const mappaReferral = (who: Record<string, unknown>, referredAt = '2024-06-02T10:00:00Z') => ({
  panel: 'MAPPA',
  referredAt,
  referrer,
  reason: 'Risk to a former partner',
  person: who,
});
