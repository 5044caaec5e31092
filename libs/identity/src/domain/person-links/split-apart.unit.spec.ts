import { splitKeepingApart } from './split-apart';

describe('splitKeepingApart', () => {
  const splits = [{ splitFrom: 'her', personId: 'him' }];
  const asRecorded = (id: string) => id;

  it('keeps apart the person a split started and the one it split them off, either way round', () => {
    expect(splitKeepingApart('her', 'him', splits, asRecorded)).toEqual(splits[0]);
    expect(splitKeepingApart('him', 'her', splits, asRecorded)).toEqual(splits[0]);
  });

  it('follows each through anyone merged into them since', () => {
    const merged: Record<string, string> = { him: 'third', other: 'her' };
    const current = (id: string) => merged[id] ?? id;
    expect(splitKeepingApart('third', 'other', splits, current)).toEqual(splits[0]);
  });

  it('keeps apart no one else, nor two people who are one now', () => {
    expect(splitKeepingApart('her', 'third', splits, asRecorded)).toBeUndefined();
    expect(splitKeepingApart('her', 'him', splits, () => 'one')).toBeUndefined();
  });
});
