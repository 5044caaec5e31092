import { apiForSuite } from './support/api-suite';
import { referralFailingAfterPeopleWritten } from './support/failed-referral';
import { iomReferral, maracReferral, person } from './support/referrals';
import { AUDITOR, COORDINATOR_ALL_PANELS, type TestUser } from './support/tokens';

// Synthetic people, addresses and correlation ids only.
const MARAC_AUDITOR: TestUser = { ...AUDITOR, sub: 'auditor-marac-unclaimed', panels: ['MARAC'] };
const WITHHELD = '[withheld pending review]';
const herHousehold = { address: '14 Harbour Synthetic Walk', postcode: 'E8 5QQ' };
const hisOwn = { address: '3 Foundry Synthetic Row', postcode: 'N4 2ZZ' };

interface Report {
  readonly person: { readonly events: readonly { type: string; data?: { details?: Record<string, unknown> } }[] };
  readonly manualReview: readonly { path: string; reason: string }[];
}

/**
 * A MARAC referral that fails once both people are written, and is never retried, leaves his
 * record with her household's address and no referral claiming it. His own later IOM referral
 * (under another correlation id) makes him a subject access requester, and nothing in his cases
 * points back at the failed attempt: only the person index knows the record is unclaimed.
 */
describe('subject access to a record no referral claimed', () => {
  const { api, client, tokens } = apiForSuite({
    coordinator: COORDINATOR_ALL_PANELS,
    auditor: AUDITOR,
    maracAuditor: MARAC_AUDITOR,
  });
  const failOnceWrittenBoth = (body: unknown) =>
    referralFailingAfterPeopleWritten(api, client, tokens.coordinator, body, {
      'X-Correlation-Id': 'sar-unclaimed-failed-attempt',
    });

  const reportOf = async (personId: string, query: string, reader: string): Promise<Report> =>
    (await client.get(`/v1/audit/subject-access/${personId}${query}`, reader, null).expect(200)).body as Report;

  afterEach(() => jest.restoreAllMocks());

  it.each([
    ['redacted', '', 'auditor', { surname: 'Trevennick', dateOfBirth: '1983-07-11' }],
    ['MARAC content left in', '?redactMarac=false', 'maracAuditor', { surname: 'Polglase', dateOfBirth: '1979-12-03' }],
  ] as const)('withholds her address from his report (%s) and lists it for review', async (_, query, reader, born) => {
    const him = { forenames: 'Casimir', ...born, sex: 'male' };
    const her = person({ forenames: 'Elowen', surname: born.surname, dateOfBirth: '1990-02-27', ...herHousehold });
    await failOnceWrittenBoth(maracReferral({ person: her }, { perpetrator: { ...him, ...herHousehold } }));
    const own = person({ ...him, ...hisOwn, identifiers: undefined });
    const iom = await client.refer(tokens.coordinator, iomReferral({}, { person: own }), {
      'X-Correlation-Id': 'sar-unclaimed-his-own-referral',
    });

    const report = await reportOf(iom.personId, query, tokens[reader]);
    const events = report.person.events;
    expect(JSON.stringify(report)).not.toMatch(/Harbour Synthetic Walk|E8 5QQ/);
    const at = events.findIndex((e) => e.type === 'person-registered');
    expect(events[at]?.data?.details).toMatchObject({ forenames: 'Casimir', address: WITHHELD, postcode: WITHHELD });
    const unclaimed = report.manualReview.filter((n) => n.path.startsWith(`$.person.events[${at}].data`));
    expect(unclaimed.map((n) => n.path).sort()).toEqual(
      [`$.person.events[${at}].data.details.address`, `$.person.events[${at}].data.details.postcode`].sort(),
    );
    expect(unclaimed.every((n) => /no referral claimed/.test(n.reason))).toBe(true);
    // What his own referral gave stays his to read.
    expect(JSON.stringify(events)).toContain(hisOwn.address);
  });
});
