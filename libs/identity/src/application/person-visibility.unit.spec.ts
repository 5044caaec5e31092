import type { Principal } from '../../../platform/src/auth/principal';
import type { IndexedPerson, IndexedRecord, OpenReview } from './person-index.query';
import type { MatchLevels } from '../domain/matching';
import { DEFAULT_PANEL_REGISTRY, residenceProtectingPanels } from '../../../case-lifecycle/src/domain/panel-registry';
import {
  detailsAsPanelSees,
  disclosedPersonView,
  recordsBehindDisclosure,
  visiblePersonView,
  visibleReview,
  type Opened,
  type PersonView,
  type RecordPast,
} from './person-visibility';

const BUILT_IN = residenceProtectingPanels(DEFAULT_PANEL_REGISTRY);
/** An index that keeps no record's past: each record's latest change stands for when its values were recorded. */
const NO_PAST: RecordPast = { asOf: (record, position) => (record.detailsPosition <= position ? record : undefined) };

const principal = (roles: Principal['roles'], panels: string[]): Principal => ({
  id: 'u-1',
  name: 'Test User',
  agency: 'Test Agency',
  roles,
  panels,
});

const details = (address: string) => ({
  forenames: 'Testa',
  surname: 'Examplewoman',
  aliases: [{ forenames: 'Tess', surname: 'Example' }],
  dateOfBirth: '1990-01-31',
  postcode: 'N1 1AA',
  address,
  identifiers: {},
});

const person: IndexedPerson = {
  personId: 'p-1',
  mergedPersonIds: [],
  registeredPosition: 1,
  records: [
    {
      recordId: 'p-1',
      details: details('1 Open Street'),
      sourceCaseId: 'c-iom',
      sourcePanel: 'IOM',
      score: null,
      levels: null,
      position: 1,
      detailsPosition: 1,
      forPerpetrator: false,
    },
    {
      recordId: 'r-2',
      details: details('9 Refuge Row'),
      sourceCaseId: 'c-marac',
      sourcePanel: 'MARAC',
      score: 12,
      levels: null,
      position: 5,
      detailsPosition: 5,
      forPerpetrator: false,
    },
  ],
  cases: [
    { caseId: 'c-iom', panel: 'IOM', open: true, referredAt: '2024-01-01', maracSensitive: null },
    {
      caseId: 'c-marac',
      panel: 'MARAC',
      open: true,
      referredAt: '2024-02-01',
      maracSensitive: { children: [{ name: 'Child One' }], safeContactNumber: '07700 900123' },
    },
  ],
  namedOn: [],
  panelsEverHeld: ['IOM', 'MARAC'],
  splitFrom: null,
};

describe('person visibility', () => {
  it('shows a MARAC victim’s address, safe contact and children to MARAC members only', () => {
    const marac = visiblePersonView(principal(['coordinator'], ['MARAC']), person, BUILT_IN, NO_PAST);
    expect(marac?.golden.address).toBe('9 Refuge Row');
    expect(marac?.cases).toEqual([expect.objectContaining({ caseId: 'c-marac', marac: expect.any(Object) })]);

    const iom = visiblePersonView(principal(['practitioner'], ['IOM']), person, BUILT_IN, NO_PAST);
    expect(iom?.golden.address).toBe('1 Open Street');
    expect(iom?.cases.map((c) => c.caseId)).toEqual(['c-iom']);
    expect(iom?.alsoKnownTo).toEqual([{ panel: 'MARAC', cases: 1, openCases: 1 }]);
    const text = JSON.stringify(iom);
    for (const secret of ['Refuge', '07700', 'Child One', 'c-marac']) expect(text).not.toContain(secret);
  });

  it('hides the person from those with no case of theirs, and shows everything to admins', () => {
    expect(visiblePersonView(principal(['coordinator'], ['ALLIANCE']), person, BUILT_IN, NO_PAST)).toBeUndefined();
    expect(visiblePersonView(principal(['analyst'], ['IOM']), person, BUILT_IN, NO_PAST)).toBeUndefined();
    const admin = visiblePersonView(principal(['admin'], []), person, BUILT_IN, NO_PAST);
    expect(admin?.cases).toHaveLength(2);
    expect(admin?.knownNames).toEqual([
      { forenames: 'Testa', surname: 'Examplewoman' },
      { forenames: 'Tess', surname: 'Example' },
    ]);
  });
});

