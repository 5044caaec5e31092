import { recordedLast, type RecordVersion } from './recorded-last';

interface Version extends RecordVersion {
  readonly recordId: string;
  readonly number?: string;
  readonly address?: string;
}

/** Each record's versions, oldest first: a record's history as the person index keeps it. */
const historyOf = (...records: Version[][]) => {
  const before = (version: Version): Version | undefined => {
    const versions = records.find((r) => r.includes(version)) ?? [];
    return versions[versions.indexOf(version) - 1];
  };
  const now = records.map((versions) => versions[versions.length - 1]!);
  return { before, now };
};
const numberOf = (v: Version) => v.number;

describe('the value recorded last', () => {
  // Her first record (written at 1) and a repeat referral's (written at 5).
  const first = { recordId: 'first', position: 1, detailsPosition: 1, number: 'A', address: 'Home' };
  const repeat = { recordId: 'repeat', position: 5, detailsPosition: 5, number: 'B' };

  it('is the repeat referral’s number once an address is recorded on her first record', () => {
    const moved = { ...first, detailsPosition: 9, address: 'Refuge' };
    const { before, now } = historyOf([first, moved], [repeat]);

    expect(recordedLast(now, numberOf, before)?.number).toBe('B');
    expect(recordedLast(now, (v) => v.address, before)?.address).toBe('Refuge');
  });

  it('is a number recorded on her first record after the repeat referral', () => {
    const changed = { ...first, detailsPosition: 9, number: 'C' };
    const { before, now } = historyOf([first, changed], [repeat]);

    expect(recordedLast(now, numberOf, before)?.number).toBe('C');
  });

  it('is the number her first record was changed back to after the repeat referral', () => {
    const changed = { ...first, detailsPosition: 7, number: 'C' };
    const back = { ...first, detailsPosition: 9, number: 'A' };
    const { before, now } = historyOf([first, changed, back], [repeat]);

    expect(recordedLast(now, numberOf, before)?.number).toBe('A');
  });

  it('is her first number recorded again, unchanged, after the repeat referral, where records say when each field was recorded', () => {
    const recordedAt = new Map<Version, number>();
    const again = { ...first, detailsPosition: 9 };
    const firstOnly = { ...first };
    recordedAt.set(firstOnly, 1).set(again, 9).set(repeat, 5);
    const { before, now } = historyOf([firstOnly, again], [repeat]);
    const fieldRecordedAt = (v: Version) => recordedAt.get(v);

    expect(recordedLast(now, numberOf, before, fieldRecordedAt)?.number).toBe('A');
    // Without it the walk dates the unchanged number back to her first referral.
    expect(recordedLast(now, numberOf, before)?.number).toBe('B');
    // An address recorded on her first record since does not re-date the number it kept.
    const moved = { ...first, detailsPosition: 9, address: 'Refuge' };
    recordedAt.set(moved, 1);
    expect(recordedLast([moved, repeat], numberOf, () => undefined, fieldRecordedAt)?.number).toBe('B');
  });

  it('goes by when each record last changed where their past is not known', () => {
    const moved = { ...first, detailsPosition: 9, address: 'Refuge' };

    expect(recordedLast([moved, repeat], numberOf, () => undefined)?.number).toBe('A');
  });

  it('is none when no record carries the value', () => {
    const { before, now } = historyOf([{ recordId: 'x', position: 1, detailsPosition: 1 }]);

    expect(recordedLast(now, numberOf, before)).toBeUndefined();
  });
});
