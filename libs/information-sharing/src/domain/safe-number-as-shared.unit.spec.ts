import { safeNumberAsShared, type NumberVersion, type RecordOfHers } from './safe-number-as-shared';

const REFERRAL = '020 7946 0301';

/**
 * A synthetic record written at `writtenAt` whose details changed at each version's `since`; the
 * index keeps its past unless `pastKept` is false (an older person index answering).
 */
const record = (writtenAt: number, versions: readonly NumberVersion[], pastKept = true): RecordOfHers => ({
  writtenAt,
  versionAt: (position) => {
    const then = [...versions].reverse().find((version) => version.since <= position);
    const latest = versions[versions.length - 1];
    if (!pastKept && then !== latest) return undefined;
    return then;
  },
});

describe('the safe contact number a MARAC case share gave out', () => {
  it('is the number on her record when the share was recorded, never one recorded since', () => {
    const hers = record(10, [
      { since: 10 },
      { safeContactNumber: REFERRAL, since: 11 },
      { safeContactNumber: '020 7946 0302', since: 20 },
      { safeContactNumber: '020 7946 0303', since: 40 },
    ]);
    expect(safeNumberAsShared([hers], 15, REFERRAL)).toBe(REFERRAL);
    expect(safeNumberAsShared([hers], 30, REFERRAL)).toBe('020 7946 0302');
    expect(safeNumberAsShared([hers], 40, REFERRAL)).toBe('020 7946 0303');
  });

  it('is the number recorded last on any of her records, by when the number was recorded', () => {
    // Her first record took an address at 50, after a repeat referral brought a newer number at 31.
    const first = record(10, [
      { safeContactNumber: REFERRAL, since: 11 },
      { safeContactNumber: REFERRAL, since: 50 },
    ]);
    const repeat = record(30, [{ since: 30 }, { safeContactNumber: '020 7946 0304', since: 31 }]);
    expect(safeNumberAsShared([first, repeat], 60, REFERRAL)).toBe('020 7946 0304');
    // A number recorded again on the first record after the repeat one wins again.
    const againOnFirst = record(10, [
      { safeContactNumber: REFERRAL, since: 11 },
      { safeContactNumber: '020 7946 0305', since: 40 },
      { safeContactNumber: REFERRAL, since: 45 },
    ]);
    expect(safeNumberAsShared([againOnFirst, repeat], 60, REFERRAL)).toBe(REFERRAL);
  });

  it('is her first number recorded again, unchanged, on her first record after a repeat referral’s', () => {
    const repeat = record(30, [{ since: 30 }, { safeContactNumber: '020 7946 0304', since: 31, numberRecordedAt: 31 }]);
    const first = record(10, [
      { safeContactNumber: REFERRAL, since: 11, numberRecordedAt: 11 },
      { safeContactNumber: REFERRAL, since: 50, numberRecordedAt: 50 },
    ]);
    expect(safeNumberAsShared([first, repeat], 60, REFERRAL)).toBe(REFERRAL);
    // Shared before it was recorded again: the repeat referral's number, as given then.
    expect(safeNumberAsShared([first, repeat], 40, REFERRAL)).toBe('020 7946 0304');
    // An address recorded on her first record keeps the number dated where it was recorded.
    const moved = record(10, [
      { safeContactNumber: REFERRAL, since: 11, numberRecordedAt: 11 },
      { safeContactNumber: REFERRAL, since: 50, numberRecordedAt: 11 },
    ]);
    expect(safeNumberAsShared([moved, repeat], 60, REFERRAL)).toBe('020 7946 0304');
  });

  it('leaves out a record written after the share', () => {
    const hers = record(10, [{ safeContactNumber: REFERRAL, since: 11 }]);
    const later = record(30, [{ safeContactNumber: '020 7946 0306', since: 31 }]);
    expect(safeNumberAsShared([hers, later], 20, REFERRAL)).toBe(REFERRAL);
  });

  it("is the referral's number when a record there then cannot be told, or none is known", () => {
    const changedSince: NumberVersion[] = [
      { safeContactNumber: '020 7946 0307', since: 11 },
      { safeContactNumber: '020 7946 0308', since: 40 },
    ];
    expect(safeNumberAsShared([record(10, changedSince)], 20, REFERRAL)).toBe('020 7946 0307');
    const unknownPast = record(10, changedSince, false);
    expect(safeNumberAsShared([unknownPast], 20, REFERRAL)).toBe(REFERRAL);
    expect(safeNumberAsShared([], 20, REFERRAL)).toBe(REFERRAL);
    expect(safeNumberAsShared([], 20, undefined)).toBeNull();
  });

  it("is the referral's number when none of her records carried one then (null when it gave none)", () => {
    const bare = record(10, [{ since: 10 }]);
    expect(safeNumberAsShared([bare], 20, REFERRAL)).toBe(REFERRAL);
    expect(safeNumberAsShared([bare], 20, undefined)).toBeNull();
  });

  it('takes the earliest version known for when the number was recorded where the past is not kept', () => {
    const unchanged = record(10, [{ safeContactNumber: '020 7946 0309', since: 12 }], false);
    expect(safeNumberAsShared([unchanged], 20, REFERRAL)).toBe('020 7946 0309');
  });
});