describe('a person named as a MARAC perpetrator', () => {
  const named = {
    caseId: 'c-named',
    panel: 'MARAC',
    role: 'perpetrator',
    open: true,
    referredAt: '2024-03-01',
  } as const;
  const nominal: IndexedPerson = {
    ...person,
    cases: [person.cases[0]!],
    namedOn: [named],
    panelsEverHeld: ['IOM'],
  };

  it('shows other panels a MARAC marker like a subject’s: no case, no role', () => {
    const iom = visiblePersonView(principal(['coordinator'], ['IOM']), nominal, BUILT_IN, NO_PAST);
    expect(iom?.panels).toEqual(['IOM', 'MARAC']);
    expect(iom?.alsoKnownTo).toEqual([{ panel: 'MARAC', cases: 1, openCases: 1 }]);
    expect(iom?.namedOn).toEqual([]);
    const text = JSON.stringify(iom);
    for (const secret of ['c-named', 'perpetrator']) expect(text).not.toContain(secret);
  });

  it('shows a MARAC-only reader the man their case names as MARAC holds him, other panels as markers', () => {
    const marac = visiblePersonView(principal(['coordinator'], ['MARAC']), nominal, BUILT_IN, NO_PAST);
    expect(marac).toMatchObject({
      cases: [],
      namedOn: [named],
      alsoKnownTo: [{ panel: 'IOM', cases: 1, openCases: 1 }],
    });
    expect(marac?.golden.address).toBe('9 Refuge Row');
    expect(marac?.records.map((r) => r.recordId)).toEqual(['r-2']);
    const text = JSON.stringify(marac);
    for (const secret of ['1 Open Street', 'c-iom']) expect(text).not.toContain(secret);
    expect(visiblePersonView(principal(['coordinator'], ['ALLIANCE']), nominal, BUILT_IN, NO_PAST)).toBeUndefined();
  });

  it('shows a MARAC member the case and the role it names them in', () => {
    const both = visiblePersonView(principal(['coordinator'], ['IOM', 'MARAC']), nominal, BUILT_IN, NO_PAST);
    expect(both?.namedOn).toEqual([named]);
    expect(both?.alsoKnownTo).toEqual([]);
  });
});

describe('match levels beside a MARAC record', () => {
  const levels = { forename: 'exact', residence: 'same-address' } as unknown as MatchLevels;
  const linked: IndexedPerson = {
    ...person,
    records: [
      ...person.records,
      { ...person.records[0]!, recordId: 'r-3', sourceCaseId: 'c-iom-2', score: 20, levels, position: 9 },
    ],
  };
  const linkOf = (view: PersonView | undefined, recordId: string) =>
    view?.records.find((r) => r.recordId === recordId)?.link;

  it('withholds how the addresses compared from those who may not see the victim’s address', () => {
    // "same-address" beside an IOM address the reader sees would tell them where the victim lives.
    // The score adds the residence weight in, so it goes too.
    const iom = visiblePersonView(principal(['coordinator'], ['IOM']), linked, BUILT_IN, NO_PAST);
    expect(linkOf(iom, 'r-3')).toEqual({ levels: { forename: 'exact' } });
    const marac = visiblePersonView(principal(['coordinator'], ['IOM', 'MARAC']), linked, BUILT_IN, NO_PAST);
    expect(linkOf(marac, 'r-3')).toEqual({ score: 20, levels });
  });
});

