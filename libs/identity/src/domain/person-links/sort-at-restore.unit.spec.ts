import type { PersonDetails } from '../../../../case-lifecycle/src/domain/events/person-events';
import { DEFAULT_MATCHING_MODEL } from '../matching';
import {
  sortByIdentity,
  type HeldRecord,
  type LinkedWhileMerged,
  type PersonMergedWhileOne,
  type Sorting,
} from './sort-at-restore';

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

  it('leaves someone merged in who holds nothing now with the survivor, as there is nothing of theirs to sort', () => {
    const emptied = { ...mergedIn('c'), caseIds: [] };
    expect(sortPeople([emptied]).people).toEqual([
      {
        personId: 'c',
        memberIds: ['c'],
        holdsAll: false,
        caseIds: [],
        recordIds: [],
        goesBack: false,
        by: 'holds-nothing',
      },
    ]);
  });

  it('asks the reviewer about someone merged in whom a MARAC case still names as perpetrator, as the naming goes with them', () => {
    const named = { ...mergedIn('c'), caseIds: [], namedOnCaseIds: ['marac-case'] };
    expect(sortPeople([named]).people.map((p) => [p.goesBack, p.by])).toEqual([[undefined, undefined]]);
  });
});

describe('sorting at a restore keeps together what carries one identifier', () => {
  /** The nominal as she was referred before the merge: no PNC ID yet. */
  const unnumbered = {
    restored: [{ ...nominal, details: { ...nominal.details, identifiers: {} } }],
    staying: [victim],
  };
  const sortBetween = (records: readonly LinkedWhileMerged[], people: readonly PersonMergedWhileOne[] = []) =>
    sortByIdentity({ records, people }, unnumbered, DEFAULT_MATCHING_MODEL);
  const pnc = '1979/0007717P';
  const hers = { recordId: 'mappa-1', caseId: 'c-mappa-1', details: { ...nominal.details, identifiers: { pnc } } };
  const between = {
    recordId: 'mappa-2',
    caseId: 'c-mappa-2',
    details: natalia({ dateOfBirth: '1989-03-15', identifiers: { pnc } }),
  };
  const placed = (sortings: { records: readonly Sorting[] }) =>
    sortings.records.map((s) => [s.recordId, s.goesBack, s.by]);

  it('asks the reviewer about two records of one PNC ID that score with different sides, never parting them', () => {
    const copied = { recordId: 'mappa-2', caseId: 'c-mappa-2', details: { ...victim.details, identifiers: { pnc } } };
    expect(sortBetween([hers]).records[0]?.goesBack).toBe(true);
    expect(sortBetween([copied]).records[0]?.goesBack).toBe(false);
    expect(sortBetween([hers, copied]).records).toEqual([
      { recordId: 'mappa-1', caseId: 'c-mappa-1', sharesAnIdentifier: true },
      { recordId: 'mappa-2', caseId: 'c-mappa-2', sharesAnIdentifier: true },
    ]);
  });

  it('takes a record the score alone leaves undecided to where another of its PNC ID clearly goes', () => {
    expect(placed(sortBetween([between]))).toEqual([['mappa-2', undefined, undefined]]);
    expect(placed(sortBetween([between, hers]))).toEqual([
      ['mappa-2', true, 'identifier'],
      ['mappa-1', true, 'score'],
    ]);
  });

  it('sends with an identifier one side holds every record that carries a value with it, through any kind', () => {
    // Her PNC ID on one, an NHS number on that one and on a record with the victim's details.
    const nhs = '9434765919';
    const both = {
      recordId: 'iom-2',
      details: natalia({ ...nominal.details, identifiers: { pnc: '1979/0006201R', nhs } }),
    };
    const atTheRefuge = { recordId: 'marac-2', details: { ...victim.details, identifiers: { nhs } } };
    expect(placed({ records: sort([atTheRefuge]) })).toEqual([['marac-2', false, 'score']]);
    expect(placed({ records: sort([atTheRefuge, both]) })).toEqual([
      ['marac-2', true, 'identifier'],
      ['iom-2', true, 'identifier'],
    ]);
  });

  it('keeps a person merged in meanwhile with a record of their PNC ID', () => {
    const maiden = { recordId: 'mappa-0', details: { ...hers.details, surname: 'Nowak' } };
    const sorted = sortBetween([between], [mergedIn('c', maiden)]);
    expect([sorted.people[0]?.goesBack, sorted.people[0]?.by]).toEqual([true, 'score']);
    expect(placed(sorted)).toEqual([['mappa-2', true, 'identifier']]);
  });

  it('leaves to the reviewer a record carrying an identifier of each side, however clearly it scores', () => {
    // The nominal's details and PNC ID, and the victim's NHS number: each identifier says it is theirs.
    const nhs = '9434765919';
    const numbered = {
      restored: [nominal],
      staying: [{ ...victim, details: natalia({ ...victim.details, identifiers: { nhs } }) }],
    };
    const carryingBoth = {
      recordId: 'mappa-1',
      caseId: 'c-mappa-1',
      details: natalia({ ...nominal.details, identifiers: { pnc: '1979/0006201R', nhs } }),
    };
    const withoutTheNhs = { ...carryingBoth, details: nominal.details };
    const sortAgainst = (record: LinkedWhileMerged, person?: PersonMergedWhileOne) =>
      sortByIdentity(
        { records: [record], people: person === undefined ? [] : [person] },
        numbered,
        DEFAULT_MATCHING_MODEL,
      );

    expect(sortAgainst(withoutTheNhs).records).toEqual([
      { recordId: 'mappa-1', caseId: 'c-mappa-1', goesBack: true, by: 'identifier' },
    ]);
    expect(sortAgainst(carryingBoth).records).toEqual([
      { recordId: 'mappa-1', caseId: 'c-mappa-1', identifiersOfBoth: { restored: ['pnc'], staying: ['nhsNumber'] } },
    ]);
    // A person merged in who carries one of its values is held with it, never placed by score.
    const maiden = {
      recordId: 'mappa-0',
      details: natalia({ surname: 'Nowak', dateOfBirth: '1989-03-17', identifiers: { nhs } }),
    };
    const sorted = sortAgainst(carryingBoth, mergedIn('c', maiden));
    expect([sorted.records[0]?.goesBack, sorted.people[0]?.goesBack]).toEqual([undefined, undefined]);
    expect(sorted.people[0]?.identifiersOfBoth).toEqual({ restored: ['pnc'], staying: ['nhsNumber'] });
  });

  it('scores what is left against each side with what the score placed there, until nothing more is placed', () => {
    // Neither carries an identifier: her new address, once the first is hers, makes the second hers.
    const moved = { postcode: 'E1 6AN', address: '4 Synthetic Lane' };
    const sameHome = { recordId: 'mappa-3', details: natalia({ dateOfBirth: '1989-03-15', ...moved }) };
    const herNewHome = { recordId: 'mappa-4', details: natalia({ dateOfBirth: '1989-03-17', ...moved }) };
    expect(placed(sortBetween([sameHome]))).toEqual([['mappa-3', undefined, undefined]]);
    expect(placed(sortBetween([sameHome, herNewHome]))).toEqual([
      ['mappa-3', true, 'score'],
      ['mappa-4', true, 'score'],
    ]);
  });
});
