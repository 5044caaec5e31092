import { isValidEventId } from '../../event-store/src/port/naming';
import { deterministicEventId, jobInputDigest } from './deterministic-event-id';
import { progressOf } from './job-view';

describe('deterministic event ids for jobs', () => {
  it('are lowercase version-5-layout uuids the store accepts', () => {
    const id = deterministicEventId(jobInputDigest('iom-import', { month: '2024-03' }), 'row-17/0');
    expect(isValidEventId(id)).toBe(true);
    expect(id[14]).toBe('5');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
  });

  it('depend on the kind, the input (not its key order) and the key only', () => {
    const digest = jobInputDigest('iom-import', { month: '2024-03', rows: [1, 2] });
    expect(jobInputDigest('iom-import', { rows: [1, 2], month: '2024-03' })).toBe(digest);
    expect(deterministicEventId(digest, 'row-1')).toBe(deterministicEventId(digest, 'row-1'));
    expect(deterministicEventId(digest, 'row-2')).not.toBe(deterministicEventId(digest, 'row-1'));
    expect(jobInputDigest('iom-import', { month: '2024-04', rows: [1, 2] })).not.toBe(digest);
    expect(jobInputDigest('export', { month: '2024-03', rows: [1, 2] })).not.toBe(digest);
  });
});

describe('job progress', () => {
  it('gives percent and an ETA from the rate so far', () => {
    expect(progressOf(250, 1000, 'rows', 5_000)).toEqual({
      done: 250,
      total: 1000,
      unit: 'rows',
      percent: 25,
      etaSeconds: 15,
    });
  });

  it('has no percent or ETA while the total is unknown or nothing is done', () => {
    expect(progressOf(10, undefined, 'events', 1_000)).toMatchObject({ total: null, percent: null, etaSeconds: null });
    expect(progressOf(0, 100, 'rows', 0)).toMatchObject({ percent: 0, etaSeconds: null });
  });
});
