import { REDACTED, redactMarac, staffNamingMarac, withoutMaracKeys } from './marac-redaction';

describe('MARAC redaction', () => {
  it('removes MARAC case ids (also inside stream names), the panel code and meeting details, keeping the rest', () => {
    const report = {
      cases: [
        { caseId: 'c-m', panel: 'MARAC', events: [{ stream: 'case-c-m', data: { meetingId: 'm-1', note: 'x' } }] },
      ],
      other: { caseId: 'c-i', panel: 'IOM', nextMeeting: '2024-01-01' },
    };
    expect(redactMarac(report, new Set(['c-m']))).toEqual({
      cases: [
        {
          caseId: REDACTED,
          panel: REDACTED,
          events: [{ stream: `case-${REDACTED}`, data: { meetingId: REDACTED, note: 'x' } }],
        },
      ],
      other: { caseId: 'c-i', panel: 'IOM', nextMeeting: REDACTED },
    });
  });
});

describe('MARAC redaction of who did something', () => {
  const recordedBy = { id: 'marac-1', name: 'Test marac-1', agency: 'MARAC support team' };

  it('keeps staff ids and names as recorded and lists those that say MARAC for review', () => {
    const report = {
      cases: [{ events: [{ recordedBy, data: { note: 'marac-1 chaired' } }] }],
      reads: [{ actor: recordedBy }],
    };
    const redacted = redactMarac(report, new Set()) as typeof report;
    expect(redacted.cases[0]?.events[0]?.recordedBy).toEqual({ ...recordedBy, agency: `${REDACTED} support team` });
    expect(redacted.reads[0]?.actor).toEqual({ ...recordedBy, agency: `${REDACTED} support team` });
    // Text about them is still text.
    expect(redacted.cases[0]?.events[0]?.data.note).toBe(`${REDACTED}-1 chaired`);
    expect(staffNamingMarac(redacted, 'why').map((note) => note.path)).toEqual([
      '$.cases[0].events[0].recordedBy.id',
      '$.cases[0].events[0].recordedBy.name',
      '$.reads[0].actor.id',
      '$.reads[0].actor.name',
    ]);
  });

  it('takes the plural out of text too', () => {
    expect(redactMarac({ purpose: 'Known to two MARACs' }, new Set())).toEqual({ purpose: `Known to two ${REDACTED}` });
  });
});

describe('MARAC redaction of field names', () => {
  it('drops the keys that say MARAC by name and says where each was', () => {
    const report = {
      cases: [
        { events: [{ data: { details: { dashScore: REDACTED, previousMaracReferralAt: REDACTED, kind: 'x' } } }] },
      ],
      person: { safeContactNumber: '[withheld pending review]', meetingId: REDACTED },
    };
    expect(withoutMaracKeys(report)).toEqual({
      value: { cases: [{ events: [{ data: { details: { kind: 'x' } } }] }], person: { meetingId: REDACTED } },
      paths: [
        '$.cases[0].events[0].data.details.dashScore',
        '$.cases[0].events[0].data.details.previousMaracReferralAt',
        '$.person.safeContactNumber',
      ],
    });
  });
});

describe('redaction of another protecting panel alone', () => {
  it('leaves MARAC content to the MARAC member who asked for it, redacting only that panel', () => {
    const report = {
      cases: [{ caseId: 'c-5', panel: 'MASE', data: { meetingId: 'm-2' } }],
      other: { panel: 'MARAC', dashScore: 16, note: 'MARAC and MASE' },
    };
    expect(redactMarac(report, new Set(['c-5']), ['MASE'])).toEqual({
      cases: [{ caseId: REDACTED, panel: REDACTED, data: { meetingId: REDACTED } }],
      other: { panel: 'MARAC', dashScore: 16, note: `MARAC and ${REDACTED}` },
    });
  });
});

describe("MARAC redaction of an earlier subject access report's own parameter", () => {
  it('keeps redactMarac among a read’s parameters, and still drops a MARAC key elsewhere', () => {
    const report = {
      reads: [{ parameters: { redactMarac: 'true', meetingId: 'm-3' } }],
      cases: [{ data: { redactMarac: 'true' } }],
    };
    const redacted = redactMarac(report, new Set());
    expect(redacted).toEqual({
      reads: [{ parameters: { redactMarac: 'true', meetingId: REDACTED } }],
      cases: [{ data: { redactMarac: REDACTED } }],
    });
    expect(withoutMaracKeys(redacted)).toEqual({
      value: { reads: [{ parameters: { redactMarac: 'true', meetingId: REDACTED } }], cases: [{ data: {} }] },
      paths: ['$.cases[0].data.redactMarac'],
    });
  });
});
