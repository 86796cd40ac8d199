/**
 * Splits a dotted path into the JSON response body, e.g. `data.items[0].name` into
 * `['data', 'items', 0, 'name']`. An empty path (or `$`) is the whole body.
 *
 * @returns undefined when the path is malformed (an empty segment, an unclosed bracket).
 */
export function parsePath(path: string): (string | number)[] | undefined {
  const trimmed = path.trim().replace(/^\$\.?/, '');
  if (trimmed === '') return [];
  const keys: (string | number)[] = [];
  for (const segment of trimmed.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(segment);
    if (!match || (match[1] === '' && match[2] === '')) return undefined;
    if (match[1]) keys.push(match[1]);
    for (const index of (match[2] as string).matchAll(/\[(\d+)\]/g)) keys.push(Number(index[1]));
  }
  return keys;
}

/** The value at a path in a parsed JSON body; `undefined` when any step is missing. */
export function readPath(value: unknown, path: string): unknown {
  const keys = parsePath(path);
  if (!keys) return undefined;
  let current = value;
  for (const key of keys) {
    if (current === null || typeof current !== 'object') return undefined;
    if (typeof key === 'number' ? !Array.isArray(current) : !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
