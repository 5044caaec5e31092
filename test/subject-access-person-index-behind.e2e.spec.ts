import { PersonIndexQuery } from '../libs/identity/src/application/person-index.query';
import { apiForSuite } from './support/api-suite';
import { referralFailingAfterPeopleWritten } from './support/failed-referral';
import { iomReferral, maracReferral, person } from './support/referrals';
import { AUDITOR, COORDINATOR_ALL_PANELS } from './support/tokens';

// Synthetic people, addresses and correlation ids only.
const herHousehold = { address: '27 Quayside Synthetic Close', postcode: 'E9 7QQ' };
const hisOwn = { address: '8 Kiln Synthetic Lane', postcode: 'N16 3ZZ' };

/**
 * The person index judges which of his records no referral claimed, which ids were merged into
 * him and which cases he holds now. While it replays (a reset, `projections:rebuild person_index`,
 * a version bump, a fresh read-model file) or lags the log, it has not seen him yet: a report read
 * then would show her household's address, from the MARAC attempt that failed part-way, as his.
 */
describe('subject access while the person index is behind the log', () => {
  const { api, client, tokens } = apiForSuite(
    { coordinator: COORDINATOR_ALL_PANELS, auditor: AUDITOR },
    { READ_YOUR_WRITES_TIMEOUT_MS: '300' },
  );
  let his: string;

  beforeAll(async () => {
    const him = { forenames: 'Tremayne', surname: 'Penhallow', dateOfBirth: '1981-05-19', sex: 'male' };
    const her = person({ forenames: 'Morwenna', surname: 'Penhallow', dateOfBirth: '1992-09-14', ...herHousehold });
    await referralFailingAfterPeopleWritten(
      api,
      client,
      tokens.coordinator,
      maracReferral({ person: her }, { perpetrator: { ...him, ...herHousehold } }),
      { 'X-Correlation-Id': 'sar-index-behind-failed-attempt' },
    );
    const iom = await client.refer(
      tokens.coordinator,
      iomReferral({}, { person: person({ ...him, ...hisOwn, identifiers: undefined }) }),
      { 'X-Correlation-Id': 'sar-index-behind-his-own-referral' },
    );
    his = iom.personId;
  });

  afterEach(() => jest.restoreAllMocks());

  const request = () => client.get(`/v1/audit/subject-access/${his}`, tokens.auditor, null);

  /** The index replaying from the start of the log: its checkpoint at -1, and nothing on him yet. */
  async function whileReplaying(check: () => Promise<void>): Promise<void> {
    const answering = PersonIndexQuery.prototype.answering;
    jest.spyOn(PersonIndexQuery.prototype, 'person').mockReturnValue(undefined);
    jest.spyOn(PersonIndexQuery.prototype, 'answering').mockImplementation(function (this: PersonIndexQuery) {
      const now = answering.call(this);
      return now === undefined ? undefined : { ...now, position: -1n };
    });
    try {
      await check();
    } finally {
      jest.restoreAllMocks();
    }
  }

  it('refuses 503 with Retry-After, showing nothing, until the index reaches the head', async () => {
    await whileReplaying(async () => {
      const refused = await request();
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.body).toMatchObject({ rule: 'read-your-writes-timeout' });
      expect(JSON.stringify(refused.body)).not.toMatch(/Quayside Synthetic Close|E9 7QQ/);
    });
    // Caught up: the report is given, her address still withheld.
    const report = await request().expect(200);
    expect(JSON.stringify(report.body)).not.toMatch(/Quayside Synthetic Close|E9 7QQ/);
    expect(JSON.stringify(report.body)).toContain(hisOwn.address);
  });

  it('refuses 503 read-model-rebuilding while no version of the index answers', async () => {
    jest.spyOn(PersonIndexQuery.prototype, 'person').mockReturnValue(undefined);
    jest.spyOn(PersonIndexQuery.prototype, 'answering').mockReturnValue(undefined);
    const refused = await request();
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.body).toMatchObject({ rule: 'read-model-rebuilding' });
    expect(JSON.stringify(refused.body)).not.toMatch(/Quayside Synthetic Close|E9 7QQ/);
  });
});
