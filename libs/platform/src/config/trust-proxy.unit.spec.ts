import { ConfigError, loadConfig } from './app-config';

describe('TRUST_PROXY', () => {
  it('trusts loopback peers only by default, as a proxy on the same host', () => {
    expect(loadConfig({}).trustProxy).toEqual(['loopback']);
  });

  it.each([
    ['none', false],
    ['false', false],
    ['2', 2],
    ['10.0.0.0/8, 192.168.1.7', ['10.0.0.0/8', '192.168.1.7']],
    ['loopback,uniquelocal,fd00::/8', ['loopback', 'uniquelocal', 'fd00::/8']],
  ])('takes %s', (raw, expected) => {
    expect(loadConfig({ TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });

  it.each([
    ['true', /must not trust every peer/],
    ['*', /must not trust every peer/],
    ['0', /hop count must be from 1 to 10/],
    ['11', /hop count must be from 1 to 10/],
    ['10.0.0.0/0', /"10.0.0.0\/0" must have a prefix length from 1 to 32/],
    ['10.0.0.0/33', /prefix length from 1 to 32/],
    ['lb.internal', /"lb.internal" is not an address, a CIDR range or one of loopback, linklocal, uniquelocal/],
    [',', /got an empty list/],
  ])('refuses %s at start-up, naming TRUST_PROXY', (raw, rule) => {
    expect(() => loadConfig({ TRUST_PROXY: raw })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: raw })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: raw })).toThrow(rule);
  });
});
