import { holdsNothing, type Holdings } from './holds-nothing';

describe('holdsNothing', () => {
  it('says a person with no record, no case and no case naming them holds nothing', () => {
    expect(holdsNothing({ records: 0, cases: 0, namedOn: 0 })).toBe(true);
  });

  it.each([
    ['a record', { records: 1, cases: 0, namedOn: 0 }],
    ['a case', { records: 0, cases: 1, namedOn: 0 }],
    ['a MARAC case naming them as perpetrator', { records: 0, cases: 0, namedOn: 1 }],
  ] as const)('says a person holding only %s holds something', (_what, held: Holdings) => {
    expect(holdsNothing(held)).toBe(false);
  });

  it('asks for cases and namings only while nothing before them is held', () => {
    const asked: string[] = [];
    const held: Holdings = {
      records: 1,
      get cases() {
        asked.push('cases');
        return 0;
      },
      get namedOn() {
        asked.push('namedOn');
        return 0;
      },
    };
    expect(holdsNothing(held)).toBe(false);
    expect(asked).toEqual([]);
  });
});
