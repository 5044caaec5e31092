/**
 * One referral of a person at a time in this process. Referrals of one person meet on the revision
 * of that person's referral notes, and each is judged on the ones written before it (the MARAC
 * repeat rule). Without turns a burst of them reads one revision, all but one start again, and
 * a bounded number of fresh starts runs out: a 409 for a coordinator whose only conflict was a
 * colleague's referral. Referrals of other people never wait on each other; other processes still
 * meet on the revision.
 */
export class PersonTurns {
  private readonly last = new Map<string, Promise<unknown>>();

  async take<T>(personId: string, work: () => Promise<T>): Promise<T> {
    const before = this.last.get(personId) ?? Promise.resolve();
    const turn = before.then(work, work);
    const settled = turn.catch(() => undefined);
    this.last.set(personId, settled);
    try {
      return await turn;
    } finally {
      // The last in line clears the way, so people referred once do not stay in the map.
      if (this.last.get(personId) === settled) this.last.delete(personId);
    }
  }
}
