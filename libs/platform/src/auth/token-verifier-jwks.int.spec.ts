import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type KeyLike } from 'jose';
import { remoteSigningKeys, SigningKeysUnavailableError } from './remote-signing-keys';
import { TokenRejectedError, TokenVerifier } from './token-verifier';

const ISSUER = 'https://idp.example.test';
const AUDIENCE = 'case-coordination';
const LIMITS = { clockSkewSeconds: 60, maxLifetimeSeconds: 12 * 3600 };
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** A stand-in identity provider: serves one signing key and counts how often it is asked. */
class KeySetServer {
  fetches = 0;
  down = false;
  url = new URL('http://127.0.0.1/');
  private readonly server: Server;
  private keySet = '';

  constructor() {
    this.server = createServer((_, response) => {
      this.fetches += 1;
      response.writeHead(this.down ? 503 : 200, { 'content-type': 'application/json' });
      response.end(this.down ? '{}' : this.keySet);
    });
  }

  async start(publicKey: KeyLike): Promise<URL> {
    this.keySet = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'idp-1', alg: 'RS256' }] });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = new URL(`http://127.0.0.1:${(this.server.address() as AddressInfo).port}/jwks`);
    return this.url;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const tokenSignedBy = (key: KeyLike, kid: string): Promise<string> =>
  new SignJWT({ name: 'Sam Synthetic', agency: 'Test Agency', roles: ['coordinator'], panels: ['IOM'] })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setSubject('u-1')
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(nowSeconds() + 600)
    .sign(key);

async function refusals(verifier: TokenVerifier, tokens: readonly string[]): Promise<number> {
  let refused = 0;
  for (const token of tokens) {
    await verifier.verify(token).catch((error: unknown) => {
      if (!(error instanceof TokenRejectedError)) throw error;
      refused += 1;
    });
  }
  return refused;
}

describe('TokenVerifier with a JWKS: what an attacker can make us fetch', () => {
  let idp: KeySetServer;
  let idpKey: KeyLike;
  let otherKey: KeyLike;
  let verifier: TokenVerifier;

  beforeEach(async () => {
    const pair = await generateKeyPair('RS256');
    idpKey = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    idp = new KeySetServer();
    const jwksUrl = await idp.start(pair.publicKey);
    verifier = new TokenVerifier({ jwksUrl: jwksUrl.href, issuer: ISSUER, audience: AUDIENCE, ...LIMITS });
  });
  afterEach(() => idp.stop());

  it('fetches the key set once, however many unknown key ids arrive after it', async () => {
    expect((await verifier.verify(await tokenSignedBy(idpKey, 'idp-1'))).id).toBe('u-1');
    const forged = await Promise.all(Array.from({ length: 25 }, (_, i) => tokenSignedBy(otherKey, `guess-${i}`)));
    expect(await refusals(verifier, forged)).toBe(25);
    expect(idp.fetches).toBe(1);
    expect((await verifier.verify(await tokenSignedBy(idpKey, 'idp-1'))).id).toBe('u-1');
  });

  it('does not turn every request into a fetch while the identity provider is failing', async () => {
    idp.down = true;
    const tokens = await Promise.all(Array.from({ length: 25 }, () => tokenSignedBy(otherKey, 'idp-1')));
    for (const token of tokens) {
      await expect(verifier.verify(token)).rejects.toBeInstanceOf(SigningKeysUnavailableError);
    }
    expect(idp.fetches).toBe(1);
  });

  it('fetches again a few seconds after a failed fetch, so sign-in works once the provider is back', async () => {
    let clock = 1_000_000;
    const keys = remoteSigningKeys(idp.url, () => clock);
    const token = await tokenSignedBy(idpKey, 'idp-1');
    idp.down = true;
    await expect(jwtVerify(token, keys)).rejects.toThrow();
    await expect(jwtVerify(token, keys)).rejects.toThrow();
    idp.down = false;
    clock += 4_000;
    await expect(jwtVerify(token, keys)).rejects.toBeInstanceOf(SigningKeysUnavailableError);
    expect(idp.fetches).toBe(1);
    clock += 1_000;
    expect((await jwtVerify(token, keys)).payload.sub).toBe('u-1');
    expect(idp.fetches).toBe(2);
  });
});
