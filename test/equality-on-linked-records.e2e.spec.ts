import { iomReferral, maracReferral, person } from './support/referrals';
import { ANALYST, COORDINATOR_ALL_PANELS } from './support/tokens';
import { apiForSuite } from './support/api-suite';

/**
 * A MARAC victim an IOM referral registered first has her disability and language, given on her
 * MARAC referral, recorded on the record that referral linked, not on IOM's registration. MARAC's
 * equality breakdown and a MARAC export must still count them: what MARAC recorded comes first,
 * the registration fills what MARAC did not record. Synthetic people only.
 */
describe('equality reporting reads details recorded on a record another panel’s registration links', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS, analyst: ANALYST });
  const PERIOD = 'from=2024-01-01&to=2024-12-31';

  /** IOM registers her (with IOM's own disability answer, if any), then MARAC refers her saying disabled. */
  const registeredByIomThenMarac = async (victim: Record<string, unknown>, iomDisability?: string) => {
    const iomPerson = { ...victim, ...(iomDisability === undefined ? {} : { disability: iomDisability }) };
    const iom = await client.post('/v1/referrals', tokens.coordinator, iomReferral({}, { person: iomPerson }));
    expect(iom.status).toBe(201);
    const body = maracReferral(
      { person: { ...victim, disability: 'yes', language: 'Polish' } },
      { perpetrator: undefined },
    );
    const marac = await client.post('/v1/referrals', tokens.coordinator, body);
    expect({ status: marac.status, personId: marac.body.personId, notRecorded: marac.body.notRecorded }).toEqual({
      status: 201,
      personId: iom.body.personId,
      notRecorded: undefined,
    });
  };

  beforeAll(async () => {
    await registeredByIomThenMarac(person({ forenames: 'Imelda', surname: 'Vantongeren', dateOfBirth: '1979-08-14' }));
    await registeredByIomThenMarac(
      person({ forenames: 'Saoirse', surname: 'Blakewell', dateOfBirth: '1986-11-23', postcode: 'E5 0LL' }),
      'no',
    );
  });

  const exported = (panels: string[]) => client.exportedRecords(tokens.analyst, panels);

  it('counts both as disabled in MARAC’s breakdown: MARAC’s answer, over IOM’s "no"', async () => {
    const report = await client.get(`/v1/analytics/marac/repeat-rate?${PERIOD}`, tokens.analyst, null).expect(200);
    expect(report.body.referrals).toBe(2);
    expect(report.body.equality.disability).toEqual({ yes: 2 });
    const csv = await client.get(`/v1/analytics/marac/repeat-rate?${PERIOD}&format=csv`, tokens.analyst, null);
    expect(csv.text).toContain('equality.disability.yes,2');
  });

  it('exports what MARAC recorded on its record in a MARAC export, coded, and never in an IOM-only one', async () => {
    const recordDetails = (records: Record<string, unknown>[]) =>
      records
        .filter((r) => r.event_type === 'person-record-details-recorded')
        .map((r) => [r.panel, r.disability, r.language]);
    expect(recordDetails(await exported(['MARAC']))).toEqual([
      ['MARAC', 'yes', 'other'],
      ['MARAC', 'yes', 'other'],
    ]);
    const iomOnly = await exported(['IOM']);
    expect(recordDetails(iomOnly)).toEqual([]);
    expect(iomOnly.filter((r) => r.disability === 'yes')).toEqual([]);
  });
});
