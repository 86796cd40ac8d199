/** One thing wrong with a flow, naming the node (or edge) and the field. */
export interface Problem {
  severity: 'error' | 'warning';
  code: string;
  nodeId?: string;
  edgeId?: string;
  /** Path of the field, e.g. `data.options[0].label`, `start`, `edges[2].target`. */
  field: string;
  message: string;
}

/** One line per problem, the same words in the CLI, the API and the builder. */
export function formatProblem(problem: Problem): string {
  const where = problem.nodeId ? `node "${problem.nodeId}"` : problem.edgeId ? `edge "${problem.edgeId}"` : 'flow';
  return `${problem.severity}: ${where}, field ${problem.field}: ${problem.message}`;
}

/** Thrown when a flow with errors is compiled. */
export class FlowValidationError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    const errors = problems.filter((p) => p.severity === 'error');
    super(`Flow is invalid:\n${errors.map(formatProblem).join('\n')}`);
    this.name = 'FlowValidationError';
    this.problems = problems;
  }
}
