import { formatProblem, type Problem } from '@chatflow/engine';
import { useFocusEdge } from '../../hooks/use-focus-edge';
import { useFocusNode } from '../../hooks/use-focus-node';
import './style.css';

/** Every problem of the flow in `pnpm flow validate`'s words; clicking one shows its edge or node. */
export function ProblemsPanel({ problems }: { problems: readonly Problem[] }) {
  const focus = useFocusNode();
  const focusEdge = useFocusEdge();
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  return (
    <div className="problems-panel" data-testid="problems-panel">
      <div className="problems-summary">
        <strong>
          {errors.length} error{errors.length === 1 ? '' : 's'} · {warnings.length} warning{warnings.length === 1 ? '' : 's'}
        </strong>
        <p className="muted">Errors must be fixed before publishing. Warnings are allowed. Click a problem to show its node or edge.</p>
      </div>
      {problems.length === 0 ? <p className="problems-none">✓ No problems. This flow is ready to publish.</p> : null}
      <ul className="problems-list">
        {[...errors, ...warnings].map((problem) => {
          const { nodeId, edgeId } = problem;
          // An edge's problem shows the edge; if the edge is not on the canvas, its node.
          const show = () => (edgeId && focusEdge(edgeId)) || (nodeId && focus(nodeId));
          return (
            <li key={formatProblem(problem)}>
              <button
                type="button"
                className={`problem is-${problem.severity}`}
                disabled={!nodeId && !edgeId}
                onClick={show}
                title={edgeId ? `Show edge ${edgeId}` : nodeId ? `Show node ${nodeId}` : undefined}
              >
                <span className="problem-icon">{problem.severity === 'error' ? '⛔' : '⚠️'}</span>
                <span>{formatProblem(problem)}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
