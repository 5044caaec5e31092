import { aPersonRecord } from './person-record-fixture';
import { DEFAULT_MATCHING_MODEL } from './model/default-matching-model';
import type { PersonRecord } from './person-record';
import { PersonMatcher } from './person-matcher';

const { linkThreshold, reviewThreshold } = DEFAULT_MATCHING_MODEL;

const matcherWith = (...people: [PersonRecord, string][]): PersonMatcher => {
  const matcher = new PersonMatcher();
  for (const [record, personId] of people) matcher.add(record, personId);
  return matcher;
};

/** Match weight of a pair, from a matcher holding only `known`. */
const pairScore = (known: PersonRecord, incoming: PersonRecord): number =>
  matcherWith([known, 'P']).match(incoming).candidates[0]?.score ?? -Infinity;

describe('PersonMatcher', () => {
  it('links a clear duplicate and reports the score and the levels that fired', () => {
    const matcher = matcherWith([aPersonRecord({ recordId: 'r1' }), 'P1']);
    const result = matcher.match(aPersonRecord({ recordId: 'r2', forenames: 'Johnny', address: '12 High Rd' }));
    expect(result.decision).toBe('link');
    expect(result.personId).toBe('P1');
    const [candidate] = result.candidates;
    expect(candidate?.score).toBeGreaterThanOrEqual(linkThreshold);
    expect(candidate?.matchProbability).toBeGreaterThan(0.99);
    expect(candidate?.recordId).toBe('r1');
    expect(candidate?.levels).toEqual({
      identifiers: 'missing',
      forename: 'nickname',
      surname: 'exact',
      nameOrder: 'as-recorded',
      dateOfBirth: 'exact',
      residence: 'same-address',
      sex: 'match',
    });
  });

  it('starts a new person when nobody is close', () => {
    const matcher = matcherWith([aPersonRecord({ recordId: 'r1' }), 'P1']);
    const result = matcher.match(
      aPersonRecord({
        forenames: 'Ayesha',
        surname: 'Begum',
        dateOfBirth: '1999-01-30',
        sex: 'female',
        postcode: 'B11 1AA',
        address: '1 Stratford Road',
      }),
    );
    expect(result).toEqual({ decision: 'new', candidates: [] });
  });

  it('proposes a doubtful match for review', () => {
    const matcher = matcherWith([aPersonRecord({ recordId: 'r1' }), 'P1']);
    const result = matcher.match(
      aPersonRecord({ forenames: 'Jon', dateOfBirth: '1980-06-12', postcode: 'E8 3CD', address: '4 Mare Street' }),
    );
    expect(result.decision).toBe('review');
    expect(result.personId).toBe('P1');
    expect(result.candidates[0]?.score).toBeLessThan(linkThreshold);
    expect(result.candidates[0]?.score).toBeGreaterThanOrEqual(reviewThreshold);
  });

  it('puts to a reviewer a record at the same postcode sharing only the surname, when sex is not recorded', () => {
    const matcher = matcherWith([
      aPersonRecord({ recordId: 'r1', forenames: 'Aisha', surname: 'Khan', dateOfBirth: '1990-03-14', sex: 'female' }),
      'P1',
    ]);
    // Known by another first name, born a year out by this referral, no address line: nothing but
    // the postcode and the surname's sound brings the two together.
    const result = matcher.match(
      aPersonRecord({ forenames: 'Kiran', surname: 'Khan', dateOfBirth: '1991-03-04', sex: 'unknown', address: '' }),
    );
    expect(result.decision).toBe('review');
    expect(result.personId).toBe('P1');
    expect(result.candidates[0]?.levels).toMatchObject({ surname: 'exact', residence: 'postcode', sex: 'missing' });
  });

  describe('deterministic layer', () => {
    it('links on an equal valid identifier even when the score alone would not', () => {
      const known = aPersonRecord({ recordId: 'r1', forenames: 'Robert', identifiers: { nhsNumber: '9434765919' } });
      const incoming = aPersonRecord({
        forenames: 'Bob',
        surname: 'Smyth',
        dateOfBirth: '1981-05-12',
        postcode: 'E8 3CD',
        address: '4 Mare Street',
        identifiers: { nhsNumber: '943 476 5919' },
      });
      const result = matcherWith([known, 'P1']).match(incoming);
      expect(result.decision).toBe('link');
      expect(result.candidates[0]?.identifierAgreement).toBe(true);
      expect(result.candidates[0]?.levels.identifiers).toBe('agree');
      expect(pairScore(known, { ...incoming, identifiers: {} })).toBeLessThan(linkThreshold);
    });

    it('never links two records with different valid identifiers of the same kind, whatever their names', () => {
      const known = aPersonRecord({ recordId: 'r1', identifiers: { pnc: '1979/0163001B' } });
      const identicalButForPnc = { ...known, recordId: 'r2', identifiers: { pnc: '2002/0073319Z' } };
      const result = matcherWith([known, 'P1']).match(identicalButForPnc);
      expect(result.decision).not.toBe('link');
      expect(result.candidates[0]?.guards).toContain('identifier-conflict');
      expect(result.candidates[0]?.score).toBeGreaterThan(linkThreshold);
    });

    it('does not let a conflict be outvoted by another agreeing identifier', () => {
      const known = aPersonRecord({ recordId: 'r1', identifiers: { pnc: '1979/0163001B', nhsNumber: '9434765919' } });
      const result = matcherWith([known, 'P1']).match({
        ...known,
        recordId: 'r2',
        identifiers: { pnc: '2002/0073319Z', nhsNumber: '9434765919' },
      });
      expect(result.decision).toBe('review');
    });

    it('checks conflicts against every record of the person, not just the closest', () => {
      const matcher = matcherWith(
        [aPersonRecord({ recordId: 'r1', identifiers: { crn: 'X482106' } }), 'P1'],
        [aPersonRecord({ recordId: 'r2', address: '12 High Rd' }), 'P1'],
      );
      const result = matcher.match(aPersonRecord({ recordId: 'r3', identifiers: { crn: 'Y654321' } }));
      expect(result.decision).toBe('review');
      expect(result.candidates[0]?.guards).toEqual(['identifier-conflict']);
    });

    it('ignores invalid identifiers rather than treating them as a conflict', () => {
      const known = aPersonRecord({ recordId: 'r1', identifiers: { pnc: '1979/0163001B' } });
      const result = matcherWith([known, 'P1']).match({
        ...known,
        recordId: 'r2',
        identifiers: { pnc: '2001/0171310S' },
      });
      expect(result.decision).toBe('link');
    });

    it('only proposes a shared identifier that nothing else supports (a mistyped or borrowed number)', () => {
      const known = aPersonRecord({ recordId: 'r1', identifiers: { noms: 'G4821BC' } });
      const stranger = aPersonRecord({
        forenames: 'Ayesha',
        surname: 'Begum',
        dateOfBirth: '1999-01-30',
        sex: 'female',
        postcode: 'B11 1AA',
        address: '1 Stratford Road',
        identifiers: { noms: 'G4821BC' },
      });
      const result = matcherWith([known, 'P1']).match(stranger);
      expect(result.decision).toBe('review');
      expect(result.candidates[0]?.guards).toEqual(['uncorroborated-identifier', 'forename-and-birth-differ']);
    });
  });

  describe('household guards', () => {
    it('never auto-links twins: same surname, date of birth and address, different forenames', () => {
      const hassan = aPersonRecord({ recordId: 'r1', forenames: 'Hassan', surname: 'Khan', dateOfBirth: '2008-03-04' });
      const result = matcherWith([hassan, 'P1']).match({ ...hassan, recordId: 'r2', forenames: 'Yusuf' });
      const [candidate] = result.candidates;
      expect(candidate?.score).toBeGreaterThanOrEqual(linkThreshold);
      expect(candidate?.guards).toContain('twins');
      expect(result.decision).toBe('review');
    });

    it('still links a twin-like record whose forename is a nickname of the other', () => {
      const robert = aPersonRecord({ recordId: 'r1', forenames: 'Robert', dateOfBirth: '2008-03-04' });
      expect(matcherWith([robert, 'P1']).match({ ...robert, recordId: 'r2', forenames: 'Bob' }).decision).toBe('link');
    });

    it('never auto-links a parent and child sharing a name and address', () => {
      const father = aPersonRecord({ recordId: 'r1', dateOfBirth: '1961-05-12' });
      const result = matcherWith([father, 'P1']).match({ ...father, recordId: 'r2', dateOfBirth: '1991-05-12' });
      expect(result.decision).not.toBe('link');
      expect(result.candidates[0]?.guards).toContain('different-generation');
    });
  });

  describe('index maintenance for an identity projection', () => {
    it('forgets removed records and follows merges and splits', () => {
      const matcher = matcherWith([aPersonRecord({ recordId: 'r1' }), 'P1'], [aPersonRecord({ recordId: 'r2' }), 'P2']);
      expect(matcher.size).toBe(2);
      expect(matcher.personCount).toBe(2);

      expect(matcher.reassign('r2', 'P1')).toBe(true);
      expect(matcher.recordIdsOf('P1').sort()).toEqual(['r1', 'r2']);
      expect(matcher.personCount).toBe(1);

      expect(matcher.remove('r1')).toBe(true);
      expect(matcher.remove('r1')).toBe(false);
      expect(matcher.personOf('r2')).toBe('P1');
      expect(matcher.match(aPersonRecord({ recordId: 'r3' })).personId).toBe('P1');

      expect(matcher.remove('r2')).toBe(true);
      expect(matcher.match(aPersonRecord({ recordId: 'r3' })).decision).toBe('new');
      expect(matcher.reassign('missing', 'P1')).toBe(false);
    });

    it('does not match a record against itself when it is matched again', () => {
      const matcher = matcherWith([aPersonRecord({ recordId: 'r1' }), 'P1']);
      expect(matcher.match(aPersonRecord({ recordId: 'r1' })).decision).toBe('new');
    });

    it('links to the strongest of several linkable people and lists the others', () => {
      const matcher = matcherWith(
        [aPersonRecord({ recordId: 'r1', identifiers: { crn: 'X482106' } }), 'P1'],
        [aPersonRecord({ recordId: 'r2', address: '12 High Rd' }), 'P2'],
      );
      const result = matcher.match(aPersonRecord({ recordId: 'r3', identifiers: { crn: 'X482106' } }));
      expect(result.decision).toBe('link');
      expect(result.personId).toBe('P1');
      expect(result.candidates.map((candidate) => candidate.personId)).toEqual(['P1', 'P2']);
    });
  });
});
