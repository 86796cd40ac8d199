import { formatProblem, type Problem } from '@chatflow/engine';
import { useFocusNode } from '../../hooks/use-focus-node';
import './style.css';

/** Every problem of the flow in `pnpm flow validate`'s words; clicking one shows its node. */
export function ProblemsPanel({ problems }: { problems: readonly Problem[] }) {
  const focus = useFocusNode();
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  return (
    <div className="problems-panel" data-testid="problems-panel">
      <div className="problems-summary">
        <strong>
          {errors.length} error{errors.length === 1 ? '' : 's'} · {warnings.length} warning{warnings.length === 1 ? '' : 's'}
        </strong>
        <p className="muted">Errors must be fixed before publishing. Warnings are allowed. Click a problem to show its node.</p>
      </div>
      {problems.length === 0 ? <p className="problems-none">✓ No problems. This flow is ready to publish.</p> : null}
      <ul className="problems-list">
        {[...errors, ...warnings].map((problem) => {
          const nodeId = problem.nodeId;
          return (
            <li key={formatProblem(problem)}>
              <button
                type="button"
                className={`problem is-${problem.severity}`}
                disabled={!nodeId}
                onClick={() => nodeId && focus(nodeId)}
                title={nodeId ? `Show node ${nodeId}` : undefined}
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
