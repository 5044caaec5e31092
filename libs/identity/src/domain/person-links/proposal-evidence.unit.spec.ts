import { proposalEvidenceMoved, proposalEvidenceRemoved } from './proposal-evidence';

describe('a match proposal’s evidence', () => {
  const pair = ['candidate', 'referred'] as const;

  it('holds while the second person holds the record the referral brought in', () => {
    expect(proposalEvidenceMoved({ pair, scoredRecordHeldBy: 'referred' })).toBe(false);
  });

  it('has moved once a split gave that record to someone else', () => {
    expect(proposalEvidenceMoved({ pair, scoredRecordHeldBy: 'split-off' })).toBe(true);
  });

  it('has moved once that record went to the candidate: the second person was never compared', () => {
    expect(proposalEvidenceMoved({ pair, scoredRecordHeldBy: 'candidate' })).toBe(true);
  });

  it('says nothing moved where the index knows no such record', () => {
    expect(proposalEvidenceMoved({ pair, scoredRecordHeldBy: undefined })).toBe(false);
  });
});

describe('a match proposal’s identifier agreement', () => {
  const hers = { pnc: '1979/0163001B' };
  const removed = (
    identifiersLevel: string,
    first: object[],
    second: object[],
    removedFromFirst: object[] = [],
    removedFromSecond: object[] = [],
  ) => proposalEvidenceRemoved({ identifiersLevel, first, second, removedFromFirst, removedFromSecond });

  it('holds while the two still share the value that agreed', () => {
    expect(removed('agree', [hers], [{}, hers], [], [hers])).toBe(false);
  });

  it('is gone once that value was removed from either side', () => {
    expect(removed('agree', [hers], [{}], [], [hers])).toBe(true);
    expect(removed('agree', [{}], [hers], [hers])).toBe(true);
  });

  it('is gone when it was removed from both', () => {
    expect(removed('agree', [{}], [{}], [hers], [hers])).toBe(true);
  });

  it('stands when nothing was removed: the value went elsewhere by a split or restore', () => {
    expect(removed('agree', [hers], [{}])).toBe(false);
    expect(removed('agree', [{}], [hers])).toBe(false);
  });

  it('stands when what was removed is not the value they agreed on', () => {
    expect(removed('agree', [hers], [{}], [], [{ nhs: '9434765919' }])).toBe(false);
  });

  it('leaves two who now hold different values to identifier-conflict', () => {
    expect(removed('agree', [hers], [{ pnc: '2002/0073319Z' }], [], [hers])).toBe(false);
  });

  it('says nothing of a proposal that was not scored on an identifier agreeing', () => {
    expect(removed('missing', [hers], [{}], [], [hers])).toBe(false);
  });
});
