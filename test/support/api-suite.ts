import { peopleClient, type PeopleClient } from './people';
import { startTestApi, type TestApi } from './test-api';
import { tokenFor, type TestUser } from './tokens';

export interface ApiSuite<User extends string> {
  readonly api: TestApi;
  readonly client: PeopleClient;
  /** A token signed for each named user; filled in before the first test. */
  readonly tokens: Readonly<Record<User, string>>;
}

/**
 * The real API for one describe block: started before its first test and closed after its last,
 * with a token for each named user. Call it in the describe body; the API is only there inside
 * tests and hooks, since nothing runs while the block is being declared.
 */
export function apiForSuite<User extends string>(
  users: Record<User, TestUser>,
  env: Record<string, string> = {},
): ApiSuite<User> {
  let started: TestApi | undefined;
  const tokens = {} as Record<User, string>;
  const running = (): TestApi => {
    if (started === undefined) throw new Error('the API starts in beforeAll: use it inside a test or a hook');
    return started;
  };
  const api: TestApi = {
    get app() {
      return running().app;
    },
    get dataDir() {
      return running().dataDir;
    },
    close: () => running().close(),
  };
  beforeAll(async () => {
    started = await startTestApi(env);
    for (const [name, user] of Object.entries(users) as [User, TestUser][]) tokens[name] = await tokenFor(user);
  });
  afterAll(async () => {
    await started?.close();
  });
  return { api, client: peopleClient(api), tokens };
}
