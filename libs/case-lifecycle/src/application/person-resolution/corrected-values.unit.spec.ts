import { BUILT_IN_MATCHING_MODEL } from '../../../../identity/src/config/configured-matching-model';
import { PersonMatcher } from '../../../../identity/src/domain/matching';
import { toPersonRecord } from '../../../../identity/src/domain/person-links';
import type { PersonDetails } from '../../domain/events/person-events';
import { CorrectedValues, type IndexNow } from './corrected-values';

// Synthetic people and CRNs only.
const him: PersonDetails = {
  forenames: 'Jowan',
  surname: 'Pendarves',
  aliases: [],
  dateOfBirth: '1984-02-17',
  postcode: 'N17 6AA',
  identifiers: { crn: 'X710001' },
};
const corrected: PersonDetails = { ...him, identifiers: { crn: 'X710002' } };
const THROUGH_CASE = { reason: 'probation merged his duplicate CRN', source: 'case-iom-1' };

/** His one record `p`, as the resolver's index holds it once `details` are recorded on it. */
function indexHolding(details: PersonDetails): IndexNow {
  const matcher = new PersonMatcher(BUILT_IN_MATCHING_MODEL.model);
  matcher.add(toPersonRecord('p', details), 'p');
  return {
    match: (record) => matcher.match(record),
    personOfRecord: (recordId) => matcher.personOf(recordId),
    identifiersOf: () => [details.identifiers],
  };
}

describe('identifier values corrected away from a record', () => {
  it('recognises his old CRN on a row that otherwise matches him, in any form, naming the case', () => {
    const values = new CorrectedValues();
    values.apply('p', him, corrected, THROUGH_CASE);

    const row = { ...him, identifiers: { crn: 'x710001' } };
    expect(values.correctedAwayFrom(row, indexHolding(corrected))).toEqual([
      { kind: 'crn', personId: 'p', caseId: 'case-iom-1' },
    ]);
  });

  it('recognises a value removed without a replacement', () => {
    const values = new CorrectedValues();
    const removed = { ...him, identifiers: {} };
    values.apply('p', him, removed, THROUGH_CASE);

    expect(values.correctedAwayFrom(him, indexHolding(removed))).toHaveLength(1);
  });

  it('leaves alone a row naming someone else, a value set back since, and a change not made through a case', () => {
    const values = new CorrectedValues();
    values.apply('p', him, corrected, THROUGH_CASE);
    const someoneElse = { ...him, forenames: 'Aurelia', surname: 'Penhallow', dateOfBirth: '1995-04-12' };
    expect(values.correctedAwayFrom(someoneElse, indexHolding(corrected))).toEqual([]);
    // His coordinator set the old value back: it is his again, and the row links to him.
    expect(values.correctedAwayFrom(him, indexHolding(him))).toEqual([]);

    const unsaid = new CorrectedValues();
    unsaid.apply('p', him, corrected, {});
    expect(unsaid.correctedAwayFrom(him, indexHolding(corrected))).toEqual([]);
  });
});
