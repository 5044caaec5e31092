import { Rejection } from '../../../command-handling/src/rejections';
import { requireMergeNotUndone } from './merge-not-undone';
import type { ReviewState } from './person-index.query';

/** Review v~c merged c into v; a restore has since undone it. Ids are synthetic. */
const undone: ReviewState = {
  id: 'review-1',
  personIds: ['v', 'c'],
  status: 'confirmed',
  position: 3,
  tookEffect: true,
  merge: { survivorId: 'v', mergedId: 'c' },
  mergeUndone: true,
};

const refusal = (review: ReviewState, holders: Record<string, string>): Rejection => {
  try {
    requireMergeNotUndone(review, (id) => holders[id] ?? id);
  } catch (error) {
    if (error instanceof Rejection) return error;
    throw error;
  }
  throw new Error('not refused');
};

describe('deciding a review whose merge a restore undid', () => {
  it('is allowed while its merge stands', () => {
    expect(() => requireMergeNotUndone({ ...undone, mergeUndone: false }, (id) => id)).not.toThrow();
  });

  it('names the two it pairs now when the person it merged in is held by someone else', () => {
    const refused = refusal(undone, { c: 'n' });
    expect(refused.rule).toBe('match-proposal-open');
    expect(refused.message).toContain('c, whom it merged in, is held by n now, so it pairs v and n');
    expect(refused.message).toContain('/v1/people/match-reviews/review-1/reopen');
  });

  it('never pairs a person with herself once other reviews have made the two one again', () => {
    const refused = refusal(undone, { c: 'v' });
    expect(refused.rule).toBe('match-proposal-open');
    expect(refused.message).toContain('have made its two people one person (v) again');
    expect(refused.message).not.toMatch(/pairs v and v|two people again/);
  });
});
