import { createHmac } from 'node:crypto';
import { ExportAssembly, type ExportSelection, type SourceEvent } from './export-assembly';
import { EXPORT_COLUMNS } from './export-columns';
import { dataDictionary, toCsv, toNdjson } from './export-formats';

// Synthetic people only. Identifiers follow the formats (never-issued NHS 999 range).
const VICTIM = '5c0b7a1e-0d7e-4c55-9a43-1f1e0c6b2a01';
const PERPETRATOR = '7d2e9b3f-4a1c-4e88-8b2d-3c4d5e6f7a02';
const OFFENDER = '9e3fac40-5b2d-4f99-9c3e-4d5e6f7a8b03';
const OTHER_PANEL_PERSON = 'a14fbd51-6c3e-4aa0-8d4f-5e6f7a8b9c04';
const MARAC_CASE = 'b25ace62-7d4f-4bb1-9e50-6f7a8b9cad05';
const IOM_CASE = 'c36bdf73-8e50-4cc2-8f61-7a8b9cadbe06';
const ALLIANCE_CASE = 'd47ce084-9f61-4dd3-9072-8b9cadbecf07';
const MEETING = 'e58df195-a072-4ee4-a183-9cadbecfd008';
const ACTION = 'f69e02a6-b183-4ff5-b294-adbecfd0e109';

const SENSITIVE = [
  // names, aliases, children, referrers, staff
  'Jordan',
  'Okafor',
  'Jo Okafor-Smith',
  'Samuel',
  'Reyes',
  'Dean',
  'Marsh',
  'Kai',
  'Demir',
  'Lily Okafor',
  'Noah Okafor',
  'Alex Morgan',
  'alex.morgan@example.org',
  '020 7946 0000',
  'Casey Coordinator',
  'user-77',
  'Chair Person Name',
  // dates of birth
  '1990-04-12',
  '1987-09-30',
  '1995-01-20',
  '2018-02-03',
  '2005-06-01',
  // addresses and postcodes
  '12 Acacia Avenue',
  'N17 6AB',
  'N176AB',
  '6AB',
  'E8 3QD',
  '3QD',
  'SE1 7PB',
  '7PB',
  // identifiers
  '1979/0163001B',
  '12345/79A',
  '9990000018',
  'A1234BC',
  'X123456',
  'CRIME/REF/42',
  '07700 900123',
  // free text
  'Threats to kill after separation',
  'strangled in the kitchen',
  'Shared without consent because of risk to children',
  'Known to Leeds MARAC',
  'Discussed the safety plan',
  'Refer to housing',
  'Install a panic alarm',
  'Tried once, moved in with her sister',
  'Prolific acquisitive offending',
  'Community Centre Room 4',
  // raw ids
  VICTIM,
  PERPETRATOR,
  OFFENDER,
  MARAC_CASE,
  IOM_CASE,
  MEETING,
  ACTION,
];

const actor = 'Metropolitan Police';
let position = 0n;
const event = (stream: string, type: string, occurredAt: string, data: object): SourceEvent => ({
  stream,
  type,
  data,
  position: position++,
  occurredAt,
  actorAgency: actor,
  // One request wrote each referral and the records it brought in, at the time they happened.
  correlationId: `request-${occurredAt}`,
  recordedAt: occurredAt,
});

