import {
  type CatalogPort,
  compileFlow,
  type FlowDocument,
  type FlowTestResult,
  type Problem,
  type Registry,
  runFlowTests,
} from '@chatflow/engine';

/** Runs a valid flow's own tests; none when it holds none. */
export async function runOwnTests(document: FlowDocument, registry: Registry, catalog?: CatalogPort): Promise<FlowTestResult[]> {
  if (!document.tests?.length) return [];
  return runFlowTests(compileFlow(document, registry), document.tests, catalog ? { catalog } : {});
}

/** A failed test as a publish problem: it names the test, the step, what was expected and what came. */
export function testProblems(results: FlowTestResult[]): Problem[] {
  return results.flatMap((result, index) => {
    if (result.passed || !result.failure) return [];
    const { step, what, expected, actual } = result.failure;
    return [
      {
        severity: 'error' as const,
        code: 'test-failed',
        field: `tests[${index}]`,
        message: `test "${result.name}" failed at step ${step} (${what}): expected ${expected}, got ${actual}`,
      },
    ];
  });
}
