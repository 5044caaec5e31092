import {
  type AllianceEngagementFact,
  type AllianceOutcome,
  createAllianceEngagementReport,
} from './alliance-engagement-report';

// Synthetic cohort reproducing the Operation Alliance evaluation table, 19 Oct – 31 Dec 2020.
interface MonthSpec {
  readonly days: readonly string[]; // engagement dates, cycled
  readonly engaged: number;
  readonly ages: readonly [number, number, number]; // 9-10 / 11-15 / 16-18
  readonly residence: readonly [number, number, number]; // Enfield / Haringey / other
  readonly yos: readonly [number, number]; // yes / no; the rest not checked
  readonly outcomes: readonly [number, number, number, number]; // arranged / awaiting / refused / out of area
}

const range = (prefix: string, first: number, last: number): string[] =>
  Array.from({ length: last - first + 1 }, (_, i) => `${prefix}-${String(first + i).padStart(2, '0')}`);

const TABLE: readonly MonthSpec[] = [
  {
    days: range('2020-10', 19, 31),
    engaged: 11,
    ages: [0, 3, 8],
    residence: [4, 1, 6],
    yos: [2, 3],
    outcomes: [8, 0, 3, 0],
  },
  {
    days: range('2020-11', 1, 30),
    engaged: 53,
    ages: [0, 19, 34],
    residence: [17, 16, 20],
    yos: [16, 17],
    outcomes: [16, 14, 8, 15],
  },
  {
    days: range('2020-12', 1, 31),
    engaged: 29,
    ages: [0, 7, 22],
    residence: [13, 7, 9],
    yos: [13, 7],
    outcomes: [7, 12, 3, 7],
  },
];

/** Expands counts into a list of n values, in the order given. */
function expand<T>(pairs: ReadonlyArray<readonly [T, number]>, n: number): T[] {
  const out = pairs.flatMap(([value, count]) => Array<T>(count).fill(value));
  if (out.length > n) throw new Error('counts exceed the month total');
  return out;
}

function cohort(): AllianceEngagementFact[] {
  const facts: AllianceEngagementFact[] = [];
  const others = ['Barnet', 'Islington', 'Waltham Forest', 'Hackney'];
  const enfield = ['Enfield', 'ENFIELD', ' enfield '];
  const haringey = ['Haringey', 'haringey'];
  for (const [m, spec] of TABLE.entries()) {
    const n = spec.engaged;
    const ages = expand<number>(
      [
        [10, spec.ages[0]],
        [13, spec.ages[1]],
        [17, spec.ages[2]],
      ],
      n,
    );
    // "other" first and out-of-area first, so out-of-area children live outside the boroughs.
    const residence = expand<string>(
      [
        ['other', spec.residence[2]],
        ['Enfield', spec.residence[0]],
        ['Haringey', spec.residence[1]],
      ],
      n,
    );
    const yos = expand<boolean>(
      [
        [true, spec.yos[0]],
        [false, spec.yos[1]],
      ],
      n,
    );
    const outcomes = expand<AllianceOutcome>(
      [
        ['out-of-area-mash-referral', spec.outcomes[3]],
        ['intervention-arranged', spec.outcomes[0]],
        ['awaiting-intervention', spec.outcomes[1]],
        ['would-not-engage', spec.outcomes[2]],
      ],
      n,
    );
    for (let i = 0; i < n; i++) {
      const r = residence[i]!;
      const day = spec.days[i % spec.days.length]!;
      facts.push({
        caseId: `ALLIANCE-${m}-${i}`,
        occurredAt: `${day}T${String(i % 24).padStart(2, '0')}:15:00Z`,
        ageAtEngagement: ages[i]!,
        residence: r === 'other' ? others[i % others.length]! : r === 'Enfield' ? enfield[i % 3]! : haringey[i % 2]!,
        knownToYos: i < yos.length ? yos[i]! : null,
        outcome: outcomes[i]!,
      });
    }
  }
  return facts;
}

const PERIOD = { from: '2020-10-19', to: '2020-12-31' };

