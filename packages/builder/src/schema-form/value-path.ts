/** Where a value sits inside a node's config: object keys and array indexes. */
export type ValuePath = readonly (string | number)[];

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/** The value at `path`, or undefined when any step is missing. */
export function getAt(root: unknown, path: ValuePath): unknown {
  let value = root;
  for (const step of path) {
    if (!isContainer(value)) return undefined;
    value = Array.isArray(value) ? value[Number(step)] : value[String(step)];
  }
  return value;
}

/**
 * A copy of `root` with `value` at `path` (intermediate objects created as needed); the parts off
 * the path are shared. Setting `undefined` on an object key removes the key.
 */
export function setAt(root: unknown, path: ValuePath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [step, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(root) && typeof step === 'number') {
    const copy = [...root];
    copy[step] = setAt(root[step], rest, value);
    return copy;
  }
  const object: Record<string, unknown> = isContainer(root) && !Array.isArray(root) ? { ...root } : {};
  const next = setAt(object[String(step)], rest, value);
  if (next === undefined) delete object[String(step)];
  else object[String(step)] = next;
  return object;
}

/** The engine's way of naming a field: `options[0].label`. */
export function pathToField(path: ValuePath): string {
  return path.reduce<string>((field, step) => (typeof step === 'number' ? `${field}[${step}]` : field ? `${field}.${step}` : step), '');
}

/** A copy of `list` with the item at `from` moved to `to`. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  if (to < 0 || to >= copy.length) return copy;
  const [item] = copy.splice(from, 1) as [T];
  copy.splice(to, 0, item);
  return copy;
}
