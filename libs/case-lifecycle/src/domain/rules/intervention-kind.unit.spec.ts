import { interventionKindOf, namesAnIdva } from './intervention-kind';

describe('an intervention kind read from its type', () => {
  it.each([
    'IDVA support',
    'Idva',
    'Referred to Idvas',
    'IDVAs outreach',
    'Independent Domestic Violence Adviser',
    'Independent Domestic Violence Advisor',
    'independent domestic violence advisers',
    'Independent Domestic Abuse Adviser',
    'Independent Domestic Violence Advocate',
    'Independent Domestic Violence Advocacy',
  ])('takes "%s" for an IDVA', (type) => {
    expect(namesAnIdva(type)).toBe(true);
    expect(interventionKindOf(type, undefined)).toBe('idva');
  });

  it.each([
    'ISVA support',
    'Independent Sexual Violence Adviser',
    'Kidvantage mentoring',
    'IDVASS',
    'Independent Domestic Violence Advisory board',
    'Tenancy support',
  ])('does not take "%s" for one', (type) => {
    expect(namesAnIdva(type)).toBe(false);
    expect(interventionKindOf(type, undefined)).toBeUndefined();
  });

  it('keeps the kind given, whatever the type says', () => {
    expect(interventionKindOf('Advocacy', 'idva')).toBe('idva');
  });
});
