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
  const removed = (identifiersLevel: string, first: object[], second: object[]) =>
    proposalEvidenceRemoved({ identifiersLevel, first, second });

  it('holds while the two still share the value that agreed', () => {
    expect(removed('agree', [hers], [{}, hers])).toBe(false);
  });

  it('is gone once that value was removed from either side', () => {
    expect(removed('agree', [hers], [{}])).toBe(true);
    expect(removed('agree', [{}], [hers])).toBe(true);
  });

  it('leaves two who now hold different values to identifier-conflict', () => {
    expect(removed('agree', [hers], [{ pnc: '2002/0073319Z' }])).toBe(false);
  });

  it('says nothing of a proposal that was not scored on an identifier agreeing', () => {
    expect(removed('missing', [hers], [{}])).toBe(false);
  });
});