function history(): SourceEvent[] {
  position = 0n;
  return [
    event(`person-${VICTIM}`, 'person-registered', '2024-05-02T09:00:00Z', {
      personId: VICTIM,
      occurredAt: '2024-05-02T09:00:00Z',
      details: {
        forenames: 'Jordan',
        surname: 'Okafor',
        aliases: [{ forenames: 'Jo', surname: 'Okafor-Smith' }],
        dateOfBirth: '1990-04-12',
        sex: 'female',
        ethnicity: 'black - caribbean',
        postcode: 'N17 6AB',
        address: '12 Acacia Avenue',
        disability: 'wheelchair user, ramp fitted at 12 Acacia Avenue',
        language: 'English',
        identifiers: { nhs: '9990000018', cro: '12345/79A' },
      },
    }),
    event(`person-${PERPETRATOR}`, 'person-registered', '2024-05-02T09:00:00Z', {
      personId: PERPETRATOR,
      details: {
        forenames: 'Samuel',
        surname: 'Reyes',
        aliases: [],
        dateOfBirth: '1987-09-30',
        sex: 'male',
        postcode: 'E8 3QD',
        identifiers: { pnc: '1979/0163001B' },
      },
    }),
    event(`case-${MARAC_CASE}`, 'referral-made', '2024-05-02T09:00:00Z', {
      caseId: MARAC_CASE,
      panelCode: 'MARAC',
      personId: VICTIM,
      referrer: {
        name: 'Alex Morgan',
        agency: 'Metropolitan Police',
        email: 'alex.morgan@example.org',
        phone: '020 7946 0000',
      },
      reason: 'Threats to kill after separation',
      occurredAt: '2024-05-02T09:00:00Z',
      details: {
        kind: 'marac',
        consent: { given: false, justification: 'Shared without consent because of risk to children' },
        perpetrator: { personId: PERPETRATOR, relationshipToVictim: 'ex-partner' },
        children: [{ name: 'Lily Okafor', dateOfBirth: '2018-02-03' }, { name: 'Noah Okafor' }],
        incident: { occurredAt: '2024-05-01T22:15:00Z', summary: 'strangled in the kitchen' },
        crimeReference: 'CRIME/REF/42',
        dashScore: 16,
        policeCallouts12m: 2,
        safeContactNumber: '07700 900123',
        otherAreaMaracInvolvement: 'Known to Leeds MARAC',
        criteriaTicked: ['visible-high-risk'],
        criteriaMet: ['visible-high-risk'],
        repeat: false,
        previousMaracReferralAt: null,
      },
    }),
    event(`meeting-${MEETING}`, 'meeting-scheduled', '2024-05-03T10:00:00Z', {
      meetingId: MEETING,
      panelCode: 'MARAC',
      scheduledFor: '2024-05-09T10:00:00Z',
      chair: 'Chair Person Name',
      location: 'Community Centre Room 4',
    }),
    event(`case-${MARAC_CASE}`, 'panel-discussed', '2024-05-09T10:30:00Z', {
      meetingId: MEETING,
      attendance: [
        { agency: 'Police', status: 'present' },
        { agency: 'IDVA', status: 'present' },
        { agency: 'Health', status: 'apologies' },
      ],
      summary: 'Discussed the safety plan',
      decisions: ['Refer to housing'],
    }),
    event(`case-${MARAC_CASE}`, 'action-agreed', '2024-05-09T10:40:00Z', {
      actionId: ACTION,
      description: 'Install a panic alarm',
      ownerAgency: 'Housing',
      dueBy: '2024-05-20',
      meetingId: MEETING,
    }),
    event(`person-${VICTIM}`, 'person-details-recorded', '2024-06-01T09:00:00Z', {
      changes: {
        address: '12 Acacia Avenue',
        postcode: 'N17 6AB',
        aliases: [{ forenames: 'Jo', surname: 'Okafor-Smith' }],
      },
      source: MARAC_CASE,
    }),
    event(`case-${MARAC_CASE}`, 'engagement-recorded', '2024-06-02T09:00:00Z', {
      level: 'some-engagement-and-motivation',
      note: 'Tried once, moved in with her sister',
    }),
    event(`case-${MARAC_CASE}`, 'case-closed', '2024-06-30T09:00:00Z', {
      exitStatus: 'other',
      exitDetail: 'Tried once, moved in with her sister',
    }),
    event(`person-${OFFENDER}`, 'person-registered', '2024-03-01T10:00:00Z', {
      personId: OFFENDER,
      details: {
        forenames: 'Dean',
        surname: 'Marsh',
        aliases: [],
        dateOfBirth: '1995-01-20',
        sex: 'male',
        postcode: 'SE1 7PB',
        identifiers: { pnc: '1979/0163001B', noms: 'A1234BC', crn: 'X123456' },
      },
    }),
    event(`case-${IOM_CASE}`, 'referral-made', '2024-03-01T10:00:00Z', {
      caseId: IOM_CASE,
      panelCode: 'IOM',
      personId: OFFENDER,
      referrer: { name: 'Alex Morgan', agency: 'Probation' },
      reason: 'Prolific acquisitive offending',
      details: {
        kind: 'iom',
        route: 'core-partner',
        scores: { ogrs2y: 80, ovp2y: 35, robberyOrBurglaryInLast2Years: false },
        statusAtReferral: 'licence',
      },
    }),
    event(`person-${OTHER_PANEL_PERSON}`, 'person-registered', '2020-11-03T15:00:00Z', {
      personId: OTHER_PANEL_PERSON,
      details: { forenames: 'Kai', surname: 'Demir', aliases: [], dateOfBirth: '2005-06-01', sex: 'male' },
    }),
    event(`case-${ALLIANCE_CASE}`, 'referral-made', '2024-05-05T15:00:00Z', {
      caseId: ALLIANCE_CASE,
      panelCode: 'ALLIANCE',
      personId: OTHER_PANEL_PERSON,
      referrer: { name: 'Youth outreach worker', agency: 'Haringey Council' },
      reason: 'Arrested',
      details: { kind: 'alliance', custodySuite: 'Wood Green' },
    }),
    event('audit-2024-05', 'read-audited', '2024-05-05T15:00:00Z', {
      actor: { name: 'Casey Coordinator', id: 'user-77' },
    }),
  ];
}

