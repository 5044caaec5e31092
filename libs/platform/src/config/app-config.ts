import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConfiguredMatchingModel } from '../../../identity/src/config/configured-matching-model';
import { matchingModelFromConfiguration } from '../../../identity/src/config/matching-model-configuration';
import { trustProxyFrom, type TrustProxy } from './trust-proxy';

export type { TrustProxy } from './trust-proxy';

export type EventStoreKind = 'sqlite' | 'eventstoredb';
export type SqliteSynchronous = 'FULL' | 'NORMAL' | 'OFF';

export interface AppConfig {
  readonly port: number;
  readonly dataDir: string;
  readonly eventStore: EventStoreKind;
  readonly sqliteSynchronous: SqliteSynchronous;
  readonly eventStoreDb?: {
    readonly connectionString: string;
    readonly keepAliveIntervalMs: number;
    readonly keepAliveTimeoutMs: number;
    readonly defaultDeadlineMs: number;
  };
  readonly auth: {
    /** HS256 shared secret; when neither this nor a JWKS URL is set, a development secret is kept in DATA_DIR. */
    readonly jwtSecret?: string;
    readonly jwksUrl?: string;
    /** Required with a JWKS URL: the identity provider signs tokens for other apps too. */
    readonly issuer?: string;
    readonly audience?: string;
    /** Allowed disagreement between the issuer's clock and ours, on iat, nbf and exp. */
    readonly clockSkewSeconds: number;
    /** The longest exp - iat a token may have: how long a leaked token stays useful at most. */
    readonly maxTokenLifetimeSeconds: number;
    /** Failed authentications per client address per minute before it gets 429. */
    readonly failuresPerMinute: number;
  };
  readonly redisUrl?: string;
  /** Long work (`/v1/jobs`): BullMQ on REDIS_URL, in-process with a SQLite job table otherwise. */
  readonly jobs: {
    readonly concurrency: number;
    readonly attempts: number;
    readonly backoffMs: number;
    /** How long a BullMQ worker's lock lasts: a killed worker's job is retried after this. */
    readonly lockMs: number;
    readonly uploadLimit: string;
    readonly retentionDays: number;
  };
  /**
   * The IOM eligibility policy in force, as configured (parsed JSON, checked by the case-lifecycle
   * context, which knows what a policy is); absent: the built-in London 2021 policy.
   */
  readonly iomEligibilityPolicy?: ConfiguredValue;
  /**
   * Generic panels added to (or redefining built-in generic ones of) the panel registry, and the
   * area's settings of the built-in IOM, MARAC and ALLIANCE panels (MARAC's thresholds among them),
   * as configured (parsed JSON, checked by the case-lifecycle context); absent: the built-in panels.
   */
  readonly panels?: ConfiguredValue;
  /**
   * The person-matching model in force (`MATCHING_MODEL` / `MATCHING_MODEL_FILE`), checked here so
   * a bad one stops every process before it starts; absent: the built-in UK model.
   */
  readonly matchingModel?: ConfiguredMatchingModel;
  /** Admin-held key for linkable export pseudonyms (at least 32 characters). */
  readonly exportPseudonymKey?: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly corsOrigins: readonly string[];
  readonly bodyLimit: string;
  readonly rateLimitPerMinute: number;
  /** Peers whose X-Forwarded-For names the client: the address rate limits are counted under. */
  readonly trustProxy: TrustProxy;
  readonly readYourWritesTimeoutMs: number;
  /** How long a client may take to send a request; a body that never ends holds a connection no longer. */
  readonly http: {
    readonly headersTimeoutMs: number;
    /** From the request's first byte to its body's end: must leave room for a whole upload on a slow link. */
    readonly requestTimeoutMs: number;
  };
}

/** A JSON value from the environment, with where it came from for messages about it. */
export interface ConfiguredValue {
  /** `IOM_ELIGIBILITY_POLICY`, `PANELS_FILE (path)` ... : the variable and the file it named. */
  readonly source: string;
  readonly value: unknown;
}

/** Every problem with the environment, reported at once so an operator fixes them in one go. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

function oneOf<T extends string>(
  env: Env,
  name: string,
  allowed: readonly T[],
  fallback: T,
  problems: string[],
  normalise: (raw: string) => string = (raw) => raw,
): T {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  const value = normalise(raw);
  if (!(allowed as readonly string[]).includes(value)) {
    problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }
  return value as T;
}

function url(env: Env, name: string, protocols: readonly string[], problems: string[]): string | undefined {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return undefined;
  try {
    const parsed = new URL(raw);
    if (!protocols.includes(parsed.protocol)) {
      problems.push(`${name} must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
    }
  } catch {
    problems.push(`${name} must be a URL (got "${raw}")`);
  }
  return raw;
}

/** Inline JSON or a JSON file, never both: two sources would leave it unclear which one rules. */
/** 1 MiB. */
const CONFIG_FILE_LIMIT_BYTES = 1024 * 1024;

