/** How deep a JSON body may nest: a flow document needs about ten levels, the reviewer's 230-byte stall had 26. */
export const MAX_JSON_DEPTH = 20;

type Visit = { value: object; depth: number; key: string | number; parent: Visit | undefined };

/**
 * What makes a JSON body unfit to store, in one iterative pass: nesting deeper than `maxDepth`,
 * or a field name the document stores refuse (starting with `$` or holding a `.`). Iterative, so
 * a body nested thousands of levels deep costs one pass and no stack.
 *
 * @example
 * jsonBodyProblem({ a: [[1]] }, 2); // { path: 'a[0]', message: 'nests deeper than 2 levels' }
 */
export function jsonBodyProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): { path: string; message: string } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const pending: Visit[] = [{ value, depth: 0, key: '', parent: undefined }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    if (visit.depth >= maxDepth) return { path: pathOf(visit), message: `nests deeper than ${maxDepth} levels` };
    for (const [key, item] of Object.entries(visit.value)) {
      if (!Array.isArray(visit.value) && (key.startsWith('$') || key.includes('.'))) {
        const at = pathOf({ value: {}, depth: 0, key, parent: visit });
        return { path: at, message: `has the field name "${key}", which may not start with $ or contain a dot` };
      }
      if (typeof item !== 'object' || item === null) continue;
      pending.push({ value: item, depth: visit.depth + 1, key: Array.isArray(visit.value) ? Number(key) : key, parent: visit });
    }
  }
  return undefined;
}

function pathOf(visit: Visit): string {
  let path = '';
  for (let at: Visit | undefined = visit; at?.parent; at = at.parent) {
    path = typeof at.key === 'number' ? `[${at.key}]${path}` : `.${at.key}${path}`;
  }
  return path.replace(/^\./, '') || '(body)';
}
