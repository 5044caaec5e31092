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
    ['10.0.0.0/8', ['10.0.0.0/8']],
    ['2001:db8::/32', ['2001:db8::/32']],
    // Beside the tunnelling blocks, not in them.
    ['2001:1::/32,2003::/32,64:ff9a::/32', ['2001:1::/32', '2003::/32', '64:ff9a::/32']],
    ['fe80::/10', ['fe80::/10']],
    ['::ffff:10.0.0.0/104', ['::ffff:10.0.0.0/104']],
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
    // Each of these trusts every peer, or a share of the internet, in effect.
    ['0.0.0.0/1,128.0.0.0/1', /"0.0.0.0\/1" is wider than \/8/],
    ['64.0.0.0/7', /"64.0.0.0\/7" is wider than \/8/],
    ['::ffff:0:0/96', /"::ffff:0:0\/96" is wider than \/8 \(an IPv4-mapped range: \/104\)/],
    ['::ffff:0.0.0.0/100', /is wider than \/8 \(an IPv4-mapped range: \/104\)/],
    ['::/32', /"::\/32" holds every IPv4-mapped address/],
    ['::/80', /holds every IPv4-mapped address/],
    ['2000::/3', /"2000::\/3" is wider than \/32/],
    ['2001:db8::/31', /is wider than \/32/],
    // Tunnelled or translated IPv4 hosts, any of which can send from these, at any width.
    ['2001::/32', /"2001::\/32" overlaps 2001::\/32 \(Teredo\), whose addresses any IPv4 host can send from/],
    ['2001:0:4136:e378::/64', /overlaps 2001::\/32 \(Teredo\)/],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', /overlaps 2001::\/32 \(Teredo\)/],
    ['2002::/16', /"2002::\/16" overlaps 2002::\/16 \(6to4\)/],
    ['2002:c000:204::/48', /overlaps 2002::\/16 \(6to4\)/],
    ['64:ff9b::/96', /overlaps 64:ff9b::\/96 \(NAT64\)/],
    ['64:ff9b::10.0.0.1', /overlaps 64:ff9b::\/96 \(NAT64\)/],
    ['64:ff9b:1::/48', /overlaps 64:ff9b:1::\/48 \(local NAT64\)/],
    ['64:ff9b::/64', /"64:ff9b::\/64" overlaps 64:ff9b::\/96 \(NAT64\)/],
    ['lb.internal', /"lb.internal" is not an address, a CIDR range or one of loopback, linklocal, uniquelocal/],
    [',', /got an empty list/],
  ])('refuses %s at start-up, naming TRUST_PROXY', (raw, rule) => {
    expect(() => loadConfig({ TRUST_PROXY: raw })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: raw })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: raw })).toThrow(rule);
  });
});
