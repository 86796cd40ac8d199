import { ConfigError, loadConfig } from './config';

/**
 * `pnpm start`: reads the configuration, starts the server, and shuts it down gracefully on
 * SIGTERM/SIGINT. Any failure to start is one line on stderr and exit code 1, never a stack.
 */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    fail(error instanceof ConfigError ? 'Configuration error' : 'Chatflow could not start', error);
    return;
  }
  // Loaded only once the configuration is known to be good, so a bad setting is reported at once.
  const { createApp } = await import('./app');
  const server = createApp(config);
  try {
    await server.start();
  } catch (error) {
    fail('Chatflow could not start', error);
    return;
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      // A second signal means "now".
      process.exit(1);
    }
    stopping = true;
    console.error(`${signal}: stopping (turns in progress finish first)`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => fail('Chatflow did not stop cleanly', error),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** One line, no stack: the message says what to fix. */
function fail(what: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`${what}: ${message.split('\n')[0]}`);
  process.exit(1);
}

await main();
