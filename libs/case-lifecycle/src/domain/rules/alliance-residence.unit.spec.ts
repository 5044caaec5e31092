import { homeBoroughNamed } from './alliance-residence';
import { checkOutcomeForResidence, livesInHomeBorough } from './alliance-engagement';
import { rejectionFrom } from '../testing/case-fixtures';

const HOME = ['Enfield', 'Haringey'] as const;

describe('Operation Alliance: the home borough a typed residence names', () => {
  it.each([
    ['Enfield', 'Enfield'],
    ['haringey ', 'Haringey'],
    ['ENFIELD', 'Enfield'],
    ['London Borough of Enfield', 'Enfield'],
    ['LB Haringey', 'Haringey'],
    ['Haringey Council', 'Haringey'],
    ['Enfield, London', 'Enfield'],
    ['Tottenham, Haringey', 'Haringey'],
    ['Haringey.', 'Haringey'],
    ['(Enfield)', 'Enfield'],
    ['Haringey-based', 'Haringey'],
    ['Enfield’s Edmonton Green estate', 'Enfield'],
  ])('reads %j as %s', (typed, borough) => {
    expect(homeBoroughNamed(typed, HOME)).toBe(borough);
    expect(livesInHomeBorough(typed, HOME)).toBe(true);
  });

  it.each(['Islington', 'Kent', 'Barnet', 'Enfieldshire', 'Haringeyside', '', '   ', '.,;'])(
    'finds no home borough in %j: the borough must be a whole word',
    (typed) => {
      expect(homeBoroughNamed(typed, HOME)).toBeNull();
      expect(livesInHomeBorough(typed, HOME)).toBe(false);
    },
  );

  it('reads a home borough in a street name as the street, not the borough', () => {
    expect(homeBoroughNamed('12 Enfield Road, Hackney', HOME)).toBeNull();
    expect(homeBoroughNamed('3 Haringey Street, Islington', HOME)).toBeNull();
    expect(homeBoroughNamed('12 Enfield Road, Enfield', HOME)).toBe('Enfield');
    expect(homeBoroughNamed('Flat 2, 40 Haringey Grove, Haringey', HOME)).toBe('Haringey');
  });

  it('matches a borough of several words as a run of words, "&" standing for "and"', () => {
    const home = ['Barking and Dagenham', 'Kingston upon Thames'];
    expect(homeBoroughNamed('LB Barking & Dagenham', home)).toBe('Barking and Dagenham');
    expect(homeBoroughNamed('Royal Borough of Kingston-upon-Thames', home)).toBe('Kingston upon Thames');
    expect(homeBoroughNamed('Dagenham', home)).toBeNull();
    expect(homeBoroughNamed('Kingston', home)).toBeNull();
  });

  it('takes the borough named first when a text names two', () => {
    expect(homeBoroughNamed('Haringey, formerly Enfield', HOME)).toBe('Haringey');
    expect(homeBoroughNamed('Enfield / Haringey border', HOME)).toBe('Enfield');
  });

  it('refuses the out-of-area MASH outcome for a home borough typed in full, naming the borough it read', () => {
    const refusal = rejectionFrom(() =>
      checkOutcomeForResidence('out-of-area-mash-referral', 'London Borough of Enfield', HOME),
    );
    expect(refusal).toMatchObject({ kind: 'rule-refused', rule: 'alliance-out-of-area-residence' });
    expect(refusal.details[0]?.field).toBe('outcome');
    expect(refusal.message).toContain('Enfield');
    expect(checkOutcomeForResidence('out-of-area-mash-referral', 'Islington', HOME)).toBe('out-of-area-mash-referral');
  });
});
