import { identifiersParted, partedDespite, type RecordOnSide } from './identifiers-kept-together';

/** Synthetic identifiers: PNC IDs with computed check characters, NHS numbers from the never-issued 999 range. */
const PNC = '1979/0006201R';
const OTHER_PNC = '1979/0163001B';
const NHS = '9990000018';

const record = (recordId: string, identifiers: RecordOnSide['identifiers'], moves: boolean, fixed?: boolean) => ({
  recordId,
  identifiers,
  moves,
  ...(fixed === undefined ? {} : { fixed }),
});

describe('identifiersParted', () => {
  it('names the kind and both sides when a split moves one of two records of one PNC ID', () => {
    expect(
      identifiersParted([
        record('iom', { pnc: PNC }, false),
        record('mappa', { pnc: PNC }, true),
        record('marac', {}, false),
      ]),
    ).toEqual([{ kinds: ['pnc'], moving: ['mappa'], staying: ['iom'] }]);
  });

  it('lets a split move every record of one value, or none, and compares values in canonical form', () => {
    expect(
      identifiersParted([
        record('iom', { pnc: PNC }, true),
        record('mappa', { pnc: ` ${PNC.toLowerCase()} ` }, true),
        record('marac', { pnc: OTHER_PNC }, false),
      ]),
    ).toEqual([]);
  });

  it('keeps together records joined through a value of another kind, naming only the kinds that cross', () => {
    expect(
      identifiersParted([
        record('a', { pnc: PNC }, true),
        record('b', { pnc: PNC, nhs: NHS }, true),
        record('c', { nhs: NHS }, false),
      ]),
    ).toEqual([{ kinds: ['nhsNumber'], moving: ['a', 'b'], staying: ['c'] }]);
  });

  it('ignores a value that fails its check character, as it names nobody', () => {
    expect(
      identifiersParted([record('a', { pnc: '1979/0006201A' }, true), record('b', { pnc: '1979/0006201A' }, false)]),
    ).toEqual([]);
  });

  it('leaves to the restore a value both people held before the merge, which no naming keeps on one side', () => {
    expect(
      identifiersParted([
        record('restored-own', { pnc: PNC }, true, true),
        record('linked-while-merged', { pnc: PNC, nhs: NHS }, false),
        record('survivor-own', { nhs: NHS }, false, true),
      ]),
    ).toEqual([]);
  });

  it('refuses a restore that parts a value the reviewer could keep together', () => {
    expect(
      identifiersParted([
        record('restored-own', { pnc: PNC }, true, true),
        record('linked-while-merged', { pnc: PNC }, false),
        record('survivor-own', {}, false, true),
      ]),
    ).toEqual([{ kinds: ['pnc'], moving: ['restored-own'], staying: ['linked-while-merged'] }]);
  });
});

describe('partedDespite', () => {
  const pncAndNhs = identifiersParted([
    record('mappa', { pnc: PNC }, true),
    record('marac', { pnc: PNC }, false),
    record('gp', { nhs: NHS }, true),
    record('hospital', { nhs: NHS }, false),
  ]);

  it('lets part only the groups whose every shared kind the reviewer states was recorded in error', () => {
    expect(partedDespite(pncAndNhs, ['pnc'])).toEqual({
      stillParted: [{ kinds: ['nhsNumber'], moving: ['gp'], staying: ['hospital'] }],
      notParted: [],
    });
    expect(partedDespite(pncAndNhs, ['pnc', 'nhsNumber'])).toEqual({ stillParted: [], notParted: [] });
  });

  it('names a kind stated in error that the split parts no value of', () => {
    const pncOnly = identifiersParted([record('mappa', { pnc: PNC }, true), record('marac', { pnc: PNC }, false)]);
    expect(partedDespite(pncOnly, ['pnc', 'crn'])).toEqual({ stillParted: [], notParted: ['crn'] });
    expect(partedDespite([], ['pnc'])).toEqual({ stillParted: [], notParted: ['pnc'] });
  });
});
