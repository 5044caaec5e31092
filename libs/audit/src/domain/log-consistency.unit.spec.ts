import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { LEAN_METADATA } from '../../../event-store/src/testing/event-fixtures';
import { LogConsistency } from './log-consistency';

const event = (position: number, stream: string, revision: number): RecordedEvent => ({
  id: `event-${position}`,
  type: 'thing-happened',
  stream,
  revision: BigInt(revision),
  position: BigInt(position),
  data: {},
  metadata: LEAN_METADATA,
});

const check = (events: readonly RecordedEvent[], consecutive = true) => {
  const log = new LogConsistency(consecutive);
  for (const e of events) log.see(e);
  return log;
};

describe('LogConsistency', () => {
  it('accepts interleaved streams whose revisions run from 0 at consecutive positions', () => {
    const log = check([event(0, 'case-a', 0), event(1, 'case-b', 0), event(2, 'case-a', 1)]);
    expect(log.problemCount).toBe(0);
  });

  it('names a row at a revision its stream never reached, as a forged insert has', () => {
    const log = check([event(0, 'case-a', 0), event(1, 'case-a', 999)]);
    expect(log.problems).toEqual([
      expect.objectContaining({ position: '1', eventId: 'event-1', reason: 'revision-gap' }),
    ]);
  });

  it('names a hole in the positions where the store promises none, and not where it does not', () => {
    const log = [event(0, 'case-a', 0), event(2, 'case-b', 0)];
    expect(check(log).problems).toEqual([expect.objectContaining({ position: '2', reason: 'position-gap' })]);
    expect(check(log, false).problemCount).toBe(0);
  });
});
