import { freeTextToReview, REDACTED, redactMarac } from './marac-redaction';

/** Synthetic report fragments shaped like a MARAC referral and an IOM eligibility decision. */
const maracCase = {
  caseId: 'c-m',
  panel: 'MARAC',
  events: [
    {
      data: {
        panelCode: 'MARAC',
        reason: 'Threats after separation',
        details: {
          dashScore: 17,
          previousMaracReferralAt: null,
          criteriaMet: ['visible-high-risk'],
          repeat: false,
          thresholdsApplied: { dashThreshold: 14 },
          incident: { summary: 'Threats to kill' },
        },
      },
    },
  ],
};
const iomCase = { caseId: 'c-i', panel: 'IOM', events: [{ data: { thresholds: { ogrsAlone: 75 }, eligible: true } }] };

describe('MARAC redaction of a subject access report', () => {
  it('redacts MARAC-specific fields whole, and inside a MARAC case its thresholds, criteria, repeat flag and incident', () => {
    const redacted = redactMarac({ cases: [maracCase, iomCase] }, new Set(['c-m'])) as {
      cases: [typeof maracCase, typeof iomCase];
    };
    expect(redacted.cases[0].events[0]?.data.details).toEqual({
      dashScore: REDACTED,
      previousMaracReferralAt: REDACTED,
      criteriaMet: REDACTED,
      repeat: REDACTED,
      thresholdsApplied: REDACTED,
      incident: REDACTED,
    });
    expect(redacted.cases[0].panel).toBe(REDACTED);
    // An IOM case's own thresholds are not MARAC content.
    expect(redacted.cases[1]).toEqual(iomCase);
  });

  it('takes the word MARAC out of text and never names MARAC in its marker', () => {
    const redacted = redactMarac({ purpose: 'Prepare for MARAC on Tuesday' }, new Set());
    expect(redacted).toEqual({ purpose: `Prepare for ${REDACTED} on Tuesday` });
    expect(REDACTED).not.toMatch(/marac/i);
  });

  it('lists free-text fields for a person to read rather than presenting them as redacted', () => {
    const notes = freeTextToReview(
      { cases: [maracCase], reads: [{ purpose: 'safety planning' }, { purpose: '' }], decisions: ['Tell the IDVA'] },
      'why',
    );
    expect(notes).toEqual([
      { path: '$.cases[0].events[0].data.reason', reason: 'why' },
      { path: '$.cases[0].events[0].data.details.incident.summary', reason: 'why' },
      { path: '$.reads[0].purpose', reason: 'why' },
      { path: '$.decisions', reason: 'why' },
    ]);
  });
});
