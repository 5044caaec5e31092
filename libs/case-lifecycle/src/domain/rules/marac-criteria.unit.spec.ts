import { rejectionFrom } from '../testing/case-fixtures';
import { maracCriteriaMet, requireMaracCriteria } from './marac-criteria';

const defaults = { dashThreshold: 14, policeCalloutsThreshold: 3 };

describe('MARAC criteria met', () => {
  it('meets visible high risk from a DASH score at or above the threshold, ticked or not', () => {
    expect(maracCriteriaMet({ criteriaTicked: [], dashScore: 14, repeat: false }, defaults)).toEqual([
      'visible-high-risk',
    ]);
    expect(maracCriteriaMet({ criteriaTicked: ['visible-high-risk'], dashScore: 13, repeat: false }, defaults)).toEqual(
      [],
    );
    expect(maracCriteriaMet({ criteriaTicked: ['visible-high-risk'], repeat: false }, defaults)).toEqual([]);
  });

  it('meets potential escalation from police callouts at or above the setting', () => {
    expect(maracCriteriaMet({ criteriaTicked: [], policeCallouts12m: 3, repeat: false }, defaults)).toEqual([
      'potential-escalation',
    ]);
    expect(
      maracCriteriaMet({ criteriaTicked: ['potential-escalation'], policeCallouts12m: 2, repeat: false }, defaults),
    ).toEqual([]);
  });

  it('meets professional judgement when ticked, and repeat only when detected', () => {
    expect(maracCriteriaMet({ criteriaTicked: ['professional-judgement'], repeat: false }, defaults)).toEqual([
      'professional-judgement',
    ]);
    expect(maracCriteriaMet({ criteriaTicked: ['repeat'], repeat: false }, defaults)).toEqual([]);
    expect(maracCriteriaMet({ criteriaTicked: [], repeat: true }, defaults)).toEqual(['repeat']);
  });

  it('uses the panel thresholds it is given', () => {
    expect(
      maracCriteriaMet({ criteriaTicked: [], dashScore: 12, repeat: false }, { ...defaults, dashThreshold: 12 }),
    ).toEqual(['visible-high-risk']);
  });
});

describe('MARAC criteria refused: why a ticked repeat does not hold', () => {
  const refusedRepeat = (facts: Omit<Parameters<typeof requireMaracCriteria>[0], 'criteriaTicked' | 'repeat'>) =>
    rejectionFrom(() => requireMaracCriteria({ criteriaTicked: ['repeat'], repeat: false, ...facts }, defaults))
      .message;

  it('says no earlier MARAC is known, here or on the form', () => {
    expect(refusedRepeat({})).toContain(
      'repeat (no earlier MARAC referral of the victim is known: none here, and the form gives no previous MARAC date)',
    );
  });

  it("names the last MARAC, where it is known from, and the window's end", () => {
    expect(refusedRepeat({ repeatWindow: { lastOn: '2025-03-10', from: 'reported', endsOn: '2026-03-10' } })).toContain(
      "repeat (the incident is not within the repeat window of the victim's last MARAC referral " +
        "(2025-03-10, the form's previous MARAC date), from that day to 2026-03-10)",
    );
    expect(refusedRepeat({ repeatWindow: { lastOn: '2024-01-02', from: 'history', endsOn: '2025-01-02' } })).toContain(
      '(2024-01-02, referred here)',
    );
  });
});
