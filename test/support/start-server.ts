import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppOptions, createApp } from '@chatflow/server/src/app';
import { type Config, loadConfig } from '@chatflow/server/src/config';

export interface StartServerOptions {
  /** Environment settings on top of the test defaults, e.g. `{ REDIS_URL, WHATSAPP_GRAPH_URL }`. */
  env?: Record<string, string | undefined>;
  /** An existing data folder (to restart on the same data); it is then left in place by `stop`. */
  dataDir?: string;
  /** Changes to the parsed configuration, e.g. lower rate limits. */
  config?: (config: Config) => Config;
  /** App options; by default logs are dropped and the pipeline polls every 50 ms. */
  app?: AppOptions;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The bearer token of the API (generated unless `env.ADMIN_TOKEN` is given). */
  adminToken: string;
  dataDir: string;
  /** Stops the server and removes its temporary data folder (not one passed in). */
  stop(): Promise<void>;
}

/**
 * Starts the real server in this process on a free port, with a temporary DATA_DIR and a known
 * admin token, for integration and browser tests.
 *
 * @example
 * const server = await startServer({ env: { REDIS_URL: redis.url, WHATSAPP_GRAPH_URL: graph.url } });
 * const flows = await fetch(`${server.url}/api/flows`, { headers: { authorization: `Bearer ${server.adminToken}` } });
 * await server.stop();
 */
export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'chatflow-server-')));
  const adminToken = options.env?.ADMIN_TOKEN ?? randomBytes(24).toString('hex');
  const parsed = loadConfig({ PORT: '0', DATA_DIR: dataDir, ...options.env, ADMIN_TOKEN: adminToken });
  const config = options.config ? options.config(parsed) : parsed;
  const server = createApp(config, {
    log: { write: () => {} },
    announce: () => {},
    ...options.app,
    pipeline: { pollMs: 50, timerPollMs: 50, ...options.app?.pipeline },
  });
  try {
    const { url } = await server.start(0);
    return {
      url,
      adminToken,
      dataDir,
      async stop() {
        await server.stop();
        if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
