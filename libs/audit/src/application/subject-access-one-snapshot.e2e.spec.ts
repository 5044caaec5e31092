import { apiForSuite } from '../../../../test/support/api-suite';
import { referralFailingAfterPeopleWritten } from '../../../../test/support/failed-referral';
import { iomReferral, maracReferral, person } from '../../../../test/support/referrals';
import { AUDITOR, COORDINATOR_ALL_PANELS } from '../../../../test/support/tokens';
import { PersonIndexQuery } from '../../../identity/src/application/person-index.query';

// Synthetic people, addresses and correlation ids only.
const herHousehold = { address: '41 Slipway Synthetic Court', postcode: 'E3 8QQ' };
const hisOwn = { address: '6 Tannery Synthetic Mews', postcode: 'N7 4ZZ' };

/**
 * The report awaits the event store between its reads, and the index moves meanwhile: what it
 * says of his records (which no referral claimed) must come from the same read as his ids and
 * cases, or the report mixes two states of the index, none of which it was judged on.
 */
describe('subject access reads the person index once', () => {
  const { api, client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS, auditor: AUDITOR });
  let his: string;

  beforeAll(async () => {
    const him = { forenames: 'Jago', surname: 'Rosewarne', dateOfBirth: '1984-03-22', sex: 'male' };
    const her = person({ forenames: 'Tamsin', surname: 'Rosewarne', dateOfBirth: '1991-06-30', ...herHousehold });
    await referralFailingAfterPeopleWritten(
      api,
      client,
      tokens.coordinator,
      maracReferral({ person: her }, { perpetrator: { ...him, ...herHousehold } }),
      { 'X-Correlation-Id': 'sar-one-read-failed-attempt' },
    );
    const iom = await client.refer(
      tokens.coordinator,
      iomReferral({}, { person: person({ ...him, ...hisOwn, identifiers: undefined }) }),
      { 'X-Correlation-Id': 'sar-one-read-his-own-referral' },
    );
    his = iom.personId;
  });

  afterEach(() => jest.restoreAllMocks());

  it('judges his unclaimed record on the same read as his ids and cases', async () => {
    const read = PersonIndexQuery.prototype.person;
    let reads = 0;
    // Any later read answers as an index that has since seen every record claimed.
    jest.spyOn(PersonIndexQuery.prototype, 'person').mockImplementation(function (this: PersonIndexQuery, id) {
      const now = read.call(this, id);
      reads += 1;
      if (reads === 1 || now === undefined) return now;
      return { ...now, records: now.records.map((r) => ({ ...r, sourcePanel: r.sourcePanel ?? 'IOM' })) };
    });
    const report = await client.get(`/v1/audit/subject-access/${his}`, tokens.auditor, null).expect(200);
    expect(JSON.stringify(report.body)).not.toMatch(/Slipway Synthetic Court|E3 8QQ/);
    expect(JSON.stringify(report.body)).toContain(hisOwn.address);
    expect(reads).toBe(1);
  });
});