function jsonValue(env: Env, inline: string, file: string, problems: string[]): ConfiguredValue | undefined {
  const text = nonEmpty(env, inline);
  const path = nonEmpty(env, file);
  if (text !== undefined && path !== undefined) {
    problems.push(`${inline} and ${file} are both set: set one`);
    return undefined;
  }
  if (text === undefined && path === undefined) return undefined;
  const source = path === undefined ? inline : `${file} (${path})`;
  let raw = text;
  if (path !== undefined) {
    try {
      // Checked before reading: a panel list, a policy or a model is a few kilobytes, so a file this
      // large is the wrong file, and reading it whole would only delay saying so.
      const size = statSync(path).size;
      if (size > CONFIG_FILE_LIMIT_BYTES) {
        problems.push(`${source} is ${size} bytes: a configuration file must be at most ${CONFIG_FILE_LIMIT_BYTES}`);
        return undefined;
      }
      raw = readFileSync(path, 'utf8');
    } catch (error) {
      problems.push(`${source} cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
      return undefined;
    }
  }
  // Editors on Windows save UTF-8 with a byte-order mark; it is not part of the JSON.
  if (raw?.startsWith('\uFEFF') === true) raw = raw.slice(1);
  try {
    return { source, value: JSON.parse(raw ?? '') as unknown };
  } catch (error) {
    problems.push(`${source} must be JSON: ${(error as Error).message}`);
    return undefined;
  }
}

function matchingModel(env: Env, problems: string[]): ConfiguredMatchingModel | undefined {
  const configured = jsonValue(env, 'MATCHING_MODEL', 'MATCHING_MODEL_FILE', problems);
  if (configured === undefined) return undefined;
  const read = matchingModelFromConfiguration(configured.value);
  if ('matchingModel' in read) return read.matchingModel;
  problems.push(...read.problems.map((problem) => `${configured.source}: ${problem}`));
  return undefined;
}

export function loadConfig(env: Env): AppConfig {
  const problems: string[] = [];
  const eventStore = oneOf(env, 'EVENT_STORE', ['sqlite', 'eventstoredb'] as const, 'sqlite', problems, (r) =>
    r.toLowerCase(),
  );
  const connectionString = nonEmpty(env, 'EVENTSTORE_CONNECTION_STRING');
  if (eventStore === 'eventstoredb' && connectionString === undefined) {
    problems.push('EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=eventstoredb');
  }
  // Exactly the schemes @eventstore/db-client parses: anything else would pass here and then stop
  // the app when the store is created, with the client's parse error instead of this message.
  if (connectionString !== undefined && !/^esdb(\+discover)?:\/\//.test(connectionString)) {
    problems.push(
      'EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover:// (KurrentDB servers take these too; the client in use does not parse kurrentdb:// or kdb://)',
    );
  }
  const jwtSecret = nonEmpty(env, 'AUTH_JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    problems.push('AUTH_JWT_SECRET must be at least 32 characters (HS256 needs a 256-bit key)');
  }
  const jwksUrl = url(env, 'AUTH_JWKS_URL', ['https:', 'http:'], problems);
  const issuer = nonEmpty(env, 'AUTH_ISSUER');
  const audience = nonEmpty(env, 'AUTH_AUDIENCE');
  // An identity provider signs tokens for every app and tenant it serves; without these checks any
  // of them would be taken here.
  if (jwksUrl !== undefined && issuer === undefined) {
    problems.push("AUTH_ISSUER is required when AUTH_JWKS_URL is set (the identity provider's iss value)");
  }
  if (jwksUrl !== undefined && audience === undefined) {
    problems.push('AUTH_AUDIENCE is required when AUTH_JWKS_URL is set (the aud value of tokens issued for this API)');
  }
  const rateLimitPerMinute = integer(env, 'RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000, problems);
  const redisUrl = url(env, 'REDIS_URL', ['redis:', 'rediss:'], problems);
  const bodyLimit = nonEmpty(env, 'BODY_LIMIT') ?? '1mb';
  if (!/^\d+(b|kb|mb)$/i.test(bodyLimit)) problems.push(`BODY_LIMIT must look like 512kb or 1mb (got "${bodyLimit}")`);
  const jobUploadLimit = nonEmpty(env, 'JOB_UPLOAD_LIMIT') ?? '20mb';
  if (!/^\d+(b|kb|mb)$/i.test(jobUploadLimit)) {
    problems.push(`JOB_UPLOAD_LIMIT must look like 512kb or 20mb (got "${jobUploadLimit}")`);
  }
  const exportPseudonymKey = nonEmpty(env, 'EXPORT_PSEUDONYM_KEY');
  if (exportPseudonymKey !== undefined && exportPseudonymKey.length < 32) {
    problems.push('EXPORT_PSEUDONYM_KEY must be at least 32 characters');
  }
  const iomEligibilityPolicy = jsonValue(env, 'IOM_ELIGIBILITY_POLICY', 'IOM_ELIGIBILITY_POLICY_FILE', problems);
  const panels = jsonValue(env, 'PANELS', 'PANELS_FILE', problems);
  const configuredMatchingModel = matchingModel(env, problems);
  const config: AppConfig = {
    port: integer(env, 'PORT', 3000, 0, 65535, problems),
    dataDir: resolve(nonEmpty(env, 'DATA_DIR') ?? './data'),
    eventStore,
    sqliteSynchronous: oneOf(env, 'SQLITE_SYNCHRONOUS', ['FULL', 'NORMAL', 'OFF'] as const, 'FULL', problems, (r) =>
      r.toUpperCase(),
    ),
    ...(connectionString === undefined
      ? {}
      : {
          eventStoreDb: {
            connectionString,
            keepAliveIntervalMs: integer(env, 'EVENTSTORE_KEEPALIVE_INTERVAL_MS', 10_000, -1, 3_600_000, problems),
            keepAliveTimeoutMs: integer(env, 'EVENTSTORE_KEEPALIVE_TIMEOUT_MS', 10_000, 1, 3_600_000, problems),
            defaultDeadlineMs: integer(env, 'EVENTSTORE_DEADLINE_MS', 10_000, 1, 3_600_000, problems),
          },
        }),
    auth: {
      ...(jwtSecret === undefined ? {} : { jwtSecret }),
      ...(jwksUrl === undefined ? {} : { jwksUrl }),
      ...(issuer === undefined ? {} : { issuer }),
      ...(audience === undefined ? {} : { audience }),
      clockSkewSeconds: integer(env, 'AUTH_CLOCK_SKEW_SECONDS', 60, 0, 600, problems),
      // 12 h covers a long shift on one sign-in while a leaked token is dead by the next day.
      maxTokenLifetimeSeconds: integer(env, 'AUTH_MAX_TOKEN_LIFETIME_SECONDS', 43_200, 60, 604_800, problems),
      // A tenth of what a signed-in user may send: a few retries with a stale token are fine.
      failuresPerMinute: integer(
        env,
        'AUTH_FAILURES_PER_MINUTE',
        Math.ceil(rateLimitPerMinute / 10),
        1,
        1_000_000,
        problems,
      ),
    },
    ...(redisUrl === undefined ? {} : { redisUrl }),
    jobs: {
      concurrency: integer(env, 'JOB_CONCURRENCY', 2, 1, 64, problems),
      attempts: integer(env, 'JOB_ATTEMPTS', 3, 1, 20, problems),
      backoffMs: integer(env, 'JOB_BACKOFF_MS', 5_000, 0, 3_600_000, problems),
      lockMs: integer(env, 'JOB_LOCK_MS', 30_000, 1_000, 3_600_000, problems),
      uploadLimit: jobUploadLimit,
      retentionDays: integer(env, 'JOB_RETENTION_DAYS', 7, 1, 3_650, problems),
    },
    ...(exportPseudonymKey === undefined ? {} : { exportPseudonymKey }),
    ...(iomEligibilityPolicy === undefined ? {} : { iomEligibilityPolicy }),
    ...(panels === undefined ? {} : { panels }),
    ...(configuredMatchingModel === undefined ? {} : { matchingModel: configuredMatchingModel }),
    logLevel: oneOf(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      'info',
      problems,
    ),
    corsOrigins: (nonEmpty(env, 'CORS_ORIGINS') ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o !== ''),
    bodyLimit,
    rateLimitPerMinute,
    trustProxy: trustProxyFrom(nonEmpty(env, 'TRUST_PROXY'), problems),
    readYourWritesTimeoutMs: integer(env, 'READ_YOUR_WRITES_TIMEOUT_MS', 5_000, 0, 60_000, problems),
    http: {
      headersTimeoutMs: integer(env, 'HTTP_HEADERS_TIMEOUT_MS', 10_000, 100, 3_600_000, problems),
      // A full JOB_UPLOAD_LIMIT (20mb) CSV takes about 168 s at 1 Mbit/s, nearer 175 s with TCP's
      // overhead and the timeout check's interval: 300 s leaves room for a slower or busier link.
      requestTimeoutMs: integer(env, 'HTTP_REQUEST_TIMEOUT_MS', 300_000, 100, 3_600_000, problems),
    },
  };
  if (config.http.headersTimeoutMs > config.http.requestTimeoutMs) {
    problems.push(
      `HTTP_HEADERS_TIMEOUT_MS (${config.http.headersTimeoutMs}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${config.http.requestTimeoutMs}): the headers are part of the request`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export const APP_CONFIG = Symbol('AppConfig');
