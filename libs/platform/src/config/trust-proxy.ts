import { isIP } from 'node:net';

/**
 * Which peers may say who the client is (X-Forwarded-For), in a form Express's `trust proxy`
 * takes: `false` (none), a hop count, or addresses, CIDR ranges and the names `loopback`,
 * `linklocal`, `uniquelocal`. Rate limits and failed-authentication counts are kept per client
 * address, so behind a load balancer that is not trusted every client shares its address.
 */
export type TrustProxy = false | number | readonly string[];

export const DEFAULT_TRUST_PROXY: TrustProxy = ['loopback'];
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];
const MAX_HOPS = 10;
/**
 * The widest range a proxy list may name. An IPv4 /8 is the widest private block (10.0.0.0/8); an
 * IPv6 /32 is a whole provider's allocation. Anything wider trusts a share of the internet, and a
 * few such entries (0.0.0.0/1 and 128.0.0.0/1) trust every peer, as `true` would.
 */
const WIDEST_IPV4 = 8;
const WIDEST_IPV6 = 32;
/** IPv6 blocks never routed from the internet, as the names uniquelocal and linklocal: they may be wider. */
const UNROUTED_IPV6 = [
  { first: 0xfc00n << 112n, bits: 7 },
  { first: 0xfe80n << 112n, bits: 10 },
];
/**
 * IPv6 blocks whose addresses stand for IPv4 hosts reached through a tunnel or a translator: any
 * IPv4 host can send from them, so an entry in one, however narrow, trusts peers nobody vetted.
 */
const TUNNELLING_IPV6 = [
  { name: '2001::/32 (Teredo)', first: 0x2001n << 112n, bits: 32 },
  { name: '2002::/16 (6to4)', first: 0x2002n << 112n, bits: 16 },
  { name: '64:ff9b::/96 (NAT64)', first: 0x64ff9bn << 96n, bits: 96 },
  { name: '64:ff9b:1::/48 (local NAT64)', first: (0x64ff9bn << 96n) | (1n << 80n), bits: 48 },
];
/** ::ffff:0:0/96, where an IPv4 peer of a dual-stack listener appears. */
const IPV4_MAPPED = { first: 0xffffn << 32n, bits: 96 };

/** The 128 bits of an IPv6 address (one `isIP` accepts, so at most one `::`). */
function ipv6Bits(address: string): bigint {
  let text = address;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted !== null) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const groupsOf = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const left = groupsOf(head);
  const right = tail === undefined ? [] : groupsOf(tail);
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((bits, group) => (bits << 16n) | BigInt(parseInt(group, 16)), 0n);
}

/** Whether address/bits lies inside the block `within`. */
function inside(address: bigint, bits: number, within: { first: bigint; bits: number }): boolean {
  const shift = BigInt(128 - within.bits);
  return bits >= within.bits && address >> shift === within.first >> shift;
}

const tunnelling = (entry: string, block: string): string =>
  `"${entry}" overlaps ${block}, whose addresses any IPv4 host can send from`;

function tooWide(entry: string, family: number, address: string, bits: number): string | undefined {
  if (family === 4) {
    return bits < WIDEST_IPV4 ? `"${entry}" is wider than /${WIDEST_IPV4}` : undefined;
  }
  const value = ipv6Bits(address);
  if (inside(value, bits, IPV4_MAPPED)) {
    const widest = IPV4_MAPPED.bits + WIDEST_IPV4;
    return bits < widest ? `"${entry}" is wider than /${WIDEST_IPV4} (an IPv4-mapped range: /${widest})` : undefined;
  }
  if (inside(IPV4_MAPPED.first, IPV4_MAPPED.bits, { first: value, bits })) {
    return `"${entry}" holds every IPv4-mapped address (::ffff:0:0/96), so every IPv4 peer`;
  }
  const within = TUNNELLING_IPV6.find((block) => inside(value, bits, block));
  if (within !== undefined) return tunnelling(entry, within.name);
  if (bits < WIDEST_IPV6 && !UNROUTED_IPV6.some((block) => inside(value, bits, block))) {
    return `"${entry}" is wider than /${WIDEST_IPV6} (wider is allowed only inside fc00::/7 or fe80::/10)`;
  }
  const holding = TUNNELLING_IPV6.find((block) => inside(block.first, block.bits, { first: value, bits }));
  return holding === undefined ? undefined : tunnelling(entry, holding.name);
}

function addressProblem(entry: string): string | undefined {
  if (NAMED_RANGES.includes(entry)) return undefined;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) {
    return `"${entry}" is not an address, a CIDR range or one of ${NAMED_RANGES.join(', ')}`;
  }
  const most = family === 4 ? 32 : 128;
  if (prefix === undefined) return tooWide(entry, family, address, most);
  const bits = Number(prefix);
  if (!/^\d+$/.test(prefix) || bits < 1 || bits > most) {
    // A /0 would trust every peer: any client could then choose the address it is counted under.
    return `"${entry}" must have a prefix length from 1 to ${most}`;
  }
  return tooWide(entry, family, address, bits);
}

/**
 * `TRUST_PROXY`: `none`, a hop count from 1 to 10, or a comma list of addresses and ranges, none
 * wider than an IPv4 /8 or an IPv6 /32 (see WIDEST_IPV4) nor in a tunnelling block. Each entry is
 * bounded on its own, against a slip (a /1 for a /16): a list of /8s covering every address is no
 * slip, and whoever sets TRUST_PROXY could as well give a hop count.
 */
export function trustProxyFrom(raw: string | undefined, problems: string[]): TrustProxy {
  if (raw === undefined) return DEFAULT_TRUST_PROXY;
  const value = raw.trim().toLowerCase();
  if (value === 'none' || value === 'false') return false;
  if (value === 'true' || value === '*') {
    problems.push(
      "TRUST_PROXY must not trust every peer (any client could then forge X-Forwarded-For): give the proxies' addresses or a hop count",
    );
    return DEFAULT_TRUST_PROXY;
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops < 1 || hops > MAX_HOPS) {
      problems.push(
        `TRUST_PROXY as a hop count must be from 1 to ${MAX_HOPS} (got "${raw}"); use none to trust no proxy`,
      );
      return DEFAULT_TRUST_PROXY;
    }
    return hops;
  }
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const wrong = entries.map(addressProblem).filter((problem): problem is string => problem !== undefined);
  if (entries.length === 0 || wrong.length > 0) {
    problems.push(
      `TRUST_PROXY must be none, a hop count or a comma list of addresses and CIDR ranges (${wrong.join('; ') || 'got an empty list'})`,
    );
    return DEFAULT_TRUST_PROXY;
  }
  return entries;
}
