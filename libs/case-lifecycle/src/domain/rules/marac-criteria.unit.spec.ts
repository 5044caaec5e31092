import { maracCriteriaMet } from './marac-criteria';

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