describe('a match proposal beside a MARAC record', () => {
  const levels = { forename: 'else', residence: 'postcode' } as unknown as MatchLevels;
  const review: OpenReview = { id: 'm-1', personIds: ['p-1', 'p-2'], score: 9, levels, guards: ['twins'] };
  const newcomer: IndexedPerson = {
    ...person,
    personId: 'p-2',
    records: [person.records[0]!],
    cases: [],
    panelsEverHeld: ['IOM'],
  };
  /** Disclosures to the reader's agency, made for `panel`. */
  const opened =
    (fields: string[], panel: string | null = 'MARAC') =>
    (): Opened =>
      fields.length === 0 ? [] : [{ panel, fields }];
  const iom = principal(['coordinator'], ['IOM']);

  it('withholds the residence level and the household guards whichever of the two holds the victim', () => {
    const withheld = { id: 'm-1', personIds: ['p-1', 'p-2'], levels: { forename: 'else' }, guards: [] };
    expect(visibleReview(iom, review, [person, newcomer], BUILT_IN, opened([]))).toEqual(withheld);
    expect(visibleReview(iom, review, [newcomer, person], BUILT_IN, opened([]))).toEqual(withheld);
    expect(
      visibleReview(principal(['coordinator'], ['IOM', 'MARAC']), review, [person, newcomer], BUILT_IN, opened([])),
    ).toEqual(review);
  });

  it('withholds them after a split took the victim’s record away: they were measured against it', () => {
    const splitOff: IndexedPerson = { ...person, records: [person.records[0]!], cases: [person.cases[0]!] };
    expect(visibleReview(iom, review, [splitOff, newcomer], BUILT_IN, opened([]))).not.toHaveProperty('score');
    expect(visibleReview(iom, review, [newcomer, newcomer], BUILT_IN, opened([]))).toEqual(review);
  });

  it('shows them once a disclosure opened the victim’s address and postcode to the reader', () => {
    expect(visibleReview(iom, review, [person, newcomer], BUILT_IN, opened(['address']))).not.toEqual(review);
    expect(visibleReview(iom, review, [person, newcomer], BUILT_IN, opened(['address', 'postcode']))).toEqual(review);
  });

  it('keeps them withheld when the disclosure was made for a panel that may not see her address', () => {
    for (const panel of ['IOM', 'ALLIANCE', null])
      expect(
        visibleReview(iom, review, [person, newcomer], BUILT_IN, opened(['address', 'postcode'], panel)),
      ).not.toHaveProperty('score');
  });
});

describe('a record no referral claimed (its referral failed part-way and was never retried)', () => {
  const levels = { forename: 'exact', residence: 'same-address' } as unknown as MatchLevels;
  const unclaimed = {
    ...person.records[0]!,
    recordId: 'r-unclaimed',
    details: { ...details('7 Unclaimed Close'), postcode: 'E9 7QQ' },
    sourceCaseId: null,
    sourcePanel: null,
    position: 9,
    detailsPosition: 9,
  };
  const iomOnly: IndexedPerson = {
    ...person,
    records: [person.records[0]!, unclaimed, { ...person.records[0]!, recordId: 'r-3', score: 20, levels }],
    cases: [person.cases[0]!],
    panelsEverHeld: ['IOM'],
  };
  const review: OpenReview = { id: 'm-1', personIds: ['p-1', 'p-2'], score: 9, levels, guards: ['twins'] };
  const nothingOpened = (): Opened => [];

  it('keeps its address, postcode and the residence levels from every panel, not from admins', () => {
    const iom = visiblePersonView(principal(['coordinator'], ['IOM', 'MARAC']), iomOnly, BUILT_IN, NO_PAST);
    expect(iom?.golden).toMatchObject({ address: '1 Open Street', postcode: 'N1 1AA' });
    expect(JSON.stringify(iom)).not.toMatch(/Unclaimed|E9 7QQ|same-address/);
    expect(visibleReview(principal(['coordinator'], ['IOM']), review, [iomOnly], BUILT_IN, nothingOpened)).toEqual({
      id: 'm-1',
      personIds: ['p-1', 'p-2'],
      levels: { forename: 'exact' },
      guards: [],
    });

    const admin = visiblePersonView(principal(['admin'], []), iomOnly, BUILT_IN, NO_PAST);
    expect(admin?.golden).toMatchObject({ address: '7 Unclaimed Close', postcode: 'E9 7QQ' });
    expect(visibleReview(principal(['admin'], []), review, [iomOnly], BUILT_IN, nothingOpened)).toEqual(review);
  });

  it('opens them by no disclosure: no panel sees them to pass them on', () => {
    for (const panel of ['IOM', 'MARAC', null]) {
      const opened: Opened = [{ panel, fields: ['address', 'postcode'] }];
      const iom = visiblePersonView(principal(['coordinator'], ['IOM']), iomOnly, BUILT_IN, NO_PAST, opened);
      expect(iom?.golden).toMatchObject({ address: '1 Open Street', postcode: 'N1 1AA' });
      expect(JSON.stringify(iom)).not.toMatch(/Unclaimed|E9 7QQ/);
      expect(JSON.stringify(disclosedPersonView(iomOnly, opened, BUILT_IN, NO_PAST))).not.toMatch(/Unclaimed|E9 7QQ/);
    }
  });
});

