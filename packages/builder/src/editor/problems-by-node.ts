import type { Problem } from '@chatflow/engine';

const same = (a: readonly Problem[], b: readonly Problem[]) =>
  a.length === b.length && a.every((p, i) => p.severity === b[i]?.severity && p.field === b[i]?.field && p.message === b[i]?.message);

/**
 * Problems grouped by the node they are on. A node whose problems did not change keeps the same
 * array as in `previous`, so only the nodes whose problems changed re-render on the canvas.
 */
export function problemsByNode(problems: readonly Problem[], previous?: ReadonlyMap<string, readonly Problem[]>): Map<string, Problem[]> {
  const grouped = new Map<string, Problem[]>();
  for (const problem of problems) {
    if (!problem.nodeId) continue;
    const list = grouped.get(problem.nodeId) ?? [];
    list.push(problem);
    grouped.set(problem.nodeId, list);
  }
  for (const [id, list] of grouped) {
    const before = previous?.get(id);
    if (before && same(before, list)) grouped.set(id, before as Problem[]);
  }
  return grouped;
}
