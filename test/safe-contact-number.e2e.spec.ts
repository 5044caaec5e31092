import { apiForSuite } from './support/api-suite';
import { maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * A victim's safe contact number changes, and calling an old one can put her in danger: the
 * golden record must hold the number recorded last, whether a MARAC referral or her case
 * (`POST /v1/cases/{id}/person-details`) recorded it. Synthetic people and numbers only.
 */
describe("the victim's safe contact number on her golden record", () => {
  const { client, tokens } = apiForSuite({
    all: COORDINATOR_ALL_PANELS,
    maracOnly: { sub: 'safe-contact-marac', roles: ['coordinator'], panels: ['MARAC'] },
  });
  const refer = async (forenames: string, surname: string, safeContactNumber: string) => {
    const made = await client.post(
      '/v1/referrals',
      tokens.all,
      maracReferral(
        {
          person: {
            ...person({ forenames, surname, dateOfBirth: '1990-04-05', postcode: 'E8 2BB' }),
            safeContactNumber,
          },
        },
        { perpetrator: undefined },
      ),
    );
    expect({ status: made.status, errors: made.body.errors }).toEqual({ status: 201, errors: undefined });
    return made.body as { caseId: string; personId: string };
  };
  const recordThroughCase = async (caseId: string, safeContactNumber: string) => {
    const recorded = await client.post(`/v1/cases/${caseId}/person-details`, tokens.all, { safeContactNumber });
    expect(recorded.status).toBe(200);
  };
  const goldenNumber = async (personId: string) =>
    (await client.get(`/v1/people/${personId}`, tokens.maracOnly).expect(200)).body.golden.safeContactNumber;

  it("shows a referral's number, and a later referral's over one recorded through her case before it", async () => {
    const a = await refer('Rosamund', 'Veltmoor', '07700 900201');
    expect(await goldenNumber(a.personId)).toBe('07700 900201');
    await recordThroughCase(a.caseId, '07700 900202');
    expect(await goldenNumber(a.personId)).toBe('07700 900202');
    const c = await refer('Rosamund', 'Veltmoor', '07700 900203');
    expect(c.personId).toBe(a.personId);
    expect(await goldenNumber(a.personId)).toBe('07700 900203');
  });

  it('shows a number recorded through her case over an earlier referral’s', async () => {
    const a = await refer('Clemency', 'Argwood', '07700 900211');
    const again = await refer('Clemency', 'Argwood', '07700 900212');
    expect(again.personId).toBe(a.personId);
    await recordThroughCase(again.caseId, '07700 900213');
    expect(await goldenNumber(a.personId)).toBe('07700 900213');
  });

  it('keeps a repeat referral’s newer number when an address is then recorded through her first case', async () => {
    const first = await refer('Morwen', 'Tregarthen', '07700 900221');
    const repeat = await refer('Morwen', 'Tregarthen', '07700 900222');
    expect(repeat.personId).toBe(first.personId);
    const moved = await client.post(`/v1/cases/${first.caseId}/person-details`, tokens.all, {
      address: '12 Synthetic Terrace',
    });
    expect(moved.status).toBe(200);

    expect(await goldenNumber(first.personId)).toBe('07700 900222');
  });
});
