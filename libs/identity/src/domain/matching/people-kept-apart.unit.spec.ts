import { weighKeptApart } from './people-kept-apart';
import type { PersonRecord } from './person-record';
import { DEFAULT_MATCHING_MODEL } from './model/default-matching-model';
import { aPersonRecord } from './person-record-fixture';
import { PersonMatcher } from './person-matcher';
import { reviewProposals, type ProposalFacts } from './review-proposals';

const matcherWith = (...people: [PersonRecord, string][]): PersonMatcher => {
  const matcher = new PersonMatcher();
  for (const [record, personId] of people) matcher.add(record, personId);
  return matcher;
};

const { linkThreshold } = DEFAULT_MATCHING_MODEL;
const noDecisions: ProposalFacts = { identifiersConflict: () => false, rejectedBefore: () => false };
/** A reviewer split Q off P: two women of one name and birthday. */
const splitApart: ProposalFacts = {
  ...noDecisions,
  rejectedBefore: (a, b) => [a, b].sort().join() === 'P,Q',
};

/**
 * A record that links to two people: which of them it is, when they are known to be two, only a
 * reviewer can say.
 */
describe('a record that links to two people', () => {
  const matcher = matcherWith(
    [aPersonRecord({ recordId: 'r1', identifiers: { nhsNumber: '9990000018' } }), 'P'],
    [aPersonRecord({ recordId: 'r2' }), 'Q'],
  );
  const result = matcher.match(aPersonRecord({ recordId: 'r3' }));

  it('is linked to neither when a reviewer split them apart, and proposed against each', () => {
    expect(result.candidates.map((candidate) => candidate.outcome)).toEqual(['link', 'link']);
    const weighed = weighKeptApart(result, splitApart, linkThreshold);
    expect(weighed.decision).toBe('review');
    const proposed = reviewProposals(weighed.candidates, 'NEW', false, splitApart);
    expect(proposed.map((candidate) => candidate.personId).sort()).toEqual(['P', 'Q']);
  });

  it('is linked to neither when their identifiers say they are two people', () => {
    const conflicting = { ...noDecisions, identifiersConflict: () => true };
    expect(weighKeptApart(result, conflicting, linkThreshold).decision).toBe('review');
  });

  it('still joins the stronger when nothing says they are two (one person recorded twice)', () => {
    expect(weighKeptApart(result, noDecisions, linkThreshold)).toEqual(result);
    expect(result.decision).toBe('link');
  });

  it('still joins the one it is far closer to (a record just like the one split off joins that person)', () => {
    const splitOff = aPersonRecord({ recordId: 'r5', postcode: 'LS6 2QB', address: '3 Otley Road' });
    const closer = matcherWith([aPersonRecord({ recordId: 'r1' }), 'P'], [splitOff, 'Q']);
    const weighed = weighKeptApart(closer.match({ ...splitOff, recordId: 'r6' }), splitApart, linkThreshold);
    expect(weighed.candidates.map((candidate) => candidate.outcome)).toEqual(['link', 'link']);
    expect(weighed).toMatchObject({ decision: 'link', personId: 'Q' });
  });

  it('still links on an equal identifier the other person lacks', () => {
    const withNhs = matcher.match(aPersonRecord({ recordId: 'r4', identifiers: { nhsNumber: '9990000018' } }));
    expect(weighKeptApart(withNhs, splitApart, linkThreshold)).toMatchObject({ decision: 'link', personId: 'P' });
  });
});

/**
 * A reviewer split Q's record off P stating its PNC ID was typed as hers in error: both hold the
 * value now, so it says nothing about which of them a later record carrying it is.
 */
describe('a record carrying an identifier value two people split apart both hold', () => {
  const pnc = '1979/0006201R';
  const her = aPersonRecord({
    forenames: 'Leanne',
    surname: 'Hartigan',
    dateOfBirth: '1988-07-14',
    sex: 'female',
    postcode: 'E5 0LL',
    address: '4 Synthetic Close',
    identifiers: { pnc },
  });
  const his = { ...her, forenames: 'Lee', sex: 'male' as const, dateOfBirth: '1987-07-14' };
  const matcher = matcherWith([{ ...her, recordId: 'hers' }, 'P'], [{ ...his, recordId: 'his' }, 'Q']);
  // Her forename, his birthday, an address neither had: corroborates the value with her, barely.
  const mixed = {
    ...her,
    recordId: 'mixed',
    sex: 'unknown' as const,
    dateOfBirth: '1987-07-14',
    postcode: 'N4 2AA',
    address: '1 Elsewhere Road',
  };

  it('is linked to neither when the value links it to one only on a little corroboration, and proposed against each', () => {
    const result = matcher.match(mixed);
    expect(result.candidates.map((c) => [c.personId, c.outcome, c.identifierAgreement])).toEqual([
      ['P', 'link', true],
      ['Q', 'review', false],
    ]);
    const weighed = weighKeptApart(result, splitApart, linkThreshold);
    expect(weighed.decision).toBe('review');
    const proposed = reviewProposals(weighed.candidates, 'NEW', false, splitApart);
    expect(proposed.map((candidate) => candidate.personId).sort()).toEqual(['P', 'Q']);
  });

  it('still joins the one whose details outweigh the other’s by a link’s worth', () => {
    const weighed = weighKeptApart(matcher.match({ ...his, recordId: 'his-again' }), splitApart, linkThreshold);
    expect(weighed).toMatchObject({ decision: 'link', personId: 'Q' });
  });

  it('still links on the value when nothing says the two are two', () => {
    expect(weighKeptApart(matcher.match(mixed), noDecisions, linkThreshold)).toMatchObject({
      decision: 'link',
      personId: 'P',
    });
  });
});
