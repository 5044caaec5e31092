import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { perpetratorReferrals, withoutReferralResidence } from './perpetrator-records';
import { WITHHELD } from './third-party';

const event = (type: string, stream: string, data: unknown, correlationId: string) =>
  ({ type, stream, data, metadata: { correlationId } }) as unknown as RecordedEvent;

const referral = (perpetratorId: string, kind = 'marac') =>
  event(
    'referral-made',
    'case-c1',
    { personId: 'victim', details: { kind, perpetrator: { personId: perpetratorId } } },
    'r1',
  );

const details = { forenames: 'Synthetic', address: '1 Test Row', postcode: 'ZZ1 1ZZ' };

describe('withoutReferralResidence', () => {
  it("withholds the address and postcode a MARAC referral gave for its perpetrator's new record", () => {
    const registered = event('person-registered', 'person-him', { personId: 'him', details }, 'r1');
    expect(withoutReferralResidence(registered, registered.data, perpetratorReferrals([referral('him')]))).toEqual({
      data: { personId: 'him', details: { forenames: 'Synthetic', address: WITHHELD, postcode: WITHHELD } },
      paths: ['.details.address', '.details.postcode'],
    });
  });

  it("leaves the victim's own record, another referral's records and non-MARAC referrals alone", () => {
    const hers = event('person-registered', 'person-victim', { details }, 'r1');
    const later = event('person-record-linked', 'identity-him', { personId: 'him', details, score: 30 }, 'r2');
    expect(withoutReferralResidence(hers, hers.data, perpetratorReferrals([referral('him')])).paths).toEqual([]);
    expect(withoutReferralResidence(later, later.data, perpetratorReferrals([referral('him')])).paths).toEqual([]);
    const iom = perpetratorReferrals([referral('him', 'iom')]);
    const linked = event('person-record-linked', 'identity-him', { personId: 'him', details }, 'r1');
    expect(withoutReferralResidence(linked, linked.data, iom).paths).toEqual([]);
  });
});
