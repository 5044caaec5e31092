import { DEFAULT_PANEL_REGISTRY, residenceProtectingPanels } from '../../../case-lifecycle/src/domain/panel-registry';
import type { IndexedPerson, IndexedRecord } from './person-index.query';
import {
  detailsAsDisclosed,
  disclosedPersonView,
  openedOnPerson,
  recordsBehindFields,
  type OpenedByDisclosure,
  type RecordPast,
  type PersonSince,
} from './person-visibility';

const BUILT_IN = residenceProtectingPanels(DEFAULT_PANEL_REGISTRY);
/** An index that keeps no record's past: each record's latest change stands for when its values were recorded. */
const NO_PAST: RecordPast = { asOf: (record, position) => (record.detailsPosition <= position ? record : undefined) };

const record = (recordId: string, panel: string, address: string, dateOfBirth: string, at: number): IndexedRecord => ({
  recordId,
  details: {
    forenames: recordId === 'sister' ? 'Sara' : 'Carla',
    surname: 'Penhallow',
    aliases: [],
    dateOfBirth,
    postcode: 'N17 6AB',
    address,
    identifiers: {},
  },
  sourceCaseId: `case-${recordId}`,
  sourcePanel: panel,
  score: null,
  levels: null,
  position: at,
  detailsPosition: at,
  forPerpetrator: false,
});

/** Carla's own MARAC record, and her sister's, linked to her by the matcher (newer). */
const carla = record('carla', 'MARAC', '1 Refuge Lane', '1991-05-05', 1);
const sister = record('sister', 'MARAC', '9 Sister Street', '1991-05-05', 5);
const holding = (records: IndexedRecord[], personId = 'p-carla'): IndexedPerson => ({
  personId,
  mergedPersonIds: [],
  registeredPosition: 1,
  records,
  cases: records.map((r) => ({
    caseId: r.sourceCaseId ?? '',
    panel: 'MARAC',
    open: true,
    referredAt: '2024-05-02',
    maracSensitive: null,
  })),
  namedOn: [],
  panelsEverHeld: ['MARAC'],
  splitFrom: null,
});
const linked = holding([carla, sister]);

const FIELDS = ['name', 'dateOfBirth', 'address', 'postcode'];
/** A MARAC share of her name, date of birth, address and postcode, made while the two were linked. */
const share: OpenedByDisclosure = {
  disclosureId: 'd-1',
  panel: 'MARAC',
  fields: FIELDS,
  recordsBehind: recordsBehindFields(linked, 'MARAC', FIELDS, BUILT_IN, NO_PAST),
  position: 10,
};
/** The person index of a person unchanged since: each record as it is now, however early asked. */
const unchanged: PersonSince = { changedSince: () => false, asOf: (record) => record };

describe('the records behind each field a disclosure gives out', () => {
  it('are the records its value comes from, as the panel sees the person', () => {
    expect(share.recordsBehind).toEqual({
      name: ['carla'],
      dateOfBirth: ['carla', 'sister'],
      address: ['sister'],
      postcode: ['sister'],
    });
  });
});

describe('what a disclosure that kept the records behind each field opens', () => {
  it('opens on each person only the fields whose records they hold once a split parts the records', () => {
    const opened = (person: IndexedPerson) =>
      openedOnPerson(person, [share], BUILT_IN, unchanged).map(({ fields }) => fields);
    expect(opened(holding([carla]))).toEqual([['name', 'dateOfBirth']]);
    expect(opened(holding([sister], 'p-sister'))).toEqual([['dateOfBirth', 'address', 'postcode']]);
    expect(opened(holding([]))).toEqual([]);
  });

  it('shows a field only from those records: never a newer record’s value it did not give out', () => {
    // Given while only Carla's record was hers: her refuge address. The sister's, newer, is never shown.
    const before = {
      ...share,
      recordsBehind: recordsBehindFields(holding([carla]), 'MARAC', FIELDS, BUILT_IN, NO_PAST),
    };
    const opened = openedOnPerson(linked, [before], BUILT_IN, unchanged);
    expect(disclosedPersonView(linked, opened, BUILT_IN, NO_PAST)).toMatchObject({ address: '1 Refuge Lane' });
    expect(detailsAsDisclosed(linked, 'MARAC', opened, BUILT_IN, NO_PAST)).toMatchObject({ address: '1 Refuge Lane' });
  });

  it('gives a case’s disclosed details from the same records as the person view', () => {
    const carlaNow = holding([carla]);
    const opened = openedOnPerson(carlaNow, [share], BUILT_IN, unchanged);
    expect(detailsAsDisclosed(carlaNow, 'MARAC', opened, BUILT_IN, NO_PAST)).toEqual({
      forenames: 'Carla',
      surname: 'Penhallow',
      dateOfBirth: '1991-05-05',
    });
    expect(disclosedPersonView(carlaNow, opened, BUILT_IN, NO_PAST)).toEqual({
      personId: 'p-carla',
      forenames: 'Carla',
      surname: 'Penhallow',
      dateOfBirth: '1991-05-05',
      access: { via: 'disclosure' },
    });
  });

  it('opens nothing its panel does not see now', () => {
    const iomOnly = holding([{ ...sister, sourcePanel: 'IOM' }]);
    const iomPerson: IndexedPerson = { ...iomOnly, cases: iomOnly.cases.map((c) => ({ ...c, panel: 'IOM' })) };
    expect(openedOnPerson(iomPerson, [share], BUILT_IN, unchanged)).toEqual([]);
  });
});

