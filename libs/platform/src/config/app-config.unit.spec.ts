import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to the embedded SQLite store with durable commits on port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, eventStore: 'sqlite', sqliteSynchronous: 'FULL' });
    expect(config.dataDir.endsWith('data')).toBe(true);
    expect(config.redisUrl).toBeUndefined();
  });

  it('names every bad variable at once', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'eighty', EVENT_STORE: 'mongo', AUTH_JWT_SECRET: 'short', REDIS_URL: 'http://x' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as ConfigError).message;
    for (const name of ['PORT', 'EVENT_STORE', 'AUTH_JWT_SECRET', 'REDIS_URL']) expect(message).toContain(name);
  });

  it('requires a connection string for EventStoreDB mode', () => {
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(/EVENTSTORE_CONNECTION_STRING is required/);
    const config = loadConfig({
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
    });
    expect(config.eventStoreDb?.connectionString).toBe('esdb://localhost:2113?tls=false');
  });

  it.each(['esdb://node1:2113,node2:2113?tls=true', 'esdb+discover://cluster.example:2113'])(
    'takes the connection string schemes the EventStoreDB client parses: %s',
    (connectionString) => {
      const config = loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: connectionString });
      expect(config.eventStoreDb?.connectionString).toBe(connectionString);
    },
  );

  it.each([
    'kurrentdb://localhost:2113',
    'kurrentdb+discover://cluster.example:2113',
    'kdb://localhost:2113',
    'http://localhost:2113',
  ])(
    'refuses %s at startup, saying which schemes are accepted, rather than failing when the client parses it',
    (connectionString) => {
      expect(() => loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: connectionString })).toThrow(
        'EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover:// (KurrentDB servers take these too; the client in use does not parse kurrentdb:// or kdb://)',
      );
    },
  );

  describe('how long a client may take to send a request', () => {
    it('defaults to 10 s for the headers and 5 minutes for the whole request, room for a 20mb upload at 1 Mbit/s', () => {
      expect(loadConfig({}).http).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 300_000 });
    });

    it('takes both from the environment', () => {
      const config = loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_REQUEST_TIMEOUT_MS: '60000' });
      expect(config.http).toEqual({ headersTimeoutMs: 5_000, requestTimeoutMs: 60_000 });
    });

    it.each([
      ['HTTP_REQUEST_TIMEOUT_MS', 'soon'],
      ['HTTP_REQUEST_TIMEOUT_MS', '0'],
      ['HTTP_HEADERS_TIMEOUT_MS', '2.5'],
      ['HTTP_HEADERS_TIMEOUT_MS', '-1'],
    ])('refuses %s=%s naming the variable and the range', (name, value) => {
      expect(() => loadConfig({ [name]: value })).toThrow(
        `${name} must be an integer from 100 to 3600000 (got "${value}")`,
      );
    });

    it('refuses a headers timeout longer than the request timeout, a pair Node itself refuses', () => {
      expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '15000' })).toThrow(
        'HTTP_HEADERS_TIMEOUT_MS (20000) must not exceed HTTP_REQUEST_TIMEOUT_MS (15000)',
      );
    });
  });
});

describe('the IOM eligibility policy setting', () => {
  it('is absent unless set, and read as JSON from the variable', () => {
    expect(loadConfig({}).iomEligibilityPolicy).toBeUndefined();
    expect(loadConfig({ IOM_ELIGIBILITY_POLICY: '{"id":"x","version":2}' }).iomEligibilityPolicy).toEqual({
      source: 'IOM_ELIGIBILITY_POLICY',
      value: { id: 'x', version: 2 },
    });
  });

  it('names the variable when its text is not JSON, and the path when the file cannot be read', () => {
    expect(() => loadConfig({ IOM_ELIGIBILITY_POLICY: '{id: x}' })).toThrow(/IOM_ELIGIBILITY_POLICY must be JSON/);
    expect(() => loadConfig({ IOM_ELIGIBILITY_POLICY_FILE: '/nonexistent/policy.json' })).toThrow(
      'IOM_ELIGIBILITY_POLICY_FILE (/nonexistent/policy.json) cannot be read: ENOENT',
    );
  });
});

describe('loadConfig: token checks', () => {
  it('defaults to 60 s of clock skew, a 12 h token lifetime and a tenth of the request rate for failed sign-ins', () => {
    expect(loadConfig({}).auth).toMatchObject({
      clockSkewSeconds: 60,
      maxTokenLifetimeSeconds: 43_200,
      failuresPerMinute: 60,
    });
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: '5' }).auth.failuresPerMinute).toBe(1);
  });

  it('takes all three from the environment', () => {
    const { auth } = loadConfig({
      AUTH_CLOCK_SKEW_SECONDS: '10',
      AUTH_MAX_TOKEN_LIFETIME_SECONDS: '3600',
      AUTH_FAILURES_PER_MINUTE: '7',
    });
    expect(auth).toMatchObject({ clockSkewSeconds: 10, maxTokenLifetimeSeconds: 3600, failuresPerMinute: 7 });
  });

  it.each([
    ['AUTH_CLOCK_SKEW_SECONDS', '-1', 'from 0 to 600'],
    ['AUTH_MAX_TOKEN_LIFETIME_SECONDS', '31536000', 'from 60 to 604800'],
    ['AUTH_FAILURES_PER_MINUTE', '0', 'from 1 to 1000000'],
  ])('refuses %s=%s naming the range', (name, value, range) => {
    expect(() => loadConfig({ [name]: value })).toThrow(`${name} must be an integer ${range} (got "${value}")`);
  });

  it('refuses an identity provider without the issuer and audience its tokens must carry', () => {
    let caught: unknown;
    try {
      loadConfig({ AUTH_JWKS_URL: 'https://idp.example/jwks' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems).toEqual([
      expect.stringContaining('AUTH_ISSUER is required when AUTH_JWKS_URL is set'),
      expect.stringContaining('AUTH_AUDIENCE is required when AUTH_JWKS_URL is set'),
    ]);
    const config = loadConfig({
      AUTH_JWKS_URL: 'https://idp.example/jwks',
      AUTH_ISSUER: 'https://idp.example/',
      AUTH_AUDIENCE: 'case-coordination',
    });
    expect(config.auth).toMatchObject({ issuer: 'https://idp.example/', audience: 'case-coordination' });
  });
});
