import type { Seal } from './chain';
import { TrailConsistency } from './trail-consistency';

const seal = (position: number, stream = `case-${position}`): Seal => ({
  position: BigInt(position),
  eventId: `event-${position}`,
  stream,
  hash: 'h',
});
const row = (position: number, eventId = `event-${position}`) => ({ position: BigInt(position), eventId });

describe('TrailConsistency', () => {
  it('accepts a row per sealed event, none for person-key claims, and nothing after the checkpoint', () => {
    const trail = new TrailConsistency(2n);
    trail.compare([seal(0), seal(1, 'personkey-abc'), seal(2), seal(3)], [row(0), row(2)]);
    expect(trail.problemCount).toBe(0);
    expect(trail.checked).toBe(2);
  });

  it('names missing, altered and extra rows by position', () => {
    const trail = new TrailConsistency(10n);
    trail.compare([seal(0), seal(1), seal(3, 'personkey-abc')], [row(1, 'other'), row(2), row(3)]);
    expect(trail.problems.map((p) => [p.position, p.reason])).toEqual([
      ['0', 'trail-row-missing'],
      ['1', 'trail-row-altered'],
      ['3', 'trail-row-extra'],
      ['2', 'trail-row-extra'],
    ]);
  });
});
