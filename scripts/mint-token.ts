/**
 * Mints a development token signed with AUTH_JWT_SECRET, or with the development secret the
 * API keeps in DATA_DIR. Production tokens come from the partnership's identity provider.
 *
 *   npm run token -- --sub u-1 --name "Sam Coordinator" --agency "Metropolitan Police" \
 *     --roles coordinator --panels IOM,MARAC [--expires 8h]
 *
 * --expires may not exceed AUTH_MAX_TOKEN_LIFETIME_SECONDS (12 h by default): the API refuses longer-lived tokens.
 */
import { decodeJwt, SignJWT } from 'jose';
import { parseArgs } from 'node:util';
import { readOrCreateDevelopmentSecret } from '../libs/platform/src/auth/development-secret';
import { ROLES } from '../libs/platform/src/auth/principal';
import { loadConfig } from '../libs/platform/src/config/app-config';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string', default: 'dev-user' },
      name: { type: 'string', default: 'Development User' },
      agency: { type: 'string', default: 'Development Agency' },
      roles: { type: 'string', default: 'coordinator' },
      panels: { type: 'string', default: 'IOM,MARAC,ALLIANCE' },
      expires: { type: 'string', default: '8h' },
    },
  });
  const roles = (values.roles ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0) throw new Error(`unknown roles: ${unknown.join(', ')} (allowed: ${ROLES.join(', ')})`);
  const panels = (values.panels ?? '')
    .split(',')
    .map((p) => p.trim().toUpperCase())
    .filter((p) => p !== '');
  const config = loadConfig(process.env);
  const secret = config.auth.jwtSecret ?? readOrCreateDevelopmentSecret(config.dataDir).secret;
  let jwt = new SignJWT({ name: values.name, agency: values.agency, roles, panels })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(values.sub ?? 'dev-user')
    .setIssuedAt()
    .setExpirationTime(values.expires ?? '8h');
  if (config.auth.issuer !== undefined) jwt = jwt.setIssuer(config.auth.issuer);
  if (config.auth.audience !== undefined) jwt = jwt.setAudience(config.auth.audience);
  const token = await jwt.sign(new TextEncoder().encode(secret));
  // The API refuses a token that lives longer or has already expired: say so rather than mint it.
  const { iat = 0, exp = 0 } = decodeJwt(token);
  const { maxTokenLifetimeSeconds } = config.auth;
  if (exp - iat > maxTokenLifetimeSeconds || exp <= iat) {
    throw new Error(
      `--expires ${values.expires ?? '8h'} must be in the future and at most ${maxTokenLifetimeSeconds} s (AUTH_MAX_TOKEN_LIFETIME_SECONDS)`,
    );
  }
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
