import { REDACTED, redactMarac, withoutMaracKeys } from './marac-redaction';

/**
 * A redacted MARAC case must not read as a domestic abuse referral by its shape: a reader off the
 * panel sees that a case was redacted, not that someone consented (or not) to sharing after an
 * incident. Synthetic report fragments, shaped as the subject access report holds them after its
 * third-party and whereabouts withholding.
 */
const WITHHELD = '[withheld pending review]';
const referralMade = {
  type: 'referral-made',
  data: {
    caseId: 'c-m',
    panelCode: 'MARAC',
    reason: WITHHELD,
    occurredAt: '2024-05-02T09:00:00Z',
    details: {
      kind: 'marac',
      consent: { given: false, justification: WITHHELD },
      perpetrator: WITHHELD,
      children: WITHHELD,
      incident: { occurredAt: '2024-05-01T22:15:00Z', summary: WITHHELD },
      crimeReference: '01/000001/24',
      policeCallouts12m: 3,
      criteriaTicked: ['potential-escalation'],
      criteriaMet: ['potential-escalation'],
      repeat: true,
      repeatFrom: 'reported',
      thresholdsApplied: { dashThreshold: 14 },
    },
  },
};
const statusChanged = {
  type: 'case-status-changed',
  data: { status: 'idva-support', previousStatus: 'awaiting-meeting', occurredAt: '2024-05-03T10:00:00Z' },
};
const closed = {
  type: 'case-closed',
  data: { exitStatus: 'action-plan-completed', occurredAt: '2024-06-03T10:00:00Z' },
};

/** As the report gives it to a reader off MARAC: redacted, then without the keys that say MARAC. */
const asRedacted = (report: unknown) => withoutMaracKeys(redactMarac(report, new Set(['c-m'])));

describe('the shape of a redacted MARAC case', () => {
  it('keeps of a MARAC referral only its kind (redacted) and the parts withheld for review, listing what it left out', () => {
    const { value, paths } = asRedacted({ cases: [{ caseId: 'c-m', events: [referralMade] }] });
    const details = (value as { cases: { events: { data: { details: unknown } }[] }[] }).cases[0]?.events[0]?.data
      .details;
    expect(details).toEqual({ kind: REDACTED, perpetrator: WITHHELD, children: WITHHELD });
    const at = '$.cases[0].events[0].data.details';
    expect(paths.sort()).toEqual(
      [
        'consent',
        'crimeReference',
        'criteriaMet',
        'criteriaTicked',
        'incident',
        'policeCallouts12m',
        'repeat',
        'repeatFrom',
        'thresholdsApplied',
      ].map((key) => `${at}.${key}`),
    );
  });

  it("redacts the codes of the panel's own status and exit lists", () => {
    const { value } = asRedacted({ cases: [{ caseId: 'c-m', events: [statusChanged, closed] }] });
    expect((value as { cases: { events: unknown[] }[] }).cases[0]?.events).toEqual([
      {
        type: 'case-status-changed',
        data: { status: REDACTED, previousStatus: REDACTED, occurredAt: statusChanged.data.occurredAt },
      },
      { type: 'case-closed', data: { exitStatus: REDACTED, occurredAt: closed.data.occurredAt } },
    ]);
  });

  it('gives the person a MARAC case names neither where the part naming them sits nor their relationship to the victim', () => {
    const named = {
      caseId: 'c-m',
      role: 'named',
      events: [
        {
          type: 'referral-made',
          about: [{ path: '$.details.perpetrator', fields: { personId: 'p-1', relationshipToVictim: WITHHELD } }],
        },
      ],
    };
    const { value, paths } = asRedacted({ cases: [named] });
    expect((value as { cases: { events: { about: unknown }[] }[] }).cases[0]?.events[0]?.about).toEqual([
      { path: REDACTED, fields: { personId: 'p-1' } },
    ]);
    expect(paths).toEqual(['$.cases[0].events[0].about[0].fields.relationshipToVictim']);
  });

  it('leaves the same fields alone outside a MARAC referral: another panel’s status, a disclosure’s consent', () => {
    const iomStatus = { type: 'case-status-changed', data: { status: 'custody', previousStatus: null } };
    const report = {
      cases: [{ caseId: 'c-i', events: [iomStatus] }],
      disclosures: [{ caseId: 'c-m', data: { consent: { given: false } } }],
    };
    expect(asRedacted(report)).toEqual({
      value: { ...report, disclosures: [{ caseId: REDACTED, data: { consent: { given: false } } }] },
      paths: [],
    });
  });
});
