import { MAX_IDS, returnedIds, shownSubjects } from './returned-ids';

describe('returnedIds', () => {
  it('names both people of every match review in a queue, as an auditor traces each of them', () => {
    const queue = {
      items: [
        { id: 'review-1', personIds: ['person-a', 'person-b'], score: 12 },
        { id: 'review-2', personIds: ['person-b', 'person-c'], score: 11 },
      ],
      total: 2,
    };
    expect(returnedIds(queue)).toEqual({ caseIds: [], personIds: ['person-a', 'person-b', 'person-c'] });
  });

  it('takes case lists and …PersonIds lists too, in document order with single ids, each once', () => {
    const person = {
      personId: 'person-s',
      mergedPersonIds: ['person-m', 'person-s'],
      cases: [{ caseId: 'case-1' }],
      moved: { caseIds: ['case-2', 'case-1'], recordIds: ['record-1'] },
    };
    expect(returnedIds(person)).toEqual({ caseIds: ['case-1', 'case-2'], personIds: ['person-s', 'person-m'] });
  });

  it('takes only the strings of a list, still walking objects in it, and no other …Ids list', () => {
    const body = {
      personIds: ['person-a', 7, null, { caseId: 'case-9' }],
      recordIds: ['record-1'],
      personIdsNote: 'person-x',
      caseIds: 'case-not-a-list',
    };
    expect(returnedIds(body)).toEqual({ caseIds: ['case-9'], personIds: ['person-a'] });
  });

  it('takes a list as deep as it takes a single id, and nothing deeper', () => {
    const nestedFive = (inner: object) => ({ a: { b: { c: { d: { e: inner } } } } });
    expect(returnedIds(nestedFive({ personId: 'single', personIds: ['listed'] })).personIds).toEqual([
      'single',
      'listed',
    ]);
    expect(returnedIds({ deeper: nestedFive({ personId: 'single', personIds: ['listed'] }) }).personIds).toEqual([]);
  });

  it('stops at MAX_IDS of each kind however long the lists', () => {
    const long = (prefix: string) => Array.from({ length: MAX_IDS + 100 }, (_, i) => `${prefix}-${i}`);
    const ids = returnedIds({ personIds: long('p'), caseIds: long('c') });
    expect(ids.personIds).toHaveLength(MAX_IDS);
    expect(ids.caseIds).toHaveLength(MAX_IDS);
    expect(ids.personIds.at(-1)).toBe(`p-${MAX_IDS - 1}`);
  });

  it('pairs each case with the person shown beside it, the shallowest first', () => {
    const body = {
      caseId: 'case-1',
      personId: 'survivor',
      perpetrator: { personId: 'him' },
      items: [{ caseId: 'case-2', personId: 'p2' }, { data: { caseId: 'case-1', personId: 'as-referred' } }],
    };
    expect(shownSubjects(body)).toEqual({ 'case-1': 'survivor', 'case-2': 'p2' });
    expect(shownSubjects({ caseIds: ['case-1'], personIds: ['p'] })).toEqual({});
  });

  it('reads a body holding a list or buffer of 500,000 items without overflowing the stack', () => {
    const items = Array.from({ length: 500_000 }, (_, i) => (i === 0 ? { caseId: 'case-1', personId: 'p1' } : i));
    expect(shownSubjects({ items })).toEqual({ 'case-1': 'p1' });
    expect(shownSubjects({ file: Buffer.alloc(500_000) })).toEqual({});
  });
});
