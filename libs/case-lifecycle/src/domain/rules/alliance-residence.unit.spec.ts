import { boroughsNamed, checkResidenceNamesOneBorough, homeBoroughNamed } from './alliance-residence';
import { LONDON_BOROUGHS } from '../vocabulary/london-boroughs';
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

  it('reads a street word as a street only when it follows the name in the same part of the text', () => {
    expect(homeBoroughNamed('Haringey, St Ann’s ward', HOME)).toBe('Haringey');
    expect(homeBoroughNamed('Enfield (Road Safety Unit)', HOME)).toBe('Enfield');
    expect(homeBoroughNamed('Flat 1, Enfield; Court Lane', HOME)).toBe('Enfield');
    expect(homeBoroughNamed('4 Enfield St, Islington', HOME)).toBeNull();
    expect(homeBoroughNamed('Haringey St', HOME)).toBeNull();
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

  describe('a residence naming a home borough and another borough', () => {
    const check = (typed: string) => checkResidenceNamesOneBorough(typed, HOME, 'alliance.residence');

    it.each([
      ['Barnet, near Enfield', ['Barnet', 'Enfield']],
      ['Hackney (school in Haringey)', ['Hackney', 'Haringey']],
      ['LB Haringey, moving to Royal Borough of Kingston-upon-Thames', ['Haringey', 'Kingston upon Thames']],
      ['enfield / city of westminster', ['Enfield', 'Westminster']],
      ['Haringey, formerly Enfield', ['Haringey', 'Enfield']],
    ])('refuses %j (400 naming the field), naming the boroughs it read', (typed, boroughs) => {
      const refusal = rejectionFrom(() => check(typed));
      expect(refusal).toMatchObject({ kind: 'invalid', rule: 'alliance-residence-ambiguous' });
      expect(refusal.details[0]?.field).toBe('alliance.residence');
      for (const borough of boroughs) expect(refusal.message).toContain(borough);
      expect(refusal.message).toContain('the one borough the child lives in');
    });

    it('counts the City of London only when named on its own, not at the head of a school’s or another body’s name', () => {
      expect(check('N17 Haringey (City of London school)')).toBe('N17 Haringey (City of London school)');
      expect(check('Enfield, City of London Freemen’s School')).toBe('Enfield, City of London Freemen’s School');
      expect(boroughsNamed('Haringey (City of London Academy)', LONDON_BOROUGHS)).toEqual(['Haringey']);
      for (const typed of [
        'Haringey / City of London',
        'City of London, formerly Enfield',
        'Enfield (City of London)',
      ]) {
        expect(rejectionFrom(() => check(typed))).toMatchObject({ rule: 'alliance-residence-ambiguous' });
      }
    });

    it.each([
      'London Borough of Enfield',
      'Enfield, London',
      'Tottenham, Haringey',
      '12 Enfield Road, Enfield',
      '12 Enfield Road, Hackney',
      '3 Haringey Street, Islington',
      'Barnet, near Camden',
      'Kent',
      'Islington',
    ])('accepts %j: one borough, or no home borough at all', (typed) => {
      expect(check(typed)).toBe(typed);
    });

    it('knows the 32 London boroughs and the City of London, each once, as words', () => {
      expect(LONDON_BOROUGHS).toHaveLength(33);
      expect(new Set(LONDON_BOROUGHS).size).toBe(33);
      expect(boroughsNamed('Hammersmith & Fulham, then LB Barking and Dagenham', LONDON_BOROUGHS)).toEqual([
        'Hammersmith and Fulham',
        'Barking and Dagenham',
      ]);
      expect(boroughsNamed('Enfieldshire, Sutton Road', LONDON_BOROUGHS)).toEqual([]);
    });
  });
});
