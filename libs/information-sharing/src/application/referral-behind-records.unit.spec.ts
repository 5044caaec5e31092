import type { IndexedPerson } from '../../../identity/src/application/person-index.query';
import { referralBehindRecords } from './referral-behind-records';

const record = (recordId: string, sourceCaseId: string | null) => ({ recordId, sourceCaseId });
const person = {
  records: [record('r-marac', 'c-marac'), record('r-iom', 'c-iom'), record('r-upload', null), record('r-perp', 'c-on')],
  cases: [
    { caseId: 'c-marac', referredAt: '2024-05-02T09:00:00Z' },
    { caseId: 'c-iom', referredAt: '2023-01-10T09:00:00Z' },
  ],
  namedOn: [{ caseId: 'c-on', referredAt: '2022-03-01T09:00:00Z' }],
} as unknown as IndexedPerson;

describe('the referral behind the records a disclosure about a person alone passes on', () => {
  it('is the earliest referral of the cases that brought them in, of any panel or role', () => {
    expect(referralBehindRecords(person, ['r-marac'])).toBe('2024-05-02T09:00:00Z');
    expect(referralBehindRecords(person, ['r-marac', 'r-iom'])).toBe('2023-01-10T09:00:00Z');
    expect(referralBehindRecords(person, ['r-marac', 'r-perp'])).toBe('2022-03-01T09:00:00Z');
  });

  it('bounds nothing when a record was not brought in by a listed referral, or nothing is behind it', () => {
    expect(referralBehindRecords(person, ['r-marac', 'r-upload'])).toBeNull();
    expect(referralBehindRecords(person, ['r-unknown'])).toBeNull();
    expect(referralBehindRecords(person, [])).toBeNull();
  });
});
