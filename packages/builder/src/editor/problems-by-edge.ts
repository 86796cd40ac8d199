import type { Problem } from '@chatflow/engine';

const same = (a: readonly Problem[], b: readonly Problem[]) =>
  a.length === b.length && a.every((p, i) => p.severity === b[i]?.severity && p.field === b[i]?.field && p.message === b[i]?.message);

/**
 * Problems grouped by the edge they are on (an edge leaving an exit its node no longer has, two
 * edges on one exit...). An edge whose problems did not change keeps the same array as in
 * `previous`, so only the edges whose problems changed re-render on the canvas.
 */
export function problemsByEdge(problems: readonly Problem[], previous?: ReadonlyMap<string, readonly Problem[]>): Map<string, Problem[]> {
  const grouped = new Map<string, Problem[]>();
  for (const problem of problems) {
    if (!problem.edgeId) continue;
    const list = grouped.get(problem.edgeId) ?? [];
    list.push(problem);
    grouped.set(problem.edgeId, list);
  }
  for (const [id, list] of grouped) {
    const before = previous?.get(id);
    if (before && same(before, list)) grouped.set(id, before as Problem[]);
  }
  return grouped;
}

/**
 * The exits a node's edges leave that the node no longer has (a deleted menu option), read from
 * its `unknown-exit` problems. The card draws a handle for each so the broken edge stays visible.
 */
export function missingExits(problems: readonly Problem[]): string[] {
  const exits = new Set<string>();
  for (const problem of problems) {
    if (problem.code !== 'unknown-exit' || !problem.field?.startsWith('exits.')) continue;
    exits.add(problem.field.slice('exits.'.length));
  }
  return [...exits];
}
