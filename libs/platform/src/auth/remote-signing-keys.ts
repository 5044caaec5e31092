import { createLocalJWKSet, createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose';

// An unknown `kid` may make us fetch the key set again at most this often (the IdP's key
// rotation is picked up; a flood of made-up key ids is not a flood of fetches).
const REFETCH_COOLDOWN_MS = 30_000;
// The key set is fetched again after this, so a key the IdP has withdrawn stops working.
const CACHE_MAX_AGE_MS = 600_000;
// After a fetch fails, none is tried for this long: an IdP outage must not turn every request,
// including those from an address over its failed-authentication budget, into a fetch.
const RETRY_AFTER_FAILED_FETCH_MS = 5_000;

/** The IdP's key set could not be had: no token can be checked, whoever sent it. */
export class SigningKeysUnavailableError extends Error {
  override readonly name = 'SigningKeysUnavailableError';
  constructor(readonly retryAfterSeconds: number) {
    super('the signing keys could not be fetched from the identity provider');
  }
}

// Whatever else the key set throws is about fetching it (timeout, non-200, not a key set, network).
const aboutTheToken = (error: unknown): boolean =>
  error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys;

/** The IdP's signing keys, fetched from its JWKS URL with every fetch bounded in time. */
export function remoteSigningKeys(url: URL, now: () => number = Date.now): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(url, { cooldownDuration: REFETCH_COOLDOWN_MS, cacheMaxAge: CACHE_MAX_AGE_MS });
  let failedAt = Number.NEGATIVE_INFINITY;
  return async (header, token) => {
    const sinceFailure = now() - failedAt;
    if (sinceFailure < RETRY_AFTER_FAILED_FETCH_MS) {
      const held = remote.jwks();
      if (held === undefined || !remote.fresh) {
        throw new SigningKeysUnavailableError(Math.ceil((RETRY_AFTER_FAILED_FETCH_MS - sinceFailure) / 1000));
      }
      return createLocalJWKSet(held)(header, token);
    }
    try {
      return await remote(header, token);
    } catch (error) {
      if (aboutTheToken(error)) throw error;
      failedAt = now();
      throw new SigningKeysUnavailableError(RETRY_AFTER_FAILED_FETCH_MS / 1000);
    }
  };
}
