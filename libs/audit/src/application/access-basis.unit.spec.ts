import { accessBasis } from './access-basis';

describe('accessBasis', () => {
  it('takes a disclosed view at its word: the disclosures that opened it', () => {
    const disclosed = {
      caseId: 'case-1',
      panel: 'MARAC',
      access: { via: 'disclosure', disclosureIds: ['d-1', 'd-2'] },
    };
    expect(accessBasis('case-viewed', disclosed)).toEqual({ via: 'disclosure', disclosureIds: ['d-1', 'd-2'] });
    // A person disclosure's view says only that it is one.
    expect(accessBasis('person-viewed', { personId: 'p-1', access: { via: 'disclosure' } })).toEqual({
      via: 'disclosure',
      disclosureIds: [],
    });
  });

  it('names the panel a case, meeting or case history was served from', () => {
    expect(accessBasis('case-viewed', { caseId: 'case-1', panel: 'IOM' })).toEqual({ via: 'panel', panel: 'IOM' });
    expect(accessBasis('case-viewed', { meetingId: 'm-1', panelCode: 'MARAC' })).toEqual({
      via: 'panel',
      panel: 'MARAC',
    });
    const history = { items: [{ type: 'referral-made', data: { panelCode: 'ALLIANCE' } }, { type: 'case-closed' }] };
    expect(accessBasis('case-viewed', history)).toEqual({ via: 'panel', panel: 'ALLIANCE' });
  });

  it("names every panel of a person's cases the reader was shown", () => {
    const person = { personId: 'p-1', cases: [{ panel: 'MARAC' }, { panel: 'IOM' }, { panel: 'MARAC' }] };
    expect(accessBasis('person-viewed', person)).toEqual({ via: 'panel', panels: ['IOM', 'MARAC'] });
  });

  it('names the panels of the cases that name the person, for a person seen only as their perpetrator', () => {
    const named = { personId: 'p-1', cases: [], namedOn: [{ caseId: 'case-9', panel: 'MARAC', role: 'perpetrator' }] };
    expect(accessBasis('person-viewed', named)).toEqual({ via: 'panel', panels: ['MARAC'] });
    const both = { personId: 'p-1', cases: [{ panel: 'IOM' }], namedOn: [{ panel: 'MARAC' }] };
    expect(accessBasis('person-viewed', both)).toEqual({ via: 'panel', panels: ['IOM', 'MARAC'] });
  });

  it('says nothing for other reads, or when the body does not show a basis', () => {
    expect(accessBasis('search', { panel: 'IOM', items: [] })).toBeUndefined();
    expect(accessBasis('case-viewed', { caseId: 'case-1' })).toBeUndefined();
    expect(accessBasis('case-viewed', undefined)).toBeUndefined();
  });
});
