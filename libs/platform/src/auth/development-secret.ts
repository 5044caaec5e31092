import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEVELOPMENT_SECRET_FILE = 'jwt-secret.dev';

/**
 * A fresh install has no identity provider yet; rather than run unauthenticated we keep a
 * random HS256 secret in DATA_DIR (readable only by its owner) that the token script also reads.
 */
export function readOrCreateDevelopmentSecret(dataDir: string): { secret: string; created: boolean } {
  const file = join(dataDir, DEVELOPMENT_SECRET_FILE);
  if (existsSync(file)) return { secret: readFileSync(file, 'utf8').trim(), created: false };
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return { secret, created: true };
}
