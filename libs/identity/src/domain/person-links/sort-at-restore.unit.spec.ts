import type { PersonDetails } from '../../../../case-lifecycle/src/domain/events/person-events';
import { DEFAULT_MATCHING_MODEL } from '../matching';
import { sortByIdentity, type HeldRecord, type LinkedWhileMerged, type PersonMergedWhileOne } from './sort-at-restore';

/** Synthetic: a MARAC victim and an IOM nominal of one name, three days apart in birth, wrongly merged. */
const natalia = (changes: Partial<PersonDetails>): PersonDetails => ({
  forenames: 'Natalia',
  surname: 'Kowalczyk',
  aliases: [],
  sex: 'female',
  identifiers: {},
  ...changes,
});
const victim: HeldRecord = {
  recordId: 'victim',
  details: natalia({ dateOfBirth: '1989-03-14', postcode: 'N15 4QT', address: '3 Synthetic Refuge Road' }),
};
const nominal: HeldRecord = {
  recordId: 'nominal',
  details: natalia({
    dateOfBirth: '1989-03-17',
    postcode: 'SE1 1AA',
    address: '1 Synthetic High Street',
    identifiers: { pnc: '1979/0006201R' },
  }),
};
const sides = { restored: [nominal], staying: [victim] };
const sort = (records: readonly LinkedWhileMerged[]) =>
  sortByIdentity({ records, people: [] }, sides, DEFAULT_MATCHING_MODEL).records;
const sortPeople = (people: readonly PersonMergedWhileOne[], records: readonly LinkedWhileMerged[] = []) =>
  sortByIdentity({ records, people }, sides, DEFAULT_MATCHING_MODEL);
const mergedIn = (personId: string, ...records: HeldRecord[]): PersonMergedWhileOne => ({
  personId,
  memberIds: [personId],
  holdsAll: false,
  records,
  caseIds: [`case-of-${personId}`],
});

describe('sorting the records linked while merged between the restored person and the survivor', () => {
  it('gives a record to the one side whose records hold an equal identifier, wherever it says she lives', () => {
    const atTheRefuge = natalia({ ...victim.details, identifiers: { pnc: '1979/0006201R' } });
    expect(sort([{ recordId: 'iom-2', caseId: 'c-iom-2', details: atTheRefuge }])).toEqual([
      { recordId: 'iom-2', caseId: 'c-iom-2', goesBack: true, by: 'identifier' },
    ]);
  });

  it('gives a record to the side the matcher links it to when it only reviews it against the other', () => {
    const newRefuge = natalia({ dateOfBirth: '1989-03-14', postcode: 'NW10 1AA', address: '9 Synthetic Road' });
    expect(sort([{ recordId: 'marac-2', caseId: 'c-marac-2', details: newRefuge }])).toEqual([
      { recordId: 'marac-2', caseId: 'c-marac-2', goesBack: false, by: 'score' },
    ]);
  });

  it('leaves undecided a record that scores alike with both', () => {
    const between = natalia({ dateOfBirth: '1989-03-15' });
    expect(sort([{ recordId: 'mappa-1', caseId: 'c-mappa-1', details: between }])).toEqual([
      { recordId: 'mappa-1', caseId: 'c-mappa-1' },
    ]);
  });

  it('scores against each side as the identifiers have already sorted it', () => {
    // Her PNC puts the first record with the nominal; its new address then makes the second hers
    // too, which alone scores alike with both (a birthday one digit off each).
    const moved = { postcode: 'E1 6AN', address: '4 Synthetic Lane' };
    const withPnc = natalia({ dateOfBirth: '1989-03-17', ...moved, identifiers: { pnc: '1979/0006201R' } });
    const sameHome = { recordId: 'mappa-1', details: natalia({ dateOfBirth: '1989-03-15', ...moved }) };
    expect(sort([sameHome])).toEqual([{ recordId: 'mappa-1' }]);
    expect(
      sort([{ recordId: 'iom-2', details: withPnc }, sameHome]).map((s) => [s.recordId, s.goesBack, s.by]),
    ).toEqual([
      ['iom-2', true, 'identifier'],
      ['mappa-1', true, 'score'],
    ]);
  });

  it('gives a person merged in meanwhile, with all they hold, to the side an identifier of theirs names', () => {
    const maiden = natalia({
      surname: 'Nowak',
      dateOfBirth: '1989-03-17',
      postcode: 'E1 6AN',
      identifiers: nominal.details.identifiers,
    });
    expect(sortPeople([mergedIn('c', { recordId: 'mappa-0', details: maiden })]).people).toEqual([
      {
        personId: 'c',
        memberIds: ['c'],
        holdsAll: false,
        caseIds: ['case-of-c'],
        recordIds: ['mappa-0'],
        goesBack: true,
        by: 'identifier',
      },
    ]);
  });

  it('places a person by score only where every record of theirs clearly goes the same way', () => {
    const atHerHome = {
      recordId: 'mappa-0',
      details: natalia({ ...nominal.details, surname: 'Nowak', identifiers: {} }),
    };
    const between = { recordId: 'mappa-1', details: natalia({ dateOfBirth: '1989-03-15' }) };
    const placed = (person: PersonMergedWhileOne) => sortPeople([person]).people.map((p) => [p.goesBack, p.by]);
    expect(placed(mergedIn('c', atHerHome))).toEqual([[true, 'score']]);
    expect(placed(mergedIn('c', atHerHome, between))).toEqual([[undefined, undefined]]);
  });

  it('scores the records linked while merged against a side with the people an identifier sent there', () => {
    // Alone, the record is as close to one as the other; the person merged in at her new address decides it.
    const moved = { postcode: 'E1 6AN', address: '4 Synthetic Lane' };
    const sameHome = { recordId: 'mappa-2', details: natalia({ dateOfBirth: '1989-03-15', ...moved }) };
    const withPnc = natalia({ dateOfBirth: '1989-03-17', ...moved, identifiers: nominal.details.identifiers });
    const sorted = sortPeople([mergedIn('c', { recordId: 'iom-0', details: withPnc })], [sameHome]);
    expect(sorted.records).toEqual([{ recordId: 'mappa-2', goesBack: true, by: 'score' }]);
  });
});
