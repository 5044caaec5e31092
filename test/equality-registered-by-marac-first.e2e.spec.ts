import { iomReferral, maracReferral, person } from './support/referrals';
import { ANALYST, COORDINATOR_ALL_PANELS } from './support/tokens';
import { apiForSuite } from './support/api-suite';

/**
 * The other order of equality-on-linked-records: MARAC registers her, saying she is disabled and
 * speaks Polish, and IOM refers her later without either. Her MARAC answers were recorded on the
 * registration itself, naming the MARAC case; an IOM-only research export carried them as if
 * anyone's (review s21-review-jobs, F1). Which panel registered her first must not decide it.
 * Synthetic people only.
 */
describe('details given through a MARAC case on the registration it made stay MARAC’s in exports', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS, analyst: ANALYST });

  beforeAll(async () => {
    const victim = person({ forenames: 'Imelda', surname: 'Vantongeren', dateOfBirth: '1979-08-14' });
    const marac = await client.post(
      '/v1/referrals',
      tokens.coordinator,
      maracReferral(
        { person: { ...victim, disability: 'yes', language: 'Polish' }, referredAt: '2024-02-02T09:00:00Z' },
        { perpetrator: undefined, incidentAt: '2024-02-01T22:00:00Z' },
      ),
    );
    const iom = await client.post(
      '/v1/referrals',
      tokens.coordinator,
      iomReferral({}, { referredAt: '2024-09-02T10:00:00Z', person: victim }),
    );
    expect({ marac: marac.status, iom: iom.status, same: iom.body.personId === marac.body.personId }).toEqual({
      marac: 201,
      iom: 201,
      same: true,
    });
  });

  const details = (records: Record<string, unknown>[]) =>
    records.filter((r) => r.event_type === 'person-details-recorded').map((r) => [r.panel, r.disability, r.language]);

  it('exports them in a MARAC export, as MARAC’s, and never in an IOM-only one', async () => {
    expect(details(await client.exportedRecords(tokens.analyst, ['MARAC']))).toEqual([['MARAC', 'yes', 'other']]);
    const iomOnly = await client.exportedRecords(tokens.analyst, ['IOM']);
    expect(details(iomOnly)).toEqual([]);
    expect(iomOnly.filter((r) => r.disability === 'yes' || r.language === 'other')).toEqual([]);
  });
});
