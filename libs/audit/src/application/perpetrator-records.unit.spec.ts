import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { perpetratorReferrals, withoutReferralResidence } from './perpetrator-records';
import { WITHHELD } from './third-party';

/** When a request arrived: everything it wrote shares it. */
const T1 = '2024-05-02T09:00:00.001Z';
const T2 = '2024-05-02T09:00:05.002Z';
const T3 = '2024-05-02T09:00:05.019Z';

const event = (type: string, stream: string, data: unknown, correlationId: string, recordedAt = T1) =>
  ({ type, stream, data, metadata: { correlationId, recordedAt } }) as unknown as RecordedEvent;

const referral = (perpetratorId: string, kind = 'marac', recordedAt = T1, correlationId = 'r1') =>
  event(
    'referral-made',
    `case-${perpetratorId}-${recordedAt}`,
    { personId: 'victim', details: { kind, perpetrator: { personId: perpetratorId } } },
    correlationId,
    recordedAt,
  );

const details = { forenames: 'Synthetic', address: '1 Test Row', postcode: 'ZZ1 1ZZ' };
const registration = (personId: string, correlationId: string, recordedAt = T1) =>
  event('person-registered', `person-${personId}`, { personId, details }, correlationId, recordedAt);
const withheld = (record: RecordedEvent, referrals: readonly RecordedEvent[]) =>
  withoutReferralResidence(record, record.data, perpetratorReferrals(referrals)).paths.length > 0;

describe('withoutReferralResidence', () => {
  it("withholds the address and postcode a MARAC referral gave for its perpetrator's new record", () => {
    const registered = registration('him', 'r1');
    expect(withoutReferralResidence(registered, registered.data, perpetratorReferrals([referral('him')]))).toEqual({
      data: { personId: 'him', details: { forenames: 'Synthetic', address: WITHHELD, postcode: WITHHELD } },
      paths: ['.details.address', '.details.postcode'],
    });
  });

  it("leaves the victim's own record, another referral's records and non-MARAC referrals alone", () => {
    const hers = event('person-registered', 'person-victim', { details }, 'r1');
    const later = event('person-record-linked', 'identity-him', { personId: 'him', details, score: 30 }, 'r2');
    expect(withheld(hers, [referral('him')])).toBe(false);
    expect(withheld(later, [referral('him')])).toBe(false);
    const linked = event('person-record-linked', 'identity-him', { personId: 'him', details }, 'r1');
    expect(withheld(linked, [referral('him', 'iom')])).toBe(false);
  });

  describe('referrals a client sent under one correlation id', () => {
    // He is named by the first referral and is the victim of the second, which names another man.
    const namesHim = referral('him', 'marac', T1, 'session');
    const herAddressForHim = registration('him', 'session', T1);
    const hisOwnReferral = {
      ...referral('another', 'marac', T2, 'session'),
      data: { personId: 'him', details: { kind: 'marac', perpetrator: { personId: 'another' } } },
    } as RecordedEvent;

    it('withholds the record the referral naming him brought in, whichever referral of the session came last', () => {
      expect(withheld(herAddressForHim, [namesHim, hisOwnReferral])).toBe(true);
      expect(withheld(herAddressForHim, [hisOwnReferral, namesHim])).toBe(true);
    });

    it('leaves him the record his own referral in the session brought in', () => {
      const hisOwn = event('person-record-linked', 'identity-him', { personId: 'him', details }, 'session', T2);
      expect(withheld(hisOwn, [namesHim, hisOwnReferral])).toBe(false);
    });

    it('withholds both perpetrators’ records of two requests received in the same millisecond', () => {
      const namesAnother = referral('another', 'marac', T1, 'session');
      expect(withheld(herAddressForHim, [namesHim, namesAnother])).toBe(true);
      expect(withheld(registration('another', 'session', T1), [namesHim, namesAnother])).toBe(true);
    });

    it('withholds a record of his that no case names, left by a failed attempt before the retry', () => {
      expect(withheld(registration('him', 'session', T2), [namesHim])).toBe(true);
    });

    it('leaves him the record an upload row brought in and its referral names, stamped a moment apart', () => {
      const uploaded = registration('him', 'session', T2);
      const rowReferral = {
        ...event('referral-made', 'case-iom', { personId: 'him', details: { kind: 'iom' } }, 'session', T3),
        data: { personId: 'him', recordId: 'him', details: { kind: 'iom', route: 'probation-core-cohort-upload' } },
      } as RecordedEvent;
      expect(withheld(uploaded, [namesHim, rowReferral])).toBe(false);
    });
  });

  describe('MARAC referrals that name his record (perpetratorRecordId)', () => {
    const naming = (recordId: string, correlationId: string, recordedAt: string) => {
      const made = referral('him', 'marac', recordedAt, correlationId);
      return { ...made, metadata: { ...made.metadata, perpetratorRecordId: recordId } } as RecordedEvent;
    };
    const linkedToHim = (recordId: string, correlationId: string, recordedAt: string) =>
      event('person-record-linked', 'identity-him', { personId: 'him', recordId, details }, correlationId, recordedAt);

    it('withholds the record a retry names that its failed attempt wrote under another correlation id', () => {
      expect(withheld(registration('him', 'attempt', T1), [naming('him', 'retry', T2)])).toBe(true);
    });

    it('leaves him his own record another request wrote in the same millisecond under the same id', () => {
      const hisOwnReferral = {
        ...event('referral-made', 'case-iom', {}, 'session', T1),
        data: { personId: 'him', recordId: 'his-own', details: { kind: 'iom' } },
      } as RecordedEvent;
      const referrals = [naming('given-for-him', 'session', T1), hisOwnReferral];
      expect(withheld(linkedToHim('his-own', 'session', T1), referrals)).toBe(false);
      expect(withheld(linkedToHim('given-for-him', 'session', T1), referrals)).toBe(true);
    });
  });
});
