import { InProcessReviewDecisionTurns } from './review-decision-turns';

describe('review decision turns within one process', () => {
  it('starts each decision once the one before has settled, refused or not', async () => {
    const turns = new InProcessReviewDecisionTurns();
    const order: string[] = [];
    let refuseFirst: (refusal: Error) => void = () => undefined;
    const first = turns.take(
      () =>
        new Promise<string>((_, reject) => {
          order.push('confirm starts');
          refuseFirst = reject;
        }),
    );
    const second = turns.take(async () => {
      order.push('split starts');
      return 'split';
    });
    await Promise.resolve();
    expect(order).toEqual(['confirm starts']);
    refuseFirst(new Error('identifier-conflict'));
    await expect(first).rejects.toThrow('identifier-conflict');
    await expect(second).resolves.toBe('split');
    expect(order).toEqual(['confirm starts', 'split starts']);
  });

  // A confirmation that asked for a split's turn while holding its own would never be answered.
  it('refuses a turn asked for inside a turn instead of waiting for itself, and goes on deciding', async () => {
    const turns = new InProcessReviewDecisionTurns();
    const nested = turns.take(() => turns.take(async () => 'restored'));
    await expect(nested).rejects.toThrow('a turn was asked for inside a turn');
    await expect(turns.take(async () => 'confirmed')).resolves.toBe('confirmed');
  });
});
