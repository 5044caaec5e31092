import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TEST_JWT_SECRET } from './tokens';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

/**
 * `npm run audit:verify [-- args]` as an operator runs it, against a DATA_DIR: its exit code (0
 * intact, 1 broken, 2 usage, 3 intact but events unsealed), the report it prints (`{}` when it
 * printed none, as on a usage error) and what it wrote to stderr.
 */
export async function verifyScript(
  dataDir: string,
  args: readonly string[] = [],
): Promise<{ code: number; report: Record<string, unknown>; stderr: string }> {
  const env = { ...process.env, DATA_DIR: dataDir, AUTH_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' };
  const script = ['-r', 'ts-node/register/transpile-only', join(ROOT, 'scripts/verify-audit.ts'), ...args];
  try {
    const { stdout, stderr } = await run(process.execPath, script, { cwd: ROOT, env });
    return { code: 0, report: reportIn(stdout), stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, report: reportIn(failed.stdout ?? ''), stderr: failed.stderr ?? '' };
  }
}

const reportIn = (stdout: string): Record<string, unknown> =>
  stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
