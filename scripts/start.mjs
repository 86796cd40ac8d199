// The one start command for a fresh machine with Node 20 and npm: installs pnpm if missing,
// installs dependencies, builds the builder, and starts the server (embedded defaults).
import { spawnSync } from 'node:child_process';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (spawnSync('pnpm', ['--version'], { stdio: 'ignore' }).status !== 0) run('npm', ['install', '-g', 'pnpm']);
run('pnpm', ['install']);
run('pnpm', ['--filter', '@chatflow/builder', 'build']);
run('pnpm', ['--filter', '@chatflow/server', 'start']);
