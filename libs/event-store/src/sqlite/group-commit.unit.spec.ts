import { GroupCommit, type GroupCap, type Settled } from './group-commit';

/** Requests are event counts here, so a group's events are the sum of its requests. */
const roomy: GroupCap<number> = { requests: 1_000, events: 1_000_000, eventsIn: (request) => request };

describe('GroupCommit', () => {
  it('writes requests asked for in the same turn as one group, in the order asked', async () => {
    const groups: number[][] = [];
    const commit = new GroupCommit<number, string>((requests) => {
      groups.push([...requests]);
      return requests.map((request) => ({ value: `done ${request}` }));
    }, roomy);
    const answers = await Promise.all([1, 2, 3].map((request) => commit.submit(request)));
    expect(answers).toEqual(['done 1', 'done 2', 'done 3']);
    expect(groups).toEqual([[1, 2, 3]]);
    await commit.submit(4);
    expect(groups).toEqual([[1, 2, 3], [4]]);
  });

  it('answers each request with its own outcome: a refused one does not fail the rest', async () => {
    const refusal = new Error('refused');
    const commit = new GroupCommit<number, number>(
      (requests) =>
        requests.map((request): Settled<number> => (request === 2 ? { error: refusal } : { value: request * 10 })),
      roomy,
    );
    const outcomes = await Promise.allSettled([1, 2, 3].map((request) => commit.submit(request)));
    expect(outcomes).toEqual([
      { status: 'fulfilled', value: 10 },
      { status: 'rejected', reason: refusal },
      { status: 'fulfilled', value: 30 },
    ]);
  });

  it('fails every request of a group whose commit fails, and carries on with the next group', async () => {
    const failure = new Error('disk full');
    let fail = true;
    const commit = new GroupCommit<number, number>((requests) => {
      if (fail) throw failure;
      return requests.map((request) => ({ value: request }));
    }, roomy);
    const outcomes = await Promise.allSettled([1, 2].map((request) => commit.submit(request)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(commit.submit(3)).resolves.toBe(3);
  });

  it('writes what is queued when flushed at once, before its turn comes (as the store does on close)', async () => {
    const written: number[] = [];
    const commit = new GroupCommit<number, number>((requests) => {
      written.push(...requests);
      return requests.map((request) => ({ value: request }));
    }, roomy);
    const pending = commit.submit(7);
    commit.flush();
    expect(written).toEqual([7]);
    await expect(pending).resolves.toBe(7);
  });

  it.each([
    ['requests', 0],
    ['requests', 1.5],
    ['events', -1],
    ['events', Number.NaN],
  ] as const)(
    'refuses a cap whose %s is %p: each must be a whole number of at least 1 (0 would never take a group)',
    (field, value) => {
      expect(() => new GroupCommit<number, number>(() => [], { ...roomy, [field]: value })).toThrow(
        new RangeError(`GroupCap.${field} must be a whole number of at least 1, got ${value}`),
      );
    },
  );

  describe('capped', () => {
    function recorded(cap: Partial<GroupCap<number>>): { commit: GroupCommit<number, number>; groups: number[][] } {
      const groups: number[][] = [];
      const commit = new GroupCommit<number, number>(
        (requests) => {
          groups.push([...requests]);
          return requests.map((request) => ({ value: request }));
        },
        { ...roomy, ...cap },
      );
      return { commit, groups };
    }

    it('writes a burst larger than the cap as several groups, in the order asked, answering each', async () => {
      const { commit, groups } = recorded({ requests: 3 });
      const burst = [1, 2, 3, 4, 5, 6, 7];
      await expect(Promise.all(burst.map((request) => commit.submit(request)))).resolves.toEqual(burst);
      expect(groups).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    });

    it('closes a group before the events it would hold pass the cap; a request over it on its own is written alone', async () => {
      const { commit, groups } = recorded({ events: 10 });
      await Promise.all([4, 5, 2, 12, 3, 3].map((request) => commit.submit(request)));
      expect(groups).toEqual([[4, 5], [2], [12], [3, 3]]);
    });

    it('lets the thread go between groups: the first group is answered before the next is written', async () => {
      const { commit, groups } = recorded({ requests: 2 });
      const seenWhenFirstAnswered = commit.submit(1).then(() => groups.map((group) => [...group]));
      const rest = [2, 3, 4].map((request) => commit.submit(request));
      expect(await seenWhenFirstAnswered).toEqual([[1, 2]]);
      await Promise.all(rest);
      expect(groups).toEqual([
        [1, 2],
        [3, 4],
      ]);
    });

    it('puts appends asked for while a burst is written after it, not among it', async () => {
      const { commit, groups } = recorded({ requests: 2 });
      const first = commit.submit(1);
      const burst = [2, 3].map((request) => commit.submit(request));
      await first;
      await Promise.all([...burst, commit.submit(4)]);
      expect(groups.flat()).toEqual([1, 2, 3, 4]);
      expect(groups[0]).toEqual([1, 2]);
    });

    it('writes every group still queued when flushed (as before close), without waiting for turns', async () => {
      const { commit, groups } = recorded({ requests: 2 });
      const pending = [1, 2, 3, 4, 5].map((request) => commit.submit(request));
      commit.flush();
      expect(groups).toEqual([[1, 2], [3, 4], [5]]);
      await expect(Promise.all(pending)).resolves.toEqual([1, 2, 3, 4, 5]);
    });
  });
});
