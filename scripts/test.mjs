// The one test command: typecheck, lint, then every test (unit, transcript, server, browser).
// Ends with "N passed, N failed" on its own line; exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// The workspace's own binaries, run directly: no package-manager round trip per step.
const bin = (name) => join('node_modules', '.bin', name);

const projects = ['packages/engine', 'packages/engine/src/cli', 'packages/server', 'packages/builder', 'test', 'scripts', 'bench'];
let passed = 0;
let failed = 0;
let skipped = 0;

function step(name, command, args) {
  console.log(`\n── ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status === 0) passed += 1;
  else {
    failed += 1;
    console.log(`✗ ${name} failed`);
  }
}

for (const project of projects) step(`typecheck ${project}`, bin('tsc'), ['-p', project]);
step('lint', bin('biome'), ['check', '.']);

mkdirSync('test-results', { recursive: true });
rmSync('test-results/vitest.json', { force: true });
console.log('\n── tests: vitest run');
spawnSync(
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
try {
  const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  // A test file that fails to load has no tests to count; count the file itself as a failure.
  failed += report.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
} catch {
  console.log('✗ vitest wrote no report');
  failed += 1;
}

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
