import { compileFlow } from '../compile/compile-flow';
import { defaultRegistry } from '../default-registry';
import type { FlowDocument } from '../flow-document';
import { type FlowTestResult, runFlowTests } from '../flow-tests/run-flow-tests';
import type { Registry } from '../registry';
import { formatProblem } from '../validation/problem';
import { validateFlow } from '../validation/validate-flow';
import { readCatalogFile } from './catalog-file';
import { memoryCatalog } from './memory-catalog';
import type { Output } from './output';
import { readJsonFile } from './read-json-file';

export interface TestOptions {
  files: string[];
  json: boolean;
  /** The catalog order and AI nodes search while the tests run. */
  catalog: { path: string; explicit: boolean };
  registry?: Registry;
}

/**
 * `flow test <file>...`: runs the tests each flow document holds. One line per test; a failing
 * test also says the step, what was expected and what came. Exit code 0 when every test of every
 * file passes; 1 when one fails, a file is invalid or holds no tests.
 */
export async function testCommand(options: TestOptions, out: Output): Promise<number> {
  const registry = options.registry ?? defaultRegistry;
  const catalogFile = readCatalogFile(options.catalog.path);
  if (!catalogFile.ok && options.catalog.explicit) {
    out.error(`error: ${catalogFile.message}`);
    return 1;
  }
  const catalog = catalogFile.ok ? memoryCatalog(catalogFile.catalog) : undefined;
  let failed = false;
  for (const file of options.files) {
    const read = readJsonFile(file);
    if (!read.ok) {
      failed = true;
      out.error(`error: ${read.message}`);
      continue;
    }
    const { problems } = validateFlow(read.value, registry);
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) {
      failed = true;
      for (const problem of errors) out.error(formatProblem(problem));
      out.error(`✗ ${file} is invalid; fix it to run its tests`);
      continue;
    }
    const flow = read.value as FlowDocument;
    if (!flow.tests?.length) {
      failed = true;
      out.error(`✗ ${file} holds no tests (add "tests" to the flow, or record one in the builder's test chat)`);
      continue;
    }
    const results = await runFlowTests(compileFlow(flow, registry), flow.tests, catalog ? { catalog } : {});
    if (results.some((r) => !r.passed)) failed = true;
    if (options.json) out.line(JSON.stringify({ file, results }));
    else report(file, results, out);
  }
  return failed ? 1 : 0;
}

function report(file: string, results: FlowTestResult[], out: Output): void {
  out.line(file);
  for (const result of results) {
    if (result.passed || !result.failure) {
      out.line(`  ✓ ${result.name}`);
      continue;
    }
    const { step, what, expected, actual } = result.failure;
    out.line(`  ✗ ${result.name}`);
    out.line(`      step ${step}: ${what}`);
    out.line(`      expected: ${expected}`);
    out.line(`      got:      ${actual}`);
  }
  const passed = results.filter((r) => r.passed).length;
  out.line(`${passed} of ${results.length} test${results.length === 1 ? '' : 's'} passed`);
}
