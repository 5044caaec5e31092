import { GroupAbandoned, GroupFailedAt, writeGroup, type GroupWriter } from './group-retry';

const diskFull = (): Error => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

/** Requests are numbers; `offenders` fill the disk wherever they are written. Records every commit tried. */
function writerWith(offenders: readonly number[]): { writer: GroupWriter<number, number>; tried: string[] } {
  const tried: string[] = [];
  const writer: GroupWriter<number, number> = {
    group: (requests) => {
      tried.push(`group ${requests.join(',')}`);
      const index = requests.findIndex((request) => offenders.includes(request));
      if (index >= 0) throw new GroupFailedAt(index, diskFull());
      return requests.map((request) => ({ value: request }));
    },
    alone: (request) => {
      tried.push(`alone ${request}`);
      if (offenders.includes(request)) throw diskFull();
      return { value: request };
    },
  };
  return { writer, tried };
}

const requests = Array.from({ length: 10 }, (_, i) => i);

describe('writeGroup', () => {
  it('writes around the request that failed the group: those before as one group, it alone, the rest as one group', () => {
    const { writer, tried } = writerWith([4]);
    const settled = writeGroup(writer, requests);
    expect(tried).toEqual(['group 0,1,2,3,4,5,6,7,8,9', 'group 0,1,2,3', 'alone 4', 'group 5,6,7,8,9']);
    expect(settled.map((outcome) => outcome.value ?? (outcome.error as Error).name)).toEqual([
      0,
      1,
      2,
      3,
      'EventStoreUnavailableError',
      5,
      6,
      7,
      8,
      9,
    ]);
  });

  it('goes around each further offender the same way', () => {
    const { writer, tried } = writerWith([0, 6]);
    const settled = writeGroup(writer, requests);
    expect(tried).toEqual([
      'group 0,1,2,3,4,5,6,7,8,9',
      'alone 0',
      'group 1,2,3,4,5,6,7,8,9',
      'group 1,2,3,4,5',
      'alone 6',
      'group 7,8,9',
    ]);
    expect(settled.map((outcome) => outcome.error === undefined)).toEqual(requests.map((r) => r !== 0 && r !== 6));
  });

  it('goes around the request during which SQLite abandoned the transaction', () => {
    const { writer, tried } = writerWith([]);
    const group = writer.group;
    let abandoned = false;
    const settled = writeGroup(
      {
        ...writer,
        group: (batch) => {
          if (abandoned) return group(batch);
          abandoned = true;
          throw new GroupFailedAt(2, new GroupAbandoned(new Error('interrupted')));
        },
      },
      [0, 1, 2, 3],
    );
    expect(tried).toEqual(['group 0,1', 'alone 2', 'alone 3']);
    expect(settled).toEqual([0, 1, 2, 3].map((value) => ({ value })));
  });

  it('writes each alone when no request can be blamed (the commit itself failed)', () => {
    const { writer, tried } = writerWith([]);
    const settled = writeGroup(
      {
        ...writer,
        group: () => {
          throw diskFull();
        },
      },
      [0, 1, 2],
    );
    expect(tried).toEqual(['alone 0', 'alone 1', 'alone 2']);
    expect(settled).toEqual([0, 1, 2].map((value) => ({ value })));
  });

  it('fails the whole group, writing nothing, when the file itself cannot be used', () => {
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const { writer, tried } = writerWith([]);
    expect(() =>
      writeGroup(
        {
          ...writer,
          group: () => {
            throw new GroupFailedAt(1, busy);
          },
        },
        [0, 1, 2],
      ),
    ).toThrow(busy);
    expect(tried).toEqual([]);
  });
});
