import { instantToIso, parseInstant } from '../domain/calendar';
import { referralOrder } from './cohort-case-row';

/** What the tracker's referral order was before it kept canonical texts as they are. */
const parsedAndPrinted = (text: string): string => {
  const ms = parseInstant(text);
  return ms === undefined ? text : instantToIso(ms);
};

describe('a case row’s referral order', () => {
  it('puts a referral recorded with an offset in UTC, so text order is time order', () => {
    expect(referralOrder('2021-03-28T01:30:00+01:00')).toBe('2021-03-28T00:30:00.000Z');
    expect(referralOrder('2021-03-10T09:00:00Z')).toBe('2021-03-10T09:00:00.000Z');
  });

  it.each([
    '2021-03-10T09:00:00.000Z',
    '1999-12-31T23:59:59.999Z',
    '2024-02-29T12:00:00.000Z',
    // Shaped like an instant but none: kept as written, as before.
    '2023-02-29T12:00:00.000Z',
    '2021-03-10T24:00:00.000Z',
    '2021-03-10T09:00:60.000Z',
    '2021-13-01T09:00:00.000Z',
  ])('orders %s exactly as parsing and printing it did', (text) => {
    expect(referralOrder(text)).toBe(parsedAndPrinted(text));
  });

  it('keeps a text that is no instant as it is', () => {
    expect(referralOrder('not a date')).toBe('not a date');
  });
});
