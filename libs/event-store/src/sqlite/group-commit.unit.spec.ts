import { GroupCommit, type Settled } from './group-commit';

describe('GroupCommit', () => {
  it('writes requests asked for in the same turn as one group, in the order asked', async () => {
    const groups: number[][] = [];
    const commit = new GroupCommit<number, string>((requests) => {
      groups.push([...requests]);
      return requests.map((request) => ({ value: `done ${request}` }));
    });
    const answers = await Promise.all([1, 2, 3].map((request) => commit.submit(request)));
    expect(answers).toEqual(['done 1', 'done 2', 'done 3']);
    expect(groups).toEqual([[1, 2, 3]]);
    await commit.submit(4);
    expect(groups).toEqual([[1, 2, 3], [4]]);
  });

  it('answers each request with its own outcome: a refused one does not fail the rest', async () => {
    const refusal = new Error('refused');
    const commit = new GroupCommit<number, number>((requests) =>
      requests.map((request): Settled<number> => (request === 2 ? { error: refusal } : { value: request * 10 })),
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
    });
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
    });
    const pending = commit.submit(7);
    commit.flush();
    expect(written).toEqual([7]);
    await expect(pending).resolves.toBe(7);
  });
});