const hmac = (key: string) => (kind: string, id: string) =>
  createHmac('sha256', key).update(`${kind}:${id}`).digest('hex').slice(0, 20);

function run(overrides: Partial<ExportSelection> = {}) {
  const assembly = new ExportAssembly({
    from: '2024-01-01',
    to: '2024-12-31',
    residenceProtectingPanels: new Set(['MARAC']),
    panels: ['MARAC', 'IOM'],
    coarsenDatesToMonth: false,
    pseudonym: hmac('key-one'),
    ...overrides,
  });
  for (const e of history()) assembly.add(e);
  return assembly.finish();
}

describe('pseudonymised export (pure assembly)', () => {
  it('leaves no direct identifier in the NDJSON or CSV output', () => {
    const records = run();
    const outputs = { ndjson: toNdjson(records), csv: toCsv(records) };
    for (const [format, text] of Object.entries(outputs)) {
      const leaked = SENSITIVE.filter((value) => text.includes(value) || text.includes(value.toLowerCase()));
      expect({ format, leaked }).toEqual({ format, leaked: [] });
    }
    // The statistical content is there: the scan above is not passing on an empty file.
    expect(outputs.csv).toContain(',black,black-caribbean,not-recognised,english,');
    expect(outputs.csv).not.toMatch(/wheelchair|caribbean,,|black - caribbean/i);
    expect(outputs.ndjson).toContain('"postcode_district":"SE1"');
    // A MARAC victim's (and perpetrator's) district places the victim: need to know only.
    expect(outputs.ndjson).not.toMatch(/"postcode_district":"(N17|E8)"/);
    expect(outputs.csv).not.toMatch(/,(N17|E8),/);
    expect(outputs.ndjson).toContain('"marac_dash_score":16');
  });

  it('keeps the statistical facts: age band, district, criteria, consent, children counted, attendance', () => {
    const records = run();
    const victim = records.find((r) => r.event_type === 'person-registered' && r.sex === 'female');
    expect(victim).toMatchObject({
      age_band: '25-34',
      ethnic_group: 'black',
      ethnic_category: 'black-caribbean',
      disability: 'not-recognised',
      language: 'english',
      panel: null,
    });
    expect(victim).not.toHaveProperty('postcode_district');
    const offender = records.find(
      (r) => r.event_type === 'person-registered' && r.age_band === '25-34' && r !== victim,
    );
    expect(offender?.postcode_district).toBe('SE1');
    const referral = records.find((r) => r.event_type === 'referral-made' && r.panel === 'MARAC');
    expect(referral).toMatchObject({
      marac_dash_score: 16,
      marac_criteria_met: 'visible-high-risk',
      marac_consent_given: false,
      marac_children_in_household: 2,
      recorded_by_agency: 'Metropolitan Police',
    });
    expect(records.find((r) => r.event_type === 'panel-discussed')?.attendance_present).toBe(2);
    expect(records.find((r) => r.event_type === 'case-closed')?.exit_status).toBe('other');
    expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
  });

  it('replaces ids with keyed pseudonyms, stable within an export and different under another key', () => {
    const one = run();
    const victimPseudonym = one.find((r) => r.event_type === 'referral-made' && r.panel === 'MARAC')?.person;
    expect(typeof victimPseudonym).toBe('string');
    const victimEvents = one.filter((r) => r.person === victimPseudonym);
    expect(victimEvents.map((r) => r.event_type)).toEqual([
      'person-registered',
      'referral-made',
      'person-details-recorded',
    ]);
    const perpetrator = one.find((r) => r.event_type === 'referral-made' && r.panel === 'MARAC')?.other_person;
    expect(one.some((r) => r.event_type === 'person-registered' && r.person === perpetrator)).toBe(true);
    const two = run({ pseudonym: hmac('key-two') });
    const pseudonyms = (records: typeof one) =>
      new Set(records.flatMap((r) => [r.case, r.person, r.meeting, r.item].filter((v) => typeof v === 'string')));
    const overlap = [...pseudonyms(one)].filter((p) => pseudonyms(two).has(p));
    expect(overlap).toEqual([]);
  });

  it('exports only the selected panels, their people and the period; other streams never', () => {
    const records = run({ panels: ['IOM'], from: '2024-03-01', to: '2024-03-31' });
    expect(records.map((r) => [r.event_type, r.panel])).toEqual([
      ['person-registered', null],
      ['referral-made', 'IOM'],
    ]);
    const maracOnly = run({ panels: ['MARAC'], to: '2024-05-31' });
    expect(maracOnly.some((r) => r.panel === 'IOM' || r.panel === 'ALLIANCE')).toBe(false);
    expect(maracOnly.some((r) => r.event_type === 'case-closed')).toBe(false);
    expect(maracOnly.filter((r) => r.event_type === 'person-registered')).toHaveLength(2);
    expect(maracOnly.some((r) => r.event_type === 'read-audited')).toBe(false);
  });

  it('coarsens dates to the month when asked', () => {
    const records = run({ coarsenDatesToMonth: true });
    expect(records.every((r) => /^\d{4}-\d{2}$/.test(String(r.occurred_at)))).toBe(true);
    expect(records.find((r) => r.event_type === 'action-agreed')?.action_due_by).toBe('2024-05');
  });

  it('places and coarsens events by UK date: 23:30Z on 31 July (BST) is August, on 31 January (GMT) January', () => {
    const at = (occurredAt: string): SourceEvent[] => {
      position = 0n;
      return [
        event(`person-${VICTIM}`, 'person-registered', occurredAt, {
          personId: VICTIM,
          details: { dateOfBirth: '2008-08-01', sex: 'female', postcode: 'N17 6AB' },
        }),
        event(`case-${MARAC_CASE}`, 'referral-made', occurredAt, {
          caseId: MARAC_CASE,
          panelCode: 'MARAC',
          personId: VICTIM,
          details: { kind: 'marac', dashScore: 14 },
        }),
      ];
    };
    const exportOf = (events: SourceEvent[], from: string, to: string, coarsenDatesToMonth: boolean) => {
      const assembly = new ExportAssembly({
        from,
        to,
        panels: ['MARAC'],
        residenceProtectingPanels: new Set(['MARAC']),
        coarsenDatesToMonth,
        pseudonym: hmac('k'),
      });
      for (const e of events) assembly.add(e);
      return assembly.finish();
    };
    const summer = at('2024-07-31T23:30:00Z');
    expect(exportOf(summer, '2024-07-01', '2024-07-31', false)).toEqual([]);
    const august = exportOf(summer, '2024-08-01', '2024-08-31', true);
    expect(august.map((r) => [r.event_type, r.occurred_at])).toEqual([
      ['person-registered', '2024-08'],
      ['referral-made', '2024-08'],
    ]);
    // Her 16th birthday is 1 August in the UK, which it already is at 00:30 BST.
    expect(august[0]?.age_band).toBe('16-17');
    const winter = at('2024-01-31T23:30:00Z');
    expect(exportOf(winter, '2024-02-01', '2024-02-29', true)).toEqual([]);
    expect(exportOf(winter, '2024-01-01', '2024-01-31', true).map((r) => r.occurred_at)).toEqual([
      '2024-01',
      '2024-01',
    ]);
  });

  it('documents every exported column in the data dictionary', () => {
    const records = run();
    const dictionary = dataDictionary({
      format: 'csv',
      from: '2024-01-01',
      to: '2024-12-31',
      panels: ['IOM', 'MARAC'],
      coarsenDatesToMonth: false,
      linkablePseudonyms: false,
      records: records.length,
    });
    const documented = new Set(dictionary.columns.map((c) => c.name));
    const used = new Set(records.flatMap((r) => Object.keys(r)));
    expect([...used].filter((name) => !documented.has(name))).toEqual([]);
    expect(toCsv(records).split('\r\n')[0]).toBe(EXPORT_COLUMNS.map((c) => c.name).join(','));
    for (const column of dictionary.columns) {
      expect(column.meaning.length).toBeGreaterThan(0);
      expect(column.transformation.length).toBeGreaterThan(0);
    }
  });
});
