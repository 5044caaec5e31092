import { TEST_JWT_SECRET } from './tokens';

/**
 * Runs `start` with the environment every spec's API reads at start-up (its data dir, the test
 * signing secret, quiet logs, no rate limit to speak of), plus `env`; the process's own is put back
 * after, as the API has read what it needs by then.
 */
export async function inTestEnv<T>(dataDir: string, env: Record<string, string>, start: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    SQLITE_SYNCHRONOUS: 'NORMAL',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    ...env,
  });
  try {
    return await start();
  } finally {
    process.env = saved;
  }
}
