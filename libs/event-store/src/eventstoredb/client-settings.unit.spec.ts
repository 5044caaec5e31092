import { connectionStringWith } from './client-settings';

describe('connectionStringWith', () => {
  it('leaves the connection string alone when nothing is configured', () => {
    expect(connectionStringWith({ connectionString: ' esdb://localhost:2113?tls=false ' })).toBe(
      'esdb://localhost:2113?tls=false',
    );
  });

  it('appends keep-alive and deadline options after those already present, so they take precedence', () => {
    expect(
      connectionStringWith({
        connectionString: 'esdb://localhost:2113?tls=false&defaultDeadline=1',
        keepAliveIntervalMs: 20_000,
        keepAliveTimeoutMs: 5_000,
        defaultDeadlineMs: 15_000,
      }),
    ).toBe(
      'esdb://localhost:2113?tls=false&defaultDeadline=1&keepAliveInterval=20000&keepAliveTimeout=5000&defaultDeadline=15000',
    );
    expect(connectionStringWith({ connectionString: 'esdb://node1:2113,node2:2113', keepAliveIntervalMs: -1 })).toBe(
      'esdb://node1:2113,node2:2113?keepAliveInterval=-1',
    );
  });

  it('keeps conflicts thrown when the connection string asks the client to answer them as success: false', () => {
    expect(
      connectionStringWith({ connectionString: 'esdb://localhost:2113?tls=false&ThrowOnAppendFailure=false' }),
    ).toBe('esdb://localhost:2113?tls=false&ThrowOnAppendFailure=false&throwOnAppendFailure=true');
  });
});
