import { apiForSuite } from './support/api-suite';
import { referralFailingAfterPeopleWritten } from './support/failed-referral';
import { iomReferral, maracReferral, person } from './support/referrals';
import { ANALYST, AUDITOR, COORDINATOR_ALL_PANELS, type TestUser } from './support/tokens';

// Synthetic people, addresses and correlation ids only.
const MARAC_AUDITOR: TestUser = { ...AUDITOR, sub: 'auditor-marac-failed-attempt', panels: ['MARAC'] };
const WITHHELD = '[withheld pending review]';
const herHousehold = { address: '9 Shelter Synthetic Mews', postcode: 'E9 6QQ' };

interface HeldEvent {
  readonly type: string;
  readonly data?: { readonly details?: Record<string, unknown> };
}

/**
 * A MARAC referral whose connection drops as it is noted on her stream has written both people
 * by then. Who those records belong to is told by the referral that names them (the server's
 * ids), never by the correlation id the attempt was sent under: a retry may come under another,
 * and an attempt never retried leaves records no referral names.
 */
describe('records a failed MARAC attempt wrote', () => {
  const { api, client, tokens } = apiForSuite({
    coordinator: COORDINATOR_ALL_PANELS,
    maracAuditor: MARAC_AUDITOR,
    analyst: ANALYST,
  });
  const attempt = { 'X-Correlation-Id': 'failed-attempt-first-try' };
  const failOnceWrittenBoth = (body: unknown, headers: Record<string, string>) =>
    referralFailingAfterPeopleWritten(api, client, tokens.coordinator, body, headers);

  afterEach(() => jest.restoreAllMocks());

  it('withholds from his subject access report the address the retry, sent under another id, took over', async () => {
    const her = person({ forenames: 'Rosalind', surname: 'Penhallow', dateOfBirth: '1989-03-14', ...herHousehold });
    const him = { forenames: 'Ambrose', surname: 'Penhallow', dateOfBirth: '1986-08-25', ...herHousehold };
    const body = maracReferral({ person: her }, { perpetrator: him });
    await failOnceWrittenBoth(body, attempt);
    const retried = await client.refer(tokens.coordinator, body, { 'X-Correlation-Id': 'failed-attempt-retry' });

    const report = await client
      .get(`/v1/audit/subject-access/${retried.perpetratorPersonId}?redactMarac=false`, tokens.maracAuditor, null)
      .expect(200);
    const events = report.body.person.events as HeldEvent[];
    expect(JSON.stringify(events)).not.toMatch(/Shelter Synthetic Mews|E9 6QQ/);
    const registered = events.find((e) => e.type === 'person-registered');
    expect(registered?.data?.details).toMatchObject({ forenames: 'Ambrose', address: WITHHELD, postcode: WITHHELD });
  });

  it('gives analysts no postcode district from her record the attempt left, never retried', async () => {
    const her = { forenames: 'Tamsin', surname: 'Vellacott', dateOfBirth: '1992-10-05' };
    const him = { forenames: 'Gideon', surname: 'Vellacott', dateOfBirth: '1985-01-19' };
    const failed = { 'X-Correlation-Id': 'failed-attempt-never-retried' };
    await failOnceWrittenBoth(
      maracReferral({ person: person({ ...her, ...herHousehold }) }, { perpetrator: him }),
      failed,
    );
    // Her only case is IOM's, whose referral gives no address of hers.
    const withoutResidence = person({ ...her, postcode: undefined, identifiers: undefined });
    await client.refer(tokens.coordinator, iomReferral({}, { person: withoutResidence }));

    const exported = await client.exportedRecords(tokens.analyst, ['IOM']);
    const registrations = exported.filter((r) => r.event_type === 'person-registered');
    expect(registrations).toHaveLength(1);
    expect(registrations[0]).toMatchObject({ sex: 'female', age_band: '25-34', postcode_district: null });
  });
});
