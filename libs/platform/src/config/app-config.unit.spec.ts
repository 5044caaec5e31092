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
});
