/**
 * Each field of a person's golden record is the value recorded last, wherever it was recorded:
 * not the value on the record whose details changed last. Details recorded through her first
 * case (an address, a safe number) land on her first record; that must not bring back that
 * record's older address, postcode or sex over what a repeat referral brought since. Nor may a
 * share made after give out the older value. Synthetic people, addresses and staff only.
 */
import { apiWithAgreement, councilPractitioner, disclosed, disclosingUsers } from './support/home-visit-shares';
import { iomReferral, maracReferral, person } from './support/referrals';

const { ADMIN, BOTH, AUDITOR } = disclosingUsers('recorded-last', 'Kerra Both');
const HACKNEY = councilPractitioner('hackney-recorded-last', 'Hackney Council');

const HOME = { address: '14 Synthetic Home Street', postcode: 'N4 2SX' };
const MOVED = { address: '7 Synthetic New Road', postcode: 'E5 0LL' };

describe('the golden record holds each value recorded last, not the record changed last', () => {
  const { client, tokens, dsaId } = apiWithAgreement({ admin: ADMIN, both: BOTH, hackney: HACKNEY, auditor: AUDITOR }, [
    'Metropolitan Police',
    'Hackney Council',
  ]);

  const referred = (forenames: string, who: Record<string, unknown>) =>
    client.refer(
      tokens.both,
      maracReferral(
        { person: person({ forenames, surname: 'Chenoweth', dateOfBirth: '1989-02-23', ...who }) },
        { perpetrator: undefined },
      ),
    );
  /** Her coordinator records details through a case (200 expected). */
  const recordedThrough = async (caseId: string, changes: Record<string, unknown>) => {
    const recorded = await client.post(`/v1/cases/${caseId}/person-details`, tokens.both, changes);
    expect({ status: recorded.status, rule: recorded.body.rule }).toEqual({ status: 200, rule: undefined });
  };
  const golden = async (personId: string) =>
    (await client.personView<{ golden: Record<string, unknown> }>(tokens.both, personId)).golden;
  /** Referred at home, then again once she moved; a safe number is then recorded through her first case. */
  const movedThenNumberRecorded = async (forenames: string) => {
    const first = await referred(forenames, HOME);
    const repeat = await referred(forenames, MOVED);
    expect(repeat.personId).toBe(first.personId);
    await recordedThrough(first.caseId, { safeContactNumber: '020 7946 0111' });
    return first;
  };

  it('shows the address and postcode a repeat referral brought once details are recorded on her first record', async () => {
    const first = await movedThenNumberRecorded('Ysella');

    expect(await golden(first.personId)).toMatchObject({ ...MOVED, safeContactNumber: '020 7946 0111' });
  });

  it('shows the sex a repeat referral gave over the first referral’s not-known', async () => {
    const first = await referred('Jowan', { sex: 'not-known' });
    const repeat = await referred('Jowan', { sex: 'female' });
    expect(repeat.personId).toBe(first.personId);
    await recordedThrough(first.caseId, { address: '2 Synthetic Close' });

    expect(await golden(first.personId)).toMatchObject({ sex: 'female', address: '2 Synthetic Close' });
  });

  describe('a value recorded again, though her record already held it', () => {
    const A = '07700 900301';
    const B = '07700 900302';

    it.each([
      ['her first case', 'first'],
      ['the repeat referral’s case', 'repeat'],
    ] as const)(
      'shows her first safe number recorded again through %s over a repeat referral’s',
      async (_, through) => {
        const forenames = through === 'first' ? 'Ysolde' : 'Morvoren';
        const first = await referred(forenames, { safeContactNumber: A });
        const repeat = await referred(forenames, { safeContactNumber: B });
        expect(repeat.personId).toBe(first.personId);
        expect(await golden(first.personId)).toMatchObject({ safeContactNumber: B });

        await recordedThrough((through === 'first' ? first : repeat).caseId, { safeContactNumber: A });

        expect(await golden(first.personId)).toMatchObject({ safeContactNumber: A });
      },
    );

    it('shows her first address recorded again over the one a repeat referral brought', async () => {
      const first = await referred('Lowena', HOME);
      const repeat = await referred('Lowena', MOVED);
      expect(repeat.personId).toBe(first.personId);

      await recordedThrough(repeat.caseId, HOME);

      expect(await golden(first.personId)).toMatchObject(HOME);
    });

    it('shows an address recorded through her case again after a repeat referral brought another', async () => {
      const back = { address: '3 Synthetic Old Road' };
      const first = await referred('Tamara', HOME);
      await recordedThrough(first.caseId, back);
      const repeat = await referred('Tamara', MOVED);
      expect(repeat.personId).toBe(first.personId);
      expect(await golden(first.personId)).toMatchObject({ address: MOVED.address });

      await recordedThrough(first.caseId, back);

      expect(await golden(first.personId)).toMatchObject(back);
    });
  });

  it('gives out the address a repeat referral brought in a share made after, not her first record’s', async () => {
    const first = await movedThenNumberRecorded('Rozenn');
    await disclosed(client, tokens.both, {
      toAgency: 'Hackney Council',
      caseId: first.caseId,
      fields: ['address', 'postcode'],
      dsaId: dsaId(),
    });

    const person = (await client.get(`/v1/people/${first.personId}`, tokens.hackney).expect(200)).body;
    expect(person).toMatchObject(MOVED);
    const caseView = (await client.get(`/v1/cases/${first.caseId}`, tokens.hackney).expect(200)).body;
    expect(caseView.person).toMatchObject(MOVED);
  });

  it('gives out the language MARAC’s record brought once an address is recorded on her IOM record', async () => {
    // Known to IOM first: her MARAC referral's record is linked to the person IOM registered.
    const her = person({
      forenames: 'Senara',
      surname: 'Chenoweth',
      dateOfBirth: '1985-10-30',
      identifiers: undefined,
    });
    const iom = await client.refer(tokens.both, iomReferral({}, { person: { ...her, language: 'Polish' } }));
    const marac = await client.refer(
      tokens.both,
      maracReferral({ person: { ...her, language: 'English' } }, { perpetrator: undefined }),
    );
    expect(marac.personId).toBe(iom.personId);
    await recordedThrough(iom.caseId, { address: '5 Synthetic Walk' });
    await disclosed(client, tokens.both, {
      toAgency: 'Hackney Council',
      caseId: iom.caseId,
      fields: ['language'],
      dsaId: dsaId(),
    });

    expect((await client.get(`/v1/people/${iom.personId}`, tokens.hackney).expect(200)).body).toMatchObject({
      language: 'English',
    });
    expect((await client.get(`/v1/cases/${iom.caseId}`, tokens.hackney).expect(200)).body.person).toMatchObject({
      language: 'English',
    });
  });
});
