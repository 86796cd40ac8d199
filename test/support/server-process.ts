import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ServerProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  pid: number;
  /** Kills the process with SIGKILL (a crash: nothing is finished or flushed) and waits for it to exit. */
  kill(): Promise<void>;
  /** SIGTERM (a graceful stop), then SIGKILL after 10 s. */
  stop(): Promise<void>;
  /** The last lines it wrote, for a failing test's message. */
  output(): string;
}

const serverDir = fileURLToPath(new URL('../../packages/server', import.meta.url));

/**
 * Starts the real server as its own process (`src/main.ts`, as `pnpm start` does) with `env` on
 * top of this process's environment, and resolves once `/healthz` answers 200: for tests that
 * kill a server mid-load. Unlike `startServer`, nothing is shared with the test's process.
 *
 * @example
 * const server = await startServerProcess({ PORT: String(port), DATA_DIR: dir, REDIS_URL: redis.url });
 * await server.kill();
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  if (!env.PORT) throw new Error('startServerProcess needs a PORT');
  // node itself with the tsx loader, not the tsx wrapper: a signal must reach the server, not a parent of it.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${env.PORT}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited;
  };
  try {
    await waitForHealth(url, child, () => output);
  } catch (error) {
    await end('SIGKILL');
    throw error;
  }
  return {
    url,
    pid: child.pid ?? 0,
    kill: () => end('SIGKILL'),
    async stop() {
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await end('SIGTERM');
      clearTimeout(force);
    },
    output: () => output,
  };
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}:\n${output()}`);
    const healthy = await fetch(`${url}/healthz`).then(
      (res) => res.status === 200,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the server did not answer /healthz within 30 s:\n${output()}`);
}
