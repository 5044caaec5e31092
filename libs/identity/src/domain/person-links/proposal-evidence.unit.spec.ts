import { proposalEvidenceMoved } from './proposal-evidence';

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