describe('what a disclosure that kept no records opens', () => {
  const { recordsBehind: _none, ...old } = share;

  it('opens as before while its person is unchanged since it was made, and nothing once they are not', () => {
    expect(openedOnPerson(linked, [old], BUILT_IN, unchanged)).toEqual([{ ...old, asGiven: [carla, sister] }]);
    const since: number[] = [];
    const changed: PersonSince = {
      ...unchanged,
      changedSince: (position) => {
        since.push(position);
        return true;
      },
    };
    expect(openedOnPerson(linked, [old], BUILT_IN, changed)).toEqual([]);
    expect(since).toEqual([10]);
  });

  it('opens nothing when where it was recorded is not known', () => {
    const { position: _unknown, ...unplaced } = old;
    expect(openedOnPerson(linked, [unplaced], BUILT_IN, unchanged)).toEqual([]);
  });
});

describe('the values a disclosure opens', () => {
  /** Carla's own record, her home address given out at 10; her refuge recorded on it at 20. */
  const home = record('carla', 'MARAC', '14 Home Street', '1991-05-05', 1);
  const refuge: IndexedRecord = {
    ...home,
    details: { ...home.details, address: '1 Refuge Lane' },
    detailsPosition: 20,
  };
  const carlaNow = holding([refuge]);
  const given = { ...share, recordsBehind: recordsBehindFields(holding([home]), 'MARAC', FIELDS, BUILT_IN, NO_PAST) };
  /** What the index kept of her record: her home address until 20. */
  const history: PersonSince = {
    changedSince: () => false,
    asOf: (r, position) => (position < r.detailsPosition ? home : r),
  };

  it('are each record’s as it stood when it was made, never details recorded on it since', () => {
    const opened = openedOnPerson(carlaNow, [given], BUILT_IN, history);
    expect(disclosedPersonView(carlaNow, opened, BUILT_IN, NO_PAST)).toMatchObject({ address: '14 Home Street' });
    expect(detailsAsDisclosed(carlaNow, 'MARAC', opened, BUILT_IN, NO_PAST)).toMatchObject({
      address: '14 Home Street',
    });
    expect(JSON.stringify(disclosedPersonView(carlaNow, opened, BUILT_IN, NO_PAST))).not.toContain('Refuge');
  });

  it('are those of the latest disclosure that gave the record out again after the change', () => {
    const again: OpenedByDisclosure = { ...given, disclosureId: 'd-2', fields: ['address'], position: 30 };
    const opened = openedOnPerson(carlaNow, [given, again], BUILT_IN, history);
    expect(disclosedPersonView(carlaNow, opened, BUILT_IN, NO_PAST)).toMatchObject({
      address: '1 Refuge Lane',
      postcode: 'N17 6AB',
    });
  });

  it('open nothing of a record the index cannot say how it stood (an older version answering)', () => {
    const unknown: PersonSince = {
      changedSince: () => false,
      asOf: (r, position) => (position < r.detailsPosition ? undefined : r),
    };
    expect(openedOnPerson(carlaNow, [given], BUILT_IN, unknown)).toEqual([]);
    const { recordsBehind: _none, ...old } = given;
    expect(openedOnPerson(carlaNow, [old], BUILT_IN, unknown)).toEqual([]);
    // The same entry kept no records: it opens her record as it stood then, when the index can say.
    expect(
      disclosedPersonView(carlaNow, openedOnPerson(carlaNow, [old], BUILT_IN, history), BUILT_IN, NO_PAST),
    ).toMatchObject({
      address: '14 Home Street',
    });
  });

  it('are never those of a later disclosure whose panel may not open the field on the record', () => {
    // An IOM entry recorded before records were kept, after her move: IOM never sees MARAC's residence.
    const iomCase = { caseId: 'case-iom', panel: 'IOM', open: true, referredAt: '2024-05-01', maracSensitive: null };
    const alsoIom: IndexedPerson = { ...carlaNow, cases: [...carlaNow.cases, iomCase] };
    const iomLater: OpenedByDisclosure = { disclosureId: 'd-iom', panel: 'IOM', fields: ['address'], position: 30 };
    const opened = openedOnPerson(alsoIom, [given, iomLater], BUILT_IN, history);
    expect(disclosedPersonView(alsoIom, opened, BUILT_IN, NO_PAST)).toMatchObject({ address: '14 Home Street' });
  });

  it('are dated by the latest disclosure giving each field, changed since or not', () => {
    const first = { ...given, occurredAt: '2024-06-03T10:00:00.000Z' };
    const again: OpenedByDisclosure = {
      ...first,
      disclosureId: 'd-2',
      fields: ['address'],
      position: 30,
      occurredAt: '2024-07-01T10:00:00.000Z',
    };
    const opened = openedOnPerson(carlaNow, [first, again], BUILT_IN, history);
    expect(disclosedPersonView(carlaNow, opened, BUILT_IN, NO_PAST)?.asDisclosedOn).toEqual({
      name: '2024-06-03T10:00:00.000Z',
      dateOfBirth: '2024-06-03T10:00:00.000Z',
      address: '2024-07-01T10:00:00.000Z',
      postcode: '2024-06-03T10:00:00.000Z',
    });
  });
});
