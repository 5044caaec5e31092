import 'reflect-metadata';
import { ConfigError, loadConfig } from '../../../libs/platform/src/config/app-config';
import { createApi } from './create-api';
import { stopOnSignals } from './stop-on-signals';

async function main(): Promise<void> {
  const { port } = loadConfig(process.env);
  const app = await createApi();
  stopOnSignals(app);
  await app.listen(port);
}

main().catch((error: unknown) => {
  // A bad environment is an operator's mistake: say exactly what to fix, without a stack trace.
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
