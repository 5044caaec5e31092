/**
 * One command at a time per key (a person, an agreement) in this process, in the order they came.
 * Commands that must be judged on each other's writes (referrals of one person under the MARAC
 * repeat rule; a share and a back-dated change of the agreement it rests on) otherwise read the
 * same state at once: either all but one start again and a bounded number of fresh starts runs
 * out (a 409 for someone whose only conflict was a colleague's command), or, when their writes go
 * to different streams, both are written though one should have been refused. Commands on other
 * keys never wait on each other. Other processes are not held: what they send still meets only on
 * stream revisions.
 */
export class Turns {
  private readonly last = new Map<string, Promise<unknown>>();

  async take<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.last.get(key) ?? Promise.resolve();
    const turn = before.then(work, work);
    const settled = turn.catch(() => undefined);
    this.last.set(key, settled);
    try {
      return await turn;
    } finally {
      // The last in line clears the way, so keys used once do not stay in the map.
      if (this.last.get(key) === settled) this.last.delete(key);
    }
  }
}
