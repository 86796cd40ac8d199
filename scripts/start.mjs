// The one start command for a fresh machine with Node 20 and npm: installs pnpm if missing,
// installs dependencies, builds the builder and the server (to JavaScript), and starts the built
// server with NODE_ENV=production (embedded defaults).
import { spawn, spawnSync } from 'node:child_process';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (spawnSync('pnpm', ['--version'], { stdio: 'ignore' }).status !== 0) run('npm', ['install', '-g', 'pnpm']);
run('pnpm', ['install']);
run('pnpm', ['--filter', '@chatflow/builder', 'build']);
run('pnpm', ['--filter', '@chatflow/server', 'build']);

// From the repository root, so the default DATA_DIR (./data) is the root's data folder. A process
// manager's SIGTERM is passed on; Ctrl-C already reaches the server through the terminal's process
// group, so this process only waits for it to finish shutting down.
// NODE_ENV=production: Express and its libraries then never show stack traces to callers.
const server = spawn(process.execPath, ['packages/server/dist/main.js'], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' },
});
process.on('SIGTERM', () => server.kill('SIGTERM'));
process.on('SIGINT', () => {});
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