describe('a person seen only through disclosures', () => {
  it('shows the opened fields and names the disclosures that opened them as its basis', () => {
    const view = disclosedPersonView(person, [{ panel: 'IOM', fields: ['name'] }], BUILT_IN, NO_PAST, [
      'd-2',
      'd-1',
      'd-2',
    ]);
    expect(view).toEqual({
      personId: 'p-1',
      forenames: 'Testa',
      surname: 'Examplewoman',
      access: { via: 'disclosure', disclosureIds: ['d-2', 'd-1'] },
    });
  });
});

describe('a disclosure opens a field only as the panel it acted for sees it', () => {
  const residence = ['name', 'address', 'postcode'];

  it('gives the IOM address, never the MARAC refuge, when IOM disclosed her address', () => {
    const view = disclosedPersonView(person, [{ panel: 'IOM', fields: residence }], BUILT_IN, NO_PAST);
    expect(view).toMatchObject({ address: '1 Open Street', postcode: 'N1 1AA' });
    expect(JSON.stringify(view)).not.toContain('Refuge');
    const onlyMarac: IndexedPerson = { ...person, records: [{ ...person.records[1]!, recordId: 'p-1' }] };
    const none = disclosedPersonView(onlyMarac, [{ panel: 'IOM', fields: residence }], BUILT_IN, NO_PAST);
    expect(none).toEqual({
      personId: 'p-1',
      forenames: 'Testa',
      surname: 'Examplewoman',
      access: { via: 'disclosure' },
    });
  });

  it('gives, for a panel whose case only names him, only what its own records hold of him', () => {
    const [probation, marac] = person.records as [IndexedRecord, IndexedRecord];
    const perpetrator: IndexedPerson = {
      ...person,
      records: [
        { ...probation, details: { ...probation.details, aliases: [], identifiers: { crn: 'X123456' } } },
        {
          ...marac,
          sourceCaseId: 'c-victim',
          forPerpetrator: true,
          details: { ...marac.details, aliases: [{ forenames: 'Tez', surname: 'Example' }], identifiers: {} },
        },
      ],
      cases: [person.cases[0] as IndexedPerson['cases'][number]],
      namedOn: [{ caseId: 'c-victim', panel: 'MARAC', open: true, referredAt: '2024-02-01', role: 'perpetrator' }],
    };
    const view = disclosedPersonView(
      perpetrator,
      [{ panel: 'MARAC', fields: ['name', 'aliases', 'identifiers'] }],
      BUILT_IN,
      NO_PAST,
    );
    expect(JSON.stringify(view)).not.toContain('X123456');
    expect(view).toMatchObject({
      identifiers: {},
      knownNames: expect.arrayContaining([{ forenames: 'Tez', surname: 'Example' }]),
    });
    // Probation, whose case is about him, passes on its own identifier.
    expect(
      disclosedPersonView(perpetrator, [{ panel: 'IOM', fields: ['identifiers'] }], BUILT_IN, NO_PAST),
    ).toMatchObject({
      identifiers: { crn: ['X123456'] },
    });
  });

  it('gives the refuge address when a MARAC member disclosed it for MARAC', () => {
    const view = disclosedPersonView(person, [{ panel: 'MARAC', fields: residence }], BUILT_IN, NO_PAST);
    expect(view).toMatchObject({ address: '9 Refuge Row', postcode: 'N1 1AA' });
    const both = disclosedPersonView(
      person,
      [
        { panel: 'IOM', fields: ['name', 'postcode'] },
        { panel: 'MARAC', fields: ['address'] },
      ],
      BUILT_IN,
      NO_PAST,
    );
    expect(both).toMatchObject({ address: '9 Refuge Row' });
  });

  it('opens a case worker of another panel only what the disclosing panel sees', () => {
    const maracOnly: IndexedPerson = { ...person, records: [person.records[1]!] };
    const iomReader = principal(['coordinator'], ['IOM']);
    const byIom = visiblePersonView(iomReader, maracOnly, BUILT_IN, NO_PAST, [{ panel: 'IOM', fields: residence }]);
    expect(byIom?.golden).not.toHaveProperty('address');
    expect(byIom?.golden).not.toHaveProperty('postcode');
    const byMarac = visiblePersonView(iomReader, maracOnly, BUILT_IN, NO_PAST, [{ panel: 'MARAC', fields: residence }]);
    expect(byMarac?.golden).toMatchObject({ address: '9 Refuge Row', postcode: 'N1 1AA' });
  });
});

