/**
 * `base-1`, `base-2`, ...: the first id of that form not in `taken`. The base is reduced to the
 * characters a flow document allows in ids.
 */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const clean = base.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'node';
  for (let n = 1; ; n += 1) {
    const id = `${clean}-${n}`;
    if (!taken.has(id)) return id;
  }
}