describe('Operation Alliance engagement report', () => {
  it('reproduces the 19 Oct – 31 Dec 2020 evaluation table cell by cell', () => {
    const report = createAllianceEngagementReport({ ...PERIOD, periodCost: 19_200 });
    for (const fact of cohort()) expect(report.recordEngagement(fact)).toBe(true);

    expect(report.result()).toEqual({
      from: '2020-10-19',
      to: '2020-12-31',
      months: [
        {
          month: '2020-10',
          engaged: 11,
          ageBands: { '9-10': 0, '11-15': 3, '16-18': 8 },
          residence: { Enfield: 4, Haringey: 1, other: 6 },
          knownToYos: { yes: 2, no: 3, notChecked: 6, shareYes: 0.4 },
          outcomes: {
            'intervention-arranged': 8,
            'awaiting-intervention': 0,
            'would-not-engage': 3,
            'out-of-area-mash-referral': 0,
          },
          engagementRate: 0.7273, // 8/11
          refusalRate: 0.2727, // 3/11
        },
        {
          month: '2020-11',
          engaged: 53,
          ageBands: { '9-10': 0, '11-15': 19, '16-18': 34 },
          residence: { Enfield: 17, Haringey: 16, other: 20 },
          knownToYos: { yes: 16, no: 17, notChecked: 20, shareYes: 0.4848 },
          outcomes: {
            'intervention-arranged': 16,
            'awaiting-intervention': 14,
            'would-not-engage': 8,
            'out-of-area-mash-referral': 15,
          },
          engagementRate: 0.4211, // 16/38
          refusalRate: 0.2105, // 8/38
        },
        {
          month: '2020-12',
          engaged: 29,
          ageBands: { '9-10': 0, '11-15': 7, '16-18': 22 },
          residence: { Enfield: 13, Haringey: 7, other: 9 },
          knownToYos: { yes: 13, no: 7, notChecked: 9, shareYes: 0.65 },
          outcomes: {
            'intervention-arranged': 7,
            'awaiting-intervention': 12,
            'would-not-engage': 3,
            'out-of-area-mash-referral': 7,
          },
          engagementRate: 0.3182, // 7/22
          refusalRate: 0.1364, // 3/22
        },
      ],
      total: {
        engaged: 93,
        ageBands: { '9-10': 0, '11-15': 29, '16-18': 64 },
        residence: { Enfield: 34, Haringey: 24, other: 35 },
        knownToYos: { yes: 31, no: 27, notChecked: 35, shareYes: 0.5345 }, // 31/58, the paper's 53%
        outcomes: {
          'intervention-arranged': 31,
          'awaiting-intervention': 26,
          'would-not-engage': 14,
          'out-of-area-mash-referral': 22,
        },
        engagementRate: 0.4366, // 31/71, the paper's 44%
        refusalRate: 0.1972, // 14/71, the paper's 20%
        costPerEngaged: 206.45, // 19,200/93, the paper's £206
        costPerPositiveOutcome: 619.35, // 19,200/31; the paper prints £620
      },
    });
  });

  it('omits costs when no period cost is given, and never puts costs on month rows', () => {
    const report = createAllianceEngagementReport(PERIOD);
    for (const fact of cohort()) report.recordEngagement(fact);
    const result = report.result();
    expect(result.total).not.toHaveProperty('costPerEngaged');
    expect(result.total).not.toHaveProperty('costPerPositiveOutcome');

    const costed = createAllianceEngagementReport({ ...PERIOD, periodCost: 19_200 });
    for (const fact of cohort()) costed.recordEngagement(fact);
    for (const month of costed.result().months) {
      expect(month).not.toHaveProperty('costPerEngaged');
      expect(month).not.toHaveProperty('costPerPositiveOutcome');
    }
  });

  it('uses the outcome as at generation: awaiting-intervention later arranged', () => {
    const report = createAllianceEngagementReport({ ...PERIOD, periodCost: 1_000 });
    report.recordEngagement({
      caseId: 'C-1',
      occurredAt: '2020-11-03T14:00:00Z',
      ageAtEngagement: 15,
      residence: 'Haringey',
      knownToYos: false,
      outcome: 'awaiting-intervention',
    });
    const before = report.result().total;
    expect(before.outcomes['awaiting-intervention']).toBe(1);
    expect(before.engagementRate).toBe(0);
    expect(before.costPerPositiveOutcome).toBeNull();

    expect(report.recordOutcomeChange('C-1', 'intervention-arranged')).toBe(true);
    const after = report.result();
    expect(after.total.outcomes).toEqual({
      'intervention-arranged': 1,
      'awaiting-intervention': 0,
      'would-not-engage': 0,
      'out-of-area-mash-referral': 0,
    });
    expect(after.months[1]!.outcomes['intervention-arranged']).toBe(1);
    expect(after.total.engagementRate).toBe(1);
    expect(after.total.costPerPositiveOutcome).toBe(1000);
  });

  it('ignores outcome changes for cases it does not hold', () => {
    const report = createAllianceEngagementReport(PERIOD);
    expect(report.recordOutcomeChange('unknown', 'intervention-arranged')).toBe(false);
    expect(report.result().total.engaged).toBe(0);
  });

  it('counts a case once when its engagement is recorded again', () => {
    const report = createAllianceEngagementReport(PERIOD);
    const fact: AllianceEngagementFact = {
      caseId: 'C-2',
      occurredAt: '2020-12-01T09:00:00Z',
      ageAtEngagement: 17,
      residence: 'Enfield',
      knownToYos: true,
      outcome: 'would-not-engage',
    };
    report.recordEngagement(fact);
    report.recordEngagement({ ...fact, residence: 'Barnet' });
    const total = report.result().total;
    expect(total.engaged).toBe(1);
    expect(total.residence).toEqual({ Enfield: 0, Haringey: 0, other: 1 });
  });

  it('groups residence by the home borough it names, however the borough was typed', () => {
    const report = createAllianceEngagementReport(PERIOD);
    const typed = ['London Borough of Enfield', 'Enfield, London', 'LB Haringey', 'Haringey Council', 'Haringey.'];
    for (const [i, residence] of [...typed, 'Islington', 'Enfieldshire'].entries())
      report.recordEngagement({
        caseId: `C-r${i}`,
        occurredAt: '2020-11-10T09:00:00Z',
        ageAtEngagement: 14,
        residence,
        knownToYos: null,
        outcome: 'would-not-engage',
      });
    expect(report.result().total.residence).toEqual({ Enfield: 2, Haringey: 3, other: 2 });
  });

  it('includes both period boundaries and excludes the days outside them (UK dates, winter)', () => {
    const report = createAllianceEngagementReport(PERIOD);
    const at = (caseId: string, occurredAt: string): boolean =>
      report.recordEngagement({
        caseId,
        occurredAt,
        ageAtEngagement: 16,
        residence: 'Enfield',
        knownToYos: null,
        outcome: 'intervention-arranged',
      });
    expect(at('before', '2020-10-18T22:59:59.999Z')).toBe(false); // 23:59 BST on 18 Oct
    expect(at('first', '2020-10-18T23:00:00Z')).toBe(true); // 00:00 BST on 19 Oct
    expect(at('last', '2020-12-31T23:59:59.999Z')).toBe(true); // GMT: UK and UTC agree
    expect(at('after', '2021-01-01T00:00:00Z')).toBe(false);
    // 00:30 on 1 Jan 2021 at +01:00 is 23:30 GMT on 31 Dec: inside.
    expect(at('offset', '2021-01-01T00:30:00+01:00')).toBe(true);
    expect(at('bare-date', '2020-10-19')).toBe(true);

    const result = report.result();
    expect(result.total.engaged).toBe(4);
    expect(result.months.map((m) => [m.month, m.engaged])).toEqual([
      ['2020-10', 2],
      ['2020-11', 0],
      ['2020-12', 2],
    ]);
  });

  it('places 23:30Z on the last day of a summer month in the next month, as the MARAC report does', () => {
    const report = createAllianceEngagementReport({ from: '2024-07-01', to: '2024-08-31' });
    report.recordEngagement({
      caseId: 'C-bst',
      occurredAt: '2024-07-31T23:30:00Z', // 00:30 BST on 1 August
      ageAtEngagement: 15,
      residence: 'Haringey',
      knownToYos: false,
      outcome: 'awaiting-intervention',
    });
    expect(report.result().months.map((m) => [m.month, m.engaged])).toEqual([
      ['2024-07', 0],
      ['2024-08', 1],
    ]);
    const august = createAllianceEngagementReport({ from: '2024-08-01', to: '2024-08-31' });
    expect(
      august.recordEngagement({
        caseId: 'C-bst',
        occurredAt: '2024-07-31T23:30:00Z',
        ageAtEngagement: 15,
        residence: 'Haringey',
        knownToYos: false,
        outcome: 'awaiting-intervention',
      }),
    ).toBe(true);
  });

  it('drops a case whose corrected engagement falls outside the period', () => {
    const report = createAllianceEngagementReport(PERIOD);
    const fact: AllianceEngagementFact = {
      caseId: 'C-3',
      occurredAt: '2020-10-20T10:00:00Z',
      ageAtEngagement: 12,
      residence: 'Haringey',
      knownToYos: true,
      outcome: 'awaiting-intervention',
    };
    report.recordEngagement(fact);
    expect(report.recordEngagement({ ...fact, occurredAt: '2020-10-01T10:00:00Z' })).toBe(false);
    expect(report.result().total.engaged).toBe(0);
  });

  it('reports an empty period with zero counts and null rates', () => {
    const report = createAllianceEngagementReport({ from: '2021-01-01', to: '2021-01-31', periodCost: 19_200 });
    const result = report.result();
    expect(result.months).toHaveLength(1);
    expect(result.months[0]).toMatchObject({ month: '2021-01', engaged: 0, engagementRate: null, refusalRate: null });
    expect(result.total).toEqual({
      engaged: 0,
      ageBands: { '9-10': 0, '11-15': 0, '16-18': 0 },
      residence: { Enfield: 0, Haringey: 0, other: 0 },
      knownToYos: { yes: 0, no: 0, notChecked: 0, shareYes: null },
      outcomes: {
        'intervention-arranged': 0,
        'awaiting-intervention': 0,
        'would-not-engage': 0,
        'out-of-area-mash-referral': 0,
      },
      engagementRate: null,
      refusalRate: null,
      costPerEngaged: null,
      costPerPositiveOutcome: null,
    });
  });

  it('has null rates when every child is out of area', () => {
    const report = createAllianceEngagementReport(PERIOD);
    report.recordEngagement({
      caseId: 'C-4',
      occurredAt: '2020-11-10T10:00:00Z',
      ageAtEngagement: 14,
      residence: 'Barnet',
      knownToYos: null,
      outcome: 'out-of-area-mash-referral',
    });
    expect(report.result().total).toMatchObject({ engaged: 1, engagementRate: null, refusalRate: null });
  });

  it('rejects invalid input', () => {
    expect(() => createAllianceEngagementReport({ from: '2020-12-31', to: '2020-10-19' })).toThrow(RangeError);
    expect(() => createAllianceEngagementReport({ from: '2020-02-30', to: '2020-03-01' })).toThrow(RangeError);
    expect(() => createAllianceEngagementReport({ ...PERIOD, periodCost: -1 })).toThrow(RangeError);
    const report = createAllianceEngagementReport(PERIOD);
    const fact: AllianceEngagementFact = {
      caseId: 'C-5',
      occurredAt: '2020-11-10T10:00:00Z',
      ageAtEngagement: 14,
      residence: 'Enfield',
      knownToYos: null,
      outcome: 'awaiting-intervention',
    };
    // No offset: would depend on the machine's time zone.
    expect(() => report.recordEngagement({ ...fact, occurredAt: '2020-11-10T10:00:00' })).toThrow(RangeError);
    expect(() => report.recordEngagement({ ...fact, ageAtEngagement: 9 })).toThrow(RangeError);
    expect(() => report.recordEngagement({ ...fact, ageAtEngagement: 19 })).toThrow(RangeError);
    expect(() => report.recordEngagement({ ...fact, outcome: 'arrested' as AllianceOutcome })).toThrow(RangeError);
    expect(report.result().total.engaged).toBe(0);
  });
});
