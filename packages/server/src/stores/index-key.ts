/** Prefixes of the hidden fields the embedded store keeps on documents in memory; never stored, never returned. */
const UNIQUE_PREFIX = '__unique:';
const LOOKUP_PREFIX = '__index:';

/** Whether a field is one of the embedded store's hidden key fields. */
export function isHiddenField(name: string): boolean {
  return name.startsWith(UNIQUE_PREFIX) || name.startsWith(LOOKUP_PREFIX);
}

/**
 * One declared index of the embedded store over several fields, kept as a hidden string field
 * (the JSON of the values) with a single-field nedb index on it.
 *
 * - Unique: nedb's own unique indexes treat a missing field as a value, so two messages without
 *   an `idempotencyKey` would collide; the port promises that a unique index only constrains
 *   documents that have every listed field (as MongoDB's partial index does). The hidden field is
 *   set only when all fields are present, and its index is sparse.
 * - Lookup: nedb compares compound index keys as objects (sorting their keys on every comparison),
 *   the largest CPU cost of a write; one string per document compares far faster. A query with
 *   plain equality on every field is answered through it (see `lookup`).
 *
 * An equality filter matches an array field when one element is equal, which a key of the whole
 * array cannot answer: once a document holds an array or object in one of the fields, the key is
 * `irregular` and queries no longer go through it (they scan, correct if slower).
 */
export class IndexKey {
  readonly field: string;
  irregular = false;

  constructor(
    readonly fields: readonly string[],
    readonly unique: boolean,
  ) {
    this.field = `${unique ? UNIQUE_PREFIX : LOOKUP_PREFIX}${fields.map((name) => name.replaceAll('.', '~')).join('+')}`;
  }

  /** The key of a document, or undefined when one of the fields is missing. */
  keyOf(doc: Record<string, unknown>): string | undefined {
    const values: unknown[] = [];
    for (const name of this.fields) {
      const value = readPath(doc, name);
      if (value === undefined) return undefined;
      if (typeof value === 'object' && value !== null) this.irregular = true;
      values.push(value);
    }
    return JSON.stringify(values);
  }

  /** The key a filter asks for: every field compared for equality with a string, number or boolean. */
  lookup(filter: Record<string, unknown>): string | undefined {
    if (this.irregular) return undefined;
    const values: unknown[] = [];
    for (const name of this.fields) {
      const value = filter[name];
      const plain = typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
      if (!plain) return undefined;
      values.push(value);
    }
    return JSON.stringify(values);
  }

  /** Whether writing the top-level field `name` can change this key. */
  dependsOn(name: string): boolean {
    return this.fields.some((field) => field === name || field.startsWith(`${name}.`));
  }
}

function readPath(doc: Record<string, unknown>, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = Reflect.get(value, part);
  }
  return value;
}
