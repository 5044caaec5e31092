import { linkedWhileOneWith, type MergePointer, type RecordLink } from './linked-while-merged';

const link = (recordId: string, heldBy: string, position: number): RecordLink => ({ recordId, heldBy, position });
const merged = (personId: string, mergedInto: string, confirmedAt: number | undefined): MergePointer => ({
  personId,
  mergedInto,
  confirmedAt,
});
const ids = (links: readonly RecordLink[]) => links.map((l) => l.recordId);

describe('the records linked to someone while a restored person was one with them', () => {
  it('are those linked to the survivor after the confirmation that merged the two', () => {
    const links = [link('s', 's', 1), link('early', 's', 5), link('late', 's', 12)];
    expect(ids(linkedWhileOneWith('r', links, [merged('r', 's', 10)]))).toEqual(['late']);
  });

  it("leave out the restored person's own records, and those of anyone merged into them", () => {
    const links = [link('own', 'r', 12), link('of-q', 'q', 14)];
    expect(ids(linkedWhileOneWith('r', links, [merged('q', 'r', 3), merged('r', 's', 10)]))).toEqual([]);
  });

  it('follow a chain of merges: linked to someone only once every merge between them and the restored person was confirmed', () => {
    // r into s at 10, s into t at 20: a record linked to t at 15 came with t, one at 25 while all were one.
    const pointers = [merged('r', 's', 10), merged('s', 't', 20)];
    const links = [link('t-before', 't', 15), link('t-after', 't', 25), link('s-between', 's', 15)];
    expect(ids(linkedWhileOneWith('r', links, pointers))).toEqual(['t-after', 's-between']);
  });

  it('go by who holds a record now, not whom its link named', () => {
    // a, b and c were one; c had joined at 20. A record linked to a at 25 went to b when an earlier
    // restore parted a and b, and c went with b: restoring c sorts it, as it was linked while c was one with b.
    const links = [link('sorted-to-b', 'b', 25), link('of-b', 'b', 15)];
    expect(ids(linkedWhileOneWith('c', links, [merged('c', 'b', 20)]))).toEqual(['sorted-to-b']);
  });

  it('take none through a merge whose confirmation cannot be told', () => {
    expect(linkedWhileOneWith('r', [link('late', 's', 12)], [merged('r', 's', undefined)])).toEqual([]);
  });
});
