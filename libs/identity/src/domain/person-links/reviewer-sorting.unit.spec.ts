import { Rejection } from '../../../../command-handling/src/rejections';
import { IDENTITY_RULES } from './identity-rules';
import { sortedWithReviewer, type ReviewerSays, type ShownToReviewer } from './reviewer-sorting';
import type { PersonSorting, Sorting } from './sort-at-restore';

const records: Sorting[] = [
  { recordId: 'iom-2', caseId: 'c-iom-2', goesBack: true, by: 'identifier' },
  { recordId: 'marac-2', caseId: 'c-marac-2', goesBack: false, by: 'score' },
  { recordId: 'mappa-1', caseId: 'c-mappa-1' },
];
const sortings = { records, people: [] };
const nobody = { recordIds: [], caseIds: [], personIds: [] };
const plain: ReviewerSays = { named: nobody, decides: false };
const everything: ShownToReviewer = { record: () => true, person: () => true };
/** Someone merged in while the two were one, whom no identifier or score placed. */
const mergedIn = (changes: Partial<PersonSorting> = {}): PersonSorting => ({
  personId: 'p-3',
  memberIds: ['p-3', 'p-4'],
  holdsAll: false,
  recordIds: ['mappa-0'],
  caseIds: ['c-mappa-0'],
  ...changes,
});

const refusal = (run: () => unknown): Rejection => {
  try {
    run();
  } catch (error) {
    if (error instanceof Rejection) return error;
    throw error;
  }
  throw new Error('not refused');
};

