import type { Problem } from '@chatflow/engine';

const SHOWN = 3;

/** A node's problems under it, errors first, in the words `pnpm flow validate` uses. */
export function NodeProblems({ problems }: { problems: readonly Problem[] }) {
  if (problems.length === 0) return null;
  const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <ul className="flow-node-problems" data-testid="node-problems">
      {sorted.slice(0, SHOWN).map((problem) => (
        <li key={`${problem.field}:${problem.message}`} className={`is-${problem.severity}`} title={`${problem.field}: ${problem.message}`}>
          <span role="img" aria-label={problem.severity}>
            {problem.severity === 'error' ? '⛔' : '⚠️'}
          </span>{' '}
          {problem.field}: {problem.message}
        </li>
      ))}
      {sorted.length > SHOWN ? <li className="is-more">+ {sorted.length - SHOWN} more (see Problems)</li> : null}
    </ul>
  );
}
