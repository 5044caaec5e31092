import type { Seal } from './chain';
import type { CaseRows } from './referral-rows';
import { TrailConsistency, type DerivedRow, type TrailContent, type TrailRow } from './trail-consistency';

const seal = (position: number, stream = `case-${position}`): Seal => ({
  position: BigInt(position),
  eventId: `event-${position}`,
  stream,
  hash: 'h',
});
const row = (position: number, eventId = `event-${position}`): TrailRow => ({ position: BigInt(position), eventId });

describe('TrailConsistency', () => {
  it('accepts a row per sealed event, none for person-key claims, and nothing after the checkpoint', () => {
    const trail = new TrailConsistency(2n);
    trail.compare(
      [seal(0), seal(1, 'personkey-abc'), seal(2), seal(3)],
      { rows: [row(0), row(2)], cases: new Map(), streams: new Map() },
      new Map(),
    );
    expect(trail.problemCount).toBe(0);
    expect(trail.checked).toBe(2);
  });

  it('names missing, altered and extra rows by position', () => {
    const trail = new TrailConsistency(10n);
    trail.compare(
      [seal(0), seal(1), seal(3, 'personkey-abc')],
      { rows: [row(1, 'other'), row(2), row(3)], cases: new Map(), streams: new Map() },
      new Map(),
    );
    expect(trail.problems.map((p) => [p.position, p.reason])).toEqual([
      ['0', 'trail-row-missing'],
      ['1', 'trail-row-altered'],
      ['3', 'trail-row-extra'],
      ['2', 'trail-row-extra'],
    ]);
  });

  it('reports a checkpoint past the end of the log, which lost its tail, and accepts one at or before it', () => {
    const cut = new TrailConsistency(11n);
    cut.logEndsAt(7n);
    expect(cut.problems).toEqual([
      { position: '11', reason: 'trail-ahead-of-log', detail: expect.stringMatching(/log ends at 7/) },
    ]);
    for (const head of [11n, 12n]) {
      const sound = new TrailConsistency(11n);
      sound.logEndsAt(head);
      expect(sound.problemCount).toBe(0);
    }
  });
});

describe('TrailConsistency on row content', () => {
  const NAMES = ['case_id', 'person_id', 'purpose', 'subjects'];
  const says = (values: (string | null)[]): TrailContent => ({ names: NAMES, values });
  const content = says(['case-a', 'person-a', 'MARAC', null]);
  const page = (rows: TrailRow[], cases: [string, CaseRows][] = []) => ({
    rows,
    cases: new Map(cases),
    streams: new Map(),
  });
  const problems = (trail: TrailConsistency) => trail.problems.map((p) => [p.position, p.reason, p.detail]);

  it('names the fields of a row that keeps its event id but no longer says what its sealed event gives', () => {
    const trail = new TrailConsistency(10n);
    const edited = says([null, null, 'routine', null]);
    trail.compare([seal(1)], page([{ ...row(1), content: edited }]), new Map([[1n, { content }]]));
    expect(trail.problems).toEqual([
      {
        position: '1',
        eventId: 'event-1',
        reason: 'trail-row-altered',
        detail: "the row's case_id, person_id, purpose differ from its sealed event",
      },
    ]);
  });

  it('accepts a row that says what its event gives, and compares only ids for a row read without content', () => {
    const trail = new TrailConsistency(10n);
    trail.compare([seal(1), seal(2)], page([{ ...row(1), content }, row(2)]), new Map([[1n, { content }]]));
    expect(trail.problemCount).toBe(0);
  });

  const person = (personId: string, since: bigint, role = 'subject') => ({ personId, role, since });
  const referral = (position: bigint, people: string[], panel: string, first = true) => ({
    content,
    referral: {
      caseId: 'case-a',
      first,
      panel,
      people: people.map((id, i) => person(id, position, i ? 'named' : 'subject')),
    },
  });

  it("reports a referral whose case's people lost a person or gained one", () => {
    const derived = new Map([[1n, referral(1n, ['p1', 'p2'], 'MARAC')]]);
    const lost = new TrailConsistency(10n);
    lost.compare(
      [seal(1)],
      page([{ ...row(1), content }], [['case-a', { people: [person('p1', 1n)], panel: 'MARAC' }]]),
      derived,
    );
    const gained = new TrailConsistency(10n);
    const three = [person('p1', 1n), person('p2', 1n, 'named'), person('p3', 0n, 'named')];
    gained.compare([seal(1)], page([{ ...row(1), content }], [['case-a', { people: three, panel: 'MARAC' }]]), derived);
    expect([...problems(lost), ...problems(gained)]).toEqual([
      ['1', 'trail-row-altered', "the row's case_people differ from its sealed event"],
      ['1', 'trail-row-altered', "the row's case_people differ from its sealed event"],
    ]);
  });

  it('accepts a case referred twice: people from each referral, the panel of the last', () => {
    const trail = new TrailConsistency(10n);
    const stored: CaseRows = { people: [person('p1', 1n), person('p2', 2n, 'named')], panel: 'IOM' };
    const derived = new Map([
      [1n, referral(1n, ['p1'], 'MARAC')],
      [2n, referral(2n, ['p1', 'p2'], 'IOM', false)],
    ]);
    trail.compare(
      [seal(1), seal(2)],
      page(
        [
          { ...row(1), content },
          { ...row(2), content },
        ],
        [['case-a', stored]],
      ),
      derived,
    );
    trail.finish();
    expect(trail.problemCount).toBe(0);
  });

  it("reports a case's panel or a person from a position that referred no such case, once the walk is done", () => {
    const trail = new TrailConsistency(10n);
    const stored: CaseRows = { people: [person('p1', 1n), person('p9', 2n, 'named')], panel: 'IOM' };
    trail.compare(
      [seal(1), seal(2)],
      page(
        [
          { ...row(1), content },
          { ...row(2), content },
        ],
        [['case-a', stored]],
      ),
      new Map<bigint, DerivedRow>([
        [1n, referral(1n, ['p1'], 'MARAC')],
        [2n, { content }],
      ]),
    );
    trail.finish();
    expect(problems(trail)).toEqual([
      [
        '1',
        'trail-row-altered',
        "the row's case_people (a row from position 2, no referral of the case) differ from its sealed event",
      ],
      ['1', 'trail-row-altered', "the row's case_panel differ from its sealed event"],
    ]);
  });

  it('lets a referral the trail has not reached yet account for its people and panel, and leaves rows beyond the walk', () => {
    const trail = new TrailConsistency(1n);
    const people = [person('p1', 1n), person('p2', 2n, 'named'), person('p3', 99n, 'named')];
    trail.compare(
      [seal(1), seal(2)],
      page([{ ...row(1), content }], [['case-a', { people, panel: 'IOM' }]]),
      new Map([
        [1n, referral(1n, ['p1'], 'MARAC')],
        [2n, referral(2n, ['p1', 'p2'], 'IOM', false)],
      ]),
    );
    trail.finish();
    expect(trail.problemCount).toBe(0);
  });
});
