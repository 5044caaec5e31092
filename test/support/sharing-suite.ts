import { maracReferral, person } from './referrals';
import { sharingClient, type SharingClient, type SharingClientOptions } from './sharing';
import { startTestApi, type TestApi } from './test-api';
import { tokenFor, type TestUser } from './tokens';

export interface SharingSuiteOptions extends Omit<SharingClientOptions, 'baseUrl' | 'tokens'> {
  /** Everyone the spec calls as: each gets a token before the first test. */
  readonly users: readonly TestUser[];
  /** The MARAC victim whose case the spec shares, referred by the discloser before the first test. */
  readonly victim: { readonly forenames: string; readonly surname: string; readonly dateOfBirth: string };
}

export interface SharingSuite extends SharingClient {
  /** The API, listening on a loopback port; asked for once the suite's beforeAll has run. */
  api(): TestApi;
  /** The victim's MARAC case. */
  caseId(): string;
}

/**
 * The set-up every information-sharing spec repeats: an API listening over HTTP, a token for each
 * user and one MARAC case to share, started before the enclosing describe's tests and closed after.
 */
export function sharingSuite({ users, victim, ...options }: SharingSuiteOptions): SharingSuite {
  let api: TestApi | undefined;
  let baseUrl = '';
  let caseId: string | undefined;
  const tokens = new Map<TestUser, string>();
  const client = sharingClient({ ...options, baseUrl: () => baseUrl, tokens });
  beforeAll(async () => {
    api = await startTestApi();
    await api.app.listen(0, '127.0.0.1');
    baseUrl = await api.app.getUrl();
    for (const user of users) tokens.set(user, await tokenFor(user));
    const marac = await client.send(
      options.discloser,
      'post',
      '/v1/referrals',
      maracReferral({ person: person(victim) }),
    );
    expect(marac.status).toBe(201);
    caseId = marac.body.caseId as string;
  });
  afterAll(async () => {
    await api?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the sharing suite starts in beforeAll');
    return value;
  };
  return { ...client, api: () => started(api), caseId: () => started(caseId) };
}
