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

function addressProblem(entry: string): string | undefined {
  if (NAMED_RANGES.includes(entry)) return undefined;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) {
    return `"${entry}" is not an address, a CIDR range or one of ${NAMED_RANGES.join(', ')}`;
  }
  if (prefix === undefined) return undefined;
  const bits = Number(prefix);
  const most = family === 4 ? 32 : 128;
  if (!/^\d+$/.test(prefix) || bits < 1 || bits > most) {
    // A /0 would trust every peer: any client could then choose the address it is counted under.
    return `"${entry}" must have a prefix length from 1 to ${most}`;
  }
  return undefined;
}

/** `TRUST_PROXY`: `none`, a hop count from 1 to 10, or a comma list of addresses and ranges. */
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
