/** How deep a JSON body may nest: a flow document needs about ten levels, the reviewer's 230-byte stall had 26. */
export const MAX_JSON_DEPTH = 20;

type Visit = { value: object; depth: number; key: string | number; parent: Visit | undefined };

/**
 * The path of the first value nested deeper than `maxDepth`, or undefined when the whole value
 * fits. Iterative, so a body nested thousands of levels deep costs one pass and no stack.
 *
 * @example
 * tooDeepAt({ a: [[1]] }, 2); // 'a[0]'
 */
export function tooDeepAt(value: unknown, maxDepth = MAX_JSON_DEPTH): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const pending: Visit[] = [{ value, depth: 0, key: '', parent: undefined }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    if (visit.depth >= maxDepth) return pathOf(visit);
    for (const [key, item] of Object.entries(visit.value)) {
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
