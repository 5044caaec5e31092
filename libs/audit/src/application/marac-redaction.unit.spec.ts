import { REDACTED, redactMarac } from './marac-redaction';

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
