// `pnpm bench [name...]`: runs every bench/*/*.bench.ts (or those whose path contains a name given,
// e.g. `pnpm bench engine`) one after another with tsx. Each benchmark measures against its own
// baseline in the same run and prints its figures; this exits non-zero if any of them fails.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const filters = process.argv.slice(2);
const files = readdirSync('bench', { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'node_modules')
  .flatMap((dir) =>
    readdirSync(join('bench', dir.name))
      .filter((name) => name.endsWith('.bench.ts'))
      .map((name) => join('bench', dir.name, name)),
  )
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();

if (files.length === 0) {
  console.error(`no benchmark matches ${filters.join(', ') || 'bench/*/*.bench.ts'}`);
  process.exit(1);
}

const failed = [];
for (const file of files) {
  console.log(`\n━━ ${file}`);
  const result = spawnSync(join('node_modules', '.bin', 'tsx'), [file], { stdio: 'inherit' });
  if (result.status !== 0) failed.push(file);
}
if (failed.length > 0) {
  console.error(`\n${failed.length} benchmark(s) failed: ${failed.join(', ')}`);
  process.exit(1);
}
