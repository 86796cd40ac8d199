import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');
const builder = join(root, 'packages/builder');
const sources = [join(builder, 'src'), join(builder, 'index.html'), join(builder, 'vite.config.ts'), join(root, 'packages/engine/src')];
const lock = join(tmpdir(), 'chatflow-builder-build.lock');

function newest(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

function stale(): boolean {
  const built = statSync(join(builder, 'dist/index.html'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return sources.some((source) => newest(source) > built);
}

async function withLock(run: () => void): Promise<void> {
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test file is building; a lock older than two minutes was left by a killed run.
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) rmSync(lock, { recursive: true, force: true });
      if (waited > 180_000) throw new Error(`waited 3 minutes for ${lock}; remove it if no build is running`);
      await new Promise((done) => setTimeout(done, 200));
    }
  }
  try {
    run();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Builds packages/builder once when dist is missing or older than its sources (or the engine's). */
export async function ensureBuilderBuilt(): Promise<void> {
  if (!stale()) return;
  await withLock(() => {
    // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    const env = { ...process.env, NODE_ENV: 'production' };
    // The package's own `vite build` (what `pnpm --filter @chatflow/builder build` runs), called
    // directly: pnpm itself may first ask the registry about its version pin, which can fail offline.
    if (stale())
      execFileSync(join(builder, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: builder, stdio: 'pipe', env });
  });
}
