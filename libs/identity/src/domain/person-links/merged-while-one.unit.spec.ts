import type { MergePointer } from './linked-while-merged';
import { mergedWhileOneWith } from './merged-while-one';

const merged = (personId: string, mergedInto: string, confirmedAt: number | undefined): MergePointer => ({
  personId,
  mergedInto,
  confirmedAt,
});

describe('the people merged into someone while a restored person was one with them', () => {
  it('are those another review merged in after the confirmation that merged the two', () => {
    const pointers = [merged('early', 's', 5), merged('r', 's', 10), merged('c', 's', 20)];
    expect(mergedWhileOneWith('r', pointers)).toEqual([{ personId: 'c', memberIds: ['c'], holdsAll: false }]);
  });

  it('bring with them everyone merged into them before they joined', () => {
    // d joined c at 15, when c was not yet one with r; c joined at 20.
    const pointers = [merged('r', 's', 10), merged('d', 'c', 15), merged('c', 's', 20)];
    expect(mergedWhileOneWith('r', pointers)).toEqual([{ personId: 'c', memberIds: ['c', 'd'], holdsAll: false }]);
  });

  it("leave out the restored person's own people", () => {
    const pointers = [merged('q', 'r', 3), merged('r', 's', 10)];
    expect(mergedWhileOneWith('r', pointers)).toEqual([]);
  });

  it('say when the survivor was merged into them, and under which id', () => {
    // Registered first, c survived the merge that joined it: everything is held under c now.
    const pointers = [merged('r', 's', 10), merged('s', 'c', 20), merged('e', 'c', 30)];
    expect(mergedWhileOneWith('r', pointers)).toEqual([
      { personId: 'c', memberIds: ['c'], holdsAll: true, mergedUnder: 's' },
      { personId: 'e', memberIds: ['e'], holdsAll: false },
    ]);
  });

  it('are none when the confirmation of the merge undone cannot be told', () => {
    expect(mergedWhileOneWith('r', [merged('r', 's', undefined), merged('c', 's', 20)])).toEqual([]);
  });

  it('count a merge whose confirmation cannot be told as older than the others', () => {
    expect(mergedWhileOneWith('r', [merged('r', 's', 10), merged('c', 's', undefined)])).toEqual([]);
  });
});
