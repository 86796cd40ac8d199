/** Prefix of the hidden fields that carry unique keys in the embedded store; never returned to callers. */
export const UNIQUE_FIELD_PREFIX = '__unique:';

/**
 * One declared unique index of the embedded store. nedb's own unique indexes treat a missing field
 * as a value, so two messages without an `idempotencyKey` would collide; the port promises that a
 * unique index only constrains documents that have every listed field (as MongoDB's partial index
 * does). So each document carries a hidden field with the encoded key when all fields are present,
 * and a sparse nedb unique index on that field enforces it.
 */
export class UniqueKey {
  readonly field: string;

  constructor(readonly fields: readonly string[]) {
    this.field = `${UNIQUE_FIELD_PREFIX}${fields.map((name) => name.replaceAll('.', '~')).join('+')}`;
  }

  /** The encoded key of `doc`, or undefined when one of the fields is missing. */
  keyOf(doc: Record<string, unknown>): string | undefined {
    const values: unknown[] = [];
    for (const name of this.fields) {
      const value = readPath(doc, name);
      if (value === undefined) return undefined;
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
