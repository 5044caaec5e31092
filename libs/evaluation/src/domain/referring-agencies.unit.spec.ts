import { REFERRING_AGENCIES, referringAgency } from './referring-agencies';

describe('referring agency kinds', () => {
  it.each([
    ['Metropolitan Police', 'police'],
    ['  METROPOLITAN   police service ', 'police'],
    ['Synthetic Constabulary', 'police'],
    ['IDVA service', 'idva'],
    ['Independent Domestic Violence Advocate service (Synthetic Women’s Aid)', 'idva'],
    ['Probation', 'probation'],
    ["Children's Social Care", 'childrens-social-care'],
    ['Adult Social Care', 'adult-social-care'],
    ['Synthetic NHS Trust maternity unit', 'health'],
    ['GP surgery', 'health'],
    ['Housing', 'housing'],
    ['Synthetic Primary School', 'education'],
    ['Drug and alcohol service', 'substance-misuse'],
    ["Women's Aid", 'voluntary-sector'],
    ['Haringey Council', 'other'],
  ])('%p is %p', (typed, kind) => {
    expect(referringAgency(typed)).toBe(kind);
  });

  it('never gives back the typed words: a refuge named with its street is a kind from the list', () => {
    const kind = referringAgency('Elm House refuge, 12 Elm Rd');
    expect(kind).toBe('voluntary-sector');
    expect(REFERRING_AGENCIES).toContain(referringAgency('Flat 3, 12 Elm Rd, N15 5AA'));
  });

  it('leaves nothing typed as not recorded', () => {
    expect(referringAgency(undefined)).toBeUndefined();
    expect(referringAgency('   ')).toBeUndefined();
  });
});