describe('a person as a case’s panel sees them (a disclosed case view)', () => {
  it('gives another panel’s case her details without the refuge address, whoever registered her', () => {
    const maracFirst: IndexedPerson = { ...person, records: [person.records[1]!, person.records[0]!] };
    const iomCase = detailsAsPanelSees(maracFirst, 'IOM', BUILT_IN, NO_PAST);
    expect(iomCase).toMatchObject({ forenames: 'Testa', surname: 'Examplewoman', address: '1 Open Street' });
    expect(JSON.stringify(iomCase)).not.toContain('Refuge');
    const iomUnknown: IndexedPerson = {
      ...person,
      records: [person.records[1]!, { ...person.records[0]!, details: { ...details('x'), address: undefined } }],
    };
    expect(detailsAsPanelSees(iomUnknown, 'IOM', BUILT_IN, NO_PAST)).not.toHaveProperty('address');
    expect(detailsAsPanelSees(maracFirst, 'MARAC', BUILT_IN, NO_PAST)).toMatchObject({ address: '9 Refuge Row' });
  });

  it('gives the identifier and language recorded last, not those of the record changed last', () => {
    // IOM's registration (crn at 1), MARAC's record (a newer crn at 5), then an address on IOM's at 9.
    const [iomAt1, maracAt5] = person.records as [IndexedRecord, IndexedRecord];
    const registered = {
      ...iomAt1,
      details: { ...iomAt1.details, language: 'Polish', identifiers: { crn: 'X111111' } },
    };
    const moved = { ...registered, details: { ...registered.details, address: '2 Moved Street' }, detailsPosition: 9 };
    const linked = {
      ...maracAt5,
      details: { ...maracAt5.details, language: 'English', identifiers: { crn: 'X222222' } },
    };
    const past: RecordPast = { asOf: (r, position) => (r === moved && position < 9 ? registered : r) };

    expect(detailsAsPanelSees({ ...person, records: [moved, linked] }, 'MARAC', BUILT_IN, past)).toMatchObject({
      address: '2 Moved Street',
      language: 'English',
      identifiers: { crn: 'X222222' },
    });
  });
});

describe('the records behind a disclosure about a person alone', () => {
  const behind = (panel: string, fields: string[], documents: string[] = []) =>
    recordsBehindDisclosure(person, panel, { fields, documents }, BUILT_IN, NO_PAST);

  it('are those the disclosed values come from, as the disclosing panel saw them', () => {
    // IOM never sees the MARAC record's refuge: the address it passes on is the IOM record's.
    expect(behind('IOM', ['address', 'postcode'])).toEqual(['p-1']);
    expect(behind('MARAC', ['address'])).toEqual(['r-2']);
    // The name is the first record's; a date of birth every record gives is each one's.
    expect(behind('MARAC', ['name'])).toEqual(['p-1']);
    expect(behind('MARAC', ['dateOfBirth'])).toEqual(['p-1', 'r-2']);
    // The second record adds no name the first did not give.
    expect(behind('MARAC', ['aliases'])).toEqual(['p-1']);
    expect(behind('MARAC', ['identifiers', 'ethnicity'])).toEqual([]);
  });

  it('are every record the panel sees when documents were shared about the person', () => {
    expect(behind('IOM', [], ['risk-assessment.pdf'])).toEqual(['p-1', 'r-2']);
  });

  it('agree with what a reader of the disclosure is shown', () => {
    const shown = (records: IndexedRecord[], panel: string, fields: string[]) =>
      disclosedPersonView({ ...person, records }, [{ panel, fields }], BUILT_IN, NO_PAST);
    for (const [panel, fields] of [
      ['IOM', ['address', 'postcode']],
      ['MARAC', ['address']],
      ['MARAC', ['name', 'dateOfBirth']],
    ] as const) {
      const kept = behind(panel, [...fields]);
      // Dropping a record not behind the disclosure changes nothing the reader sees.
      const without = person.records.filter((r) => kept.includes(r.recordId));
      expect(shown(without, panel, [...fields])).toEqual(shown([...person.records], panel, [...fields]));
    }
  });
});
