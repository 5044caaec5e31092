import { FailedAuthentications } from './failed-authentications';

describe('FailedAuthentications: the per-address budget of failed sign-ins', () => {
  let clock = 0;
  const failures = (limit: number): FailedAuthentications => new FailedAuthentications(limit, () => clock);
  beforeEach(() => {
    clock = 1_000_000;
  });

  it('lets an address fail up to the limit, then says how long to wait', () => {
    const budget = failures(3);
    for (let i = 0; i < 3; i += 1) {
      expect(budget.retryAfterSeconds('ip:192.0.2.1')).toBeUndefined();
      budget.record('ip:192.0.2.1');
    }
    clock += 15_000;
    expect(budget.retryAfterSeconds('ip:192.0.2.1')).toBe(45);
  });

  it('counts each address on its own', () => {
    const budget = failures(1);
    budget.record('ip:192.0.2.1');
    expect(budget.retryAfterSeconds('ip:192.0.2.1')).toBe(60);
    expect(budget.retryAfterSeconds('ip:192.0.2.2')).toBeUndefined();
  });

  it('forgets an address a minute after its first failure', () => {
    const budget = failures(1);
    budget.record('ip:192.0.2.1');
    clock += 60_000;
    expect(budget.retryAfterSeconds('ip:192.0.2.1')).toBeUndefined();
    budget.record('ip:192.0.2.1');
    expect(budget.retryAfterSeconds('ip:192.0.2.1')).toBe(60);
  });

  it('keeps a bounded number of addresses, so a flood from many addresses cannot exhaust memory', () => {
    const budget = new FailedAuthentications(1, () => clock, 100);
    for (let i = 0; i < 1000; i += 1) budget.record(`ip:198.51.100.${i}`);
    expect(budget.trackedAddresses).toBeLessThanOrEqual(100);
    expect(budget.retryAfterSeconds('ip:198.51.100.999')).toBe(60);
  });
});
