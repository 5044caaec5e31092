import { Rejection } from '../../../../command-handling/src/rejections';
import { IDENTITY_RULES } from './identity-rules';
import { sortedWithReviewer, type ReviewerSays } from './reviewer-sorting';
import type { Sorting } from './sort-at-restore';

const sortings: Sorting[] = [
  { recordId: 'iom-2', caseId: 'c-iom-2', goesBack: true, by: 'identifier' },
  { recordId: 'marac-2', caseId: 'c-marac-2', goesBack: false, by: 'score' },
  { recordId: 'mappa-1', caseId: 'c-mappa-1' },
];
const plain: ReviewerSays = { named: { recordIds: [], caseIds: [] }, decides: false };
const everything = () => true;

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

  it('sends back what the reviewer names, a record with its case, and keeps what they leave unnamed', () => {
    const byCase = sortedWithReviewer(
      sortings,
      { named: { recordIds: [], caseIds: ['c-mappa-1', 'c-marac-2'] }, decides: true },
      everything,
      'p-2',
    );
    expect(byCase.map((s) => [s.recordId, s.goesBack, s.by])).toEqual([
      ['iom-2', true, 'identifier'],
      ['marac-2', true, 'reviewer'],
      ['mappa-1', true, 'reviewer'],
    ]);
    const noneBack = sortedWithReviewer(sortings, { ...plain, decides: true }, everything, 'p-2');
    expect(noneBack[2]).toEqual({ recordId: 'mappa-1', caseId: 'c-mappa-1', goesBack: false, by: 'reviewer' });
  });

  it('never lets a reviewer decide, nor see, a record of a panel not theirs: they are told others must restore', () => {
    const notMappa = (s: Sorting) => s.recordId !== 'mappa-1';
    const refused = refusal(() => sortedWithReviewer(sortings, { ...plain, decides: true }, notMappa, 'p-2'));
    expect(refused.rule).toBe(IDENTITY_RULES.linkedWhileMerged);
    expect(refused.message).toContain('panels other than yours');
    expect(refused.message).not.toContain('mappa-1');
    expect(refused.details).toEqual([]);
  });
});