describe("a reviewer's part in sorting the records linked while merged", () => {
  it('refuses a plain restore while a record is undecided, naming it and its case', () => {
    const refused = refusal(() => sortedWithReviewer(sortings, plain, everything, 'p-2'));
    expect(refused).toMatchObject({ kind: 'conflict', rule: IDENTITY_RULES.linkedWhileMerged });
    expect(refused.message).toContain('record mappa-1 (case c-mappa-1)');
    expect(refused.details).toEqual([
      expect.objectContaining({ field: 'recordIds', message: expect.stringContaining('mappa-1') }),
    ]);
  });

  it('tells the reviewer which undecided records carry an identifier others carry, so they keep them together', () => {
    const sharing = [
      { recordId: 'mappa-1', caseId: 'c-mappa-1', sharesAnIdentifier: true as const },
      { recordId: 'mappa-2', caseId: 'c-mappa-2', sharesAnIdentifier: true as const },
    ];
    const refused = refusal(() => sortedWithReviewer({ records: sharing, people: [] }, plain, everything, 'p-2'));
    expect(refused.message).toContain('name all of them or none of them');
    expect(refused.details.map((d) => d.message)).toEqual([
      'record mappa-1 (case c-mappa-1) was linked while the two were one, and carries a valid identifier others being sorted carry',
      'record mappa-2 (case c-mappa-2) was linked while the two were one, and carries a valid identifier others being sorted carry',
    ]);
    const alone = refusal(() => sortedWithReviewer(sortings, plain, everything, 'p-2'));
    expect(alone.message).not.toContain('name all of them');
  });

  it('tells the reviewer which identifier kinds of each side an undecided record carries', () => {
    const carryingBoth = {
      recordId: 'mappa-1',
      caseId: 'c-mappa-1',
      identifiersOfBoth: { restored: ['pnc' as const], staying: ['nhsNumber' as const] },
    };
    const refused = refusal(() =>
      sortedWithReviewer({ records: [carryingBoth], people: [] }, plain, everything, 'p-2'),
    );
    expect(refused).toMatchObject({ kind: 'conflict', rule: IDENTITY_RULES.linkedWhileMerged });
    expect(refused.message).toContain(
      'record mappa-1 (case c-mappa-1) carries a valid identifier of each of the two (pnc of p-2, nhsNumber of this person)',
    );
    expect(refused.details.map((d) => d.message)).toEqual([
      'record mappa-1 (case c-mappa-1) was linked while the two were one, and carries a valid identifier of each of the two (pnc of p-2, nhsNumber of this person)',
    ]);
    // As any undecided record, it goes where the reviewer says.
    const named = { named: { ...nobody, recordIds: ['mappa-1'] }, decides: true };
    expect(sortedWithReviewer({ records: [carryingBoth], people: [] }, named, everything, 'p-2').records).toEqual([
      expect.objectContaining({ recordId: 'mappa-1', goesBack: true, by: 'reviewer' }),
    ]);
  });

  it('sends back what the reviewer names, a record with its case, and keeps what they leave unnamed', () => {
    const byCase = sortedWithReviewer(
      sortings,
      { named: { ...nobody, caseIds: ['c-mappa-1', 'c-marac-2'] }, decides: true },
      everything,
      'p-2',
    );
    expect(byCase.records.map((s) => [s.recordId, s.goesBack, s.by])).toEqual([
      ['iom-2', true, 'identifier'],
      ['marac-2', true, 'reviewer'],
      ['mappa-1', true, 'reviewer'],
    ]);
    const noneBack = sortedWithReviewer(sortings, { ...plain, decides: true }, everything, 'p-2');
    expect(noneBack.records[2]).toEqual({ recordId: 'mappa-1', caseId: 'c-mappa-1', goesBack: false, by: 'reviewer' });
  });

  it('never lets a reviewer decide, nor see, a record of a panel not theirs: they are told others must restore', () => {
    const notMappa = { ...everything, record: (s: Sorting) => s.recordId !== 'mappa-1' };
    const refused = refusal(() => sortedWithReviewer(sortings, { ...plain, decides: true }, notMappa, 'p-2'));
    expect(refused.rule).toBe(IDENTITY_RULES.linkedWhileMerged);
    expect(refused.message).toContain('panels other than yours');
    expect(refused.message).not.toContain('mappa-1');
    expect(refused.details).toEqual([]);
  });

  it('asks about someone merged in while the two were one, naming them and their cases, under personIds', () => {
    const refused = refusal(() => sortedWithReviewer({ records: [], people: [mergedIn()] }, plain, everything, 'p-2'));
    expect(refused).toMatchObject({ kind: 'conflict', rule: IDENTITY_RULES.linkedWhileMerged });
    expect(refused.message).toContain('person p-3 (case c-mappa-0)');
    expect(refused.details).toEqual([expect.objectContaining({ field: 'personIds' })]);
  });

  it('sends back someone merged in when the reviewer names any id of theirs, or one of their records or cases', () => {
    const answer = (named: Partial<ReviewerSays['named']>) =>
      sortedWithReviewer(
        { records: [], people: [mergedIn()] },
        { named: { ...nobody, ...named }, decides: true },
        everything,
        'p-2',
      ).people.map((p) => [p.goesBack, p.by]);
    expect(answer({ personIds: ['p-4'] })).toEqual([[true, 'reviewer']]);
    expect(answer({ caseIds: ['c-mappa-0'] })).toEqual([[true, 'reviewer']]);
    expect(answer({})).toEqual([[false, 'reviewer']]);
  });

  it('never names someone merged in whom the reviewer may not see', () => {
    const hidden = { ...everything, person: () => false };
    const refused = refusal(() =>
      sortedWithReviewer({ records: [], people: [mergedIn()] }, { ...plain, decides: true }, hidden, 'p-2'),
    );
    expect(refused.message).toContain('panels other than yours');
    expect(refused.message).not.toMatch(/p-3|p-4|mappa-0/);
  });

  it('refuses to send back someone everything is held under, saying which merge to undo first', () => {
    const holdsAll = mergedIn({ holdsAll: true, mergedUnder: 'p-1', goesBack: true, by: 'identifier' });
    const refused = refusal(() => sortedWithReviewer({ records: [], people: [holdsAll] }, plain, everything, 'p-2'));
    expect(refused).toMatchObject({ kind: 'conflict', rule: IDENTITY_RULES.undoLaterMergeFirst });
    expect(refused.message).toContain('restore p-1 on this person');
    const stays = sortedWithReviewer(
      { records: [], people: [{ ...holdsAll, goesBack: false, by: 'score' }] },
      plain,
      everything,
      'p-2',
    );
    expect(stays.people.map((p) => p.goesBack)).toEqual([false]);
  });
});
