import { apiForSuite } from './support/api-suite';
import { uploadedToIom } from './support/iom-upload';
import { syntheticPnc } from './support/people';
import { iomReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

const HEADER =
  'CRN,PNC,Forenames,Surname,Date of birth,Postcode,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years';

/**
 * A NOMS number or CRN typed when the real one is not known (digits all 0 or all 9, or the format's
 * textbook example) names nobody. Given to two brothers at one address it made them one person, so
 * the younger one's IOM referral was a 409 naming his brother's case; given to a perpetrator whose
 * real NOMS number is known it kept him apart from his own IOM record. Synthetic people only.
 */
describe('placeholder NOMS numbers and CRNs', () => {
  const { api, client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS });
  /** Each pair of brothers has its own surname, home and birthdays: no pair matches another. */
  interface Brothers {
    readonly surname: string;
    readonly postcode: string;
    readonly address: string;
    readonly born: readonly [string, string];
  }
  const brother = (family: Brothers, which: 0 | 1, identifiers?: Record<string, string>) =>
    person({
      forenames: which === 0 ? 'Kwame' : 'Kofi',
      surname: family.surname,
      dateOfBirth: family.born[which],
      sex: 'male',
      postcode: family.postcode,
      address: family.address,
      identifiers,
    });
  const family = (surname: string, postcode: string, address: string, year: number): Brothers => ({
    surname,
    postcode,
    address,
    born: [`${year}-01-01`, `${year + 3}-05-05`],
  });

  it.each([
    ['crn', 'X000000', family('Mensah', 'N15 6DD', '5 Ward Road', 1980)],
    ['crn', 'X999999', family('Owusu', 'SE15 2BB', '77 Rye Lane', 1982)],
    ['crn', 'X123456', family('Appiah', 'E5 8LA', '1 Clapton Road', 1984)],
    ['noms', 'A0000AA', family('Darko', 'N17 6AB', '4 High Road', 1986)],
    ['noms', 'A9999ZZ', family('Boateng', 'E8 3QT', '9 Mare Street', 1988)],
    ['noms', 'A1234BC', family('Ofori', 'NW10 1AA', '3 Harlesden Road', 1990)],
  ])(
    'brothers both given %s %s: each referral is 400 placeholder-identifier; without it each gets his own IOM case',
    async (kind, value, brothers) => {
      for (const which of [0, 1] as const) {
        const refused = await client.post(
          '/v1/referrals',
          tokens.all,
          iomReferral({}, { person: brother(brothers, which, { [kind]: value.toLowerCase() }) }),
        );
        expect({ status: refused.status, errors: refused.body.errors }).toEqual({
          status: 400,
          errors: [expect.objectContaining({ field: `person.identifiers.${kind}`, rule: 'placeholder-identifier' })],
        });
      }
      const kwame = await client.refer(tokens.all, iomReferral({}, { person: brother(brothers, 0) }));
      const kofi = await client.post(
        '/v1/referrals',
        tokens.all,
        iomReferral({}, { referredAt: '2024-03-05T10:00:00Z', person: brother(brothers, 1) }),
      );
      expect({ status: kofi.status, rule: kofi.body.rule }).toEqual({ status: 201, rule: undefined });
      expect(kofi.body.personId).not.toBe(kwame.personId);
    },
  );

  it('a MARAC perpetrator given a placeholder NOMS number is refused; named without it he joins his IOM record', async () => {
    const lemuel = { forenames: 'Lemuel', surname: 'Ashcombe', dateOfBirth: '1982-03-03' };
    const nominal = await client.refer(
      tokens.all,
      iomReferral(
        {},
        {
          person: person({
            ...lemuel,
            sex: 'male',
            postcode: 'E8 1AA',
            address: '2 Mare Street',
            identifiers: { noms: 'G4821BC', pnc: syntheticPnc(8101) },
          }),
        },
      ),
    );
    const refused = await client.post(
      '/v1/referrals',
      tokens.all,
      maracReferral({}, { perpetrator: { ...lemuel, identifiers: { noms: 'A0000AA' } } }),
    );
    expect({ status: refused.status, errors: refused.body.errors }).toEqual({
      status: 400,
      errors: [
        expect.objectContaining({ field: 'marac.perpetrator.identifiers.noms', rule: 'placeholder-identifier' }),
      ],
    });
    const named = await client.post('/v1/referrals', tokens.all, maracReferral({}, { perpetrator: lemuel }));
    expect({ status: named.status, perpetrator: named.body.perpetratorPersonId }).toEqual({
      status: 201,
      perpetrator: nominal.personId,
    });
  });

  it.each([
    ['noms', 'A123BC', 'isValid-noms'],
    ['crn', 'X12345', 'isValid-crn'],
    ['pnc', '79/ABC', 'isValid-pnc'],
    ['pnc', '2001/0171310S', 'isValid-pnc'],
    ['nhsNumber', '9434765918', 'isValid-nhsNumber'],
  ])(
    'a malformed %s %p is 400 %s, the message describing the format with no value to copy',
    async (kind, value, rule) => {
      const refused = await client.post(
        '/v1/referrals',
        tokens.all,
        iomReferral({}, { person: person({ forenames: 'Idris', surname: 'Pendry', identifiers: { [kind]: value } }) }),
      );
      expect(refused.status).toBe(400);
      const [error] = refused.body.errors as { field: string; rule: string; message: string }[];
      expect(error).toMatchObject({ field: `person.identifiers.${kind}`, rule });
      // Neither an example (A1234BC, X123456, 1979/0163001B) nor the check character that would make it pass.
      expect(error?.message).not.toMatch(/\d{3}|should be|e\.g\./);
    },
  );

  it('an IOM upload row with a placeholder CRN is a bad row (placeholder-identifier), never a person', async () => {
    const job = await uploadedToIom(
      api,
      tokens.all,
      '2024-03',
      [
        HEADER,
        'X000000,,Yaw,Placeholdertest,1990-01-01,,80,40,N',
        'Y482201,,Kojo,Placeholdertest,1993-05-05,,80,40,N',
      ].join('\n'),
    );
    const file = job.result.files.find((f) => f.name === 'bad-rows.csv');
    const badRows = (await client.get(file?.href ?? 'missing', tokens.all, null).expect(200)).text.trim().split('\n');
    expect(badRows.slice(1).map((line) => line.split(',').slice(0, 3))).toEqual([
      ['1', 'crn', 'placeholder-identifier'],
    ]);
    expect(job.result.summary).toMatchObject({ rows: 2, bad: 1, new: 1 });
  });
});
