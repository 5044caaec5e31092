import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { InvalidClaimsError, principalFromClaims, type Principal } from './principal';
import { remoteSigningKeys, SigningKeysUnavailableError } from './remote-signing-keys';

export interface TokenVerifierOptions {
  readonly secret?: string;
  readonly jwksUrl?: string;
  readonly issuer?: string;
  readonly audience?: string;
  /** Allowed disagreement between the issuer's clock and ours, on iat, nbf and exp. */
  readonly clockSkewSeconds: number;
  /** The longest exp - iat taken: caps how long a leaked token stays useful. */
  readonly maxLifetimeSeconds: number;
}

/** The rule a correctly signed token past its `exp` (and the clock skew) breaks. */
export const EXPIRED_RULE = 'expired';

/** Why a token was refused; `claim` and `rule` are set when one claim broke one rule. */
export class TokenRejectedError extends Error {
  override readonly name = 'TokenRejectedError';
  constructor(
    message: string,
    readonly claim?: string,
    readonly rule?: string,
  ) {
    super(message);
  }
}

// Without exp a token never dies, without iat its lifetime is unknown, without sub there is no actor.
const REQUIRED_CLAIMS = ['exp', 'iat', 'sub'];

function ruleOf(error: errors.JWTClaimValidationFailed): string {
  if (error.reason === 'missing') return 'claim-required';
  if (error.claim === 'nbf' && error.reason === 'check_failed') return 'not-yet-valid';
  return error.reason === 'check_failed' ? `unexpected-${error.claim}` : 'invalid-claim';
}

/** HS256 with a shared secret for small deployments, RS256 via JWKS for an OIDC provider. */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(private readonly options: TokenVerifierOptions) {
    if (options.jwksUrl !== undefined) {
      // An identity provider signs tokens for every app it serves: only the issuer and audience
      // tell ours apart (loadConfig refuses this too; here it cannot be bypassed).
      if (options.issuer === undefined || options.audience === undefined) {
        throw new Error('TokenVerifier needs an issuer and an audience to check tokens from a JWKS');
      }
      this.key = remoteSigningKeys(new URL(options.jwksUrl));
      this.algorithms = ['RS256'];
    } else if (options.secret !== undefined) {
      this.key = new TextEncoder().encode(options.secret);
      this.algorithms = ['HS256'];
    } else {
      throw new Error('TokenVerifier needs a secret or a JWKS URL');
    }
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      const verifyOptions = {
        algorithms: this.algorithms,
        requiredClaims: REQUIRED_CLAIMS,
        clockTolerance: this.options.clockSkewSeconds,
        ...(this.options.issuer === undefined ? {} : { issuer: this.options.issuer }),
        ...(this.options.audience === undefined ? {} : { audience: this.options.audience }),
      };
      ({ payload } =
        this.key instanceof Uint8Array
          ? await jwtVerify(token, this.key, verifyOptions)
          : await jwtVerify(token, this.key, verifyOptions));
    } catch (error) {
      // Not the token's fault: refusing it would send its holder back to sign in for nothing.
      if (error instanceof SigningKeysUnavailableError) throw error;
      if (error instanceof errors.JWTExpired) throw new TokenRejectedError(error.message, error.claim, EXPIRED_RULE);
      if (error instanceof errors.JWTClaimValidationFailed) {
        throw new TokenRejectedError(error.message, error.claim, ruleOf(error));
      }
      throw new TokenRejectedError(error instanceof Error ? error.message : 'token rejected');
    }
    this.checkLifetime(payload as JWTPayload & { iat: number; exp: number });
    try {
      return principalFromClaims(payload as Record<string, unknown>);
    } catch (error) {
      if (error instanceof InvalidClaimsError) throw new TokenRejectedError(error.message, error.claim, error.rule);
      throw error;
    }
  }

  /** jose has checked that iat and exp are numbers and exp has not passed. */
  private checkLifetime({ iat, exp }: { iat: number; exp: number }): void {
    const { clockSkewSeconds, maxLifetimeSeconds } = this.options;
    if (iat > Math.floor(Date.now() / 1000) + clockSkewSeconds) {
      throw new TokenRejectedError(
        `"iat" claim is in the future by more than the allowed clock skew of ${clockSkewSeconds} s`,
        'iat',
        'issued-in-the-future',
      );
    }
    if (exp - iat > maxLifetimeSeconds) {
      throw new TokenRejectedError(
        `token lifetime (exp - iat) of ${exp - iat} s exceeds the maximum of ${maxLifetimeSeconds} s`,
        'exp',
        'max-lifetime',
      );
    }
  }
}
