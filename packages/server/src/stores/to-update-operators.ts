/** The MongoDB-style operators of a `set`: fields to write, and fields to remove (set to `undefined`). */
export interface UpdateOperators {
  $set?: Record<string, unknown>;
  $unset?: Record<string, true>;
}

/**
 * Turns the `set` of `update`/`updateMany` into `$set`/`$unset`. Keys must be top-level field
 * names: a `.` would address a nested path in one store and be rejected by the other.
 * Empty operators are left out because older MongoDB servers reject `$set: {}`.
 *
 * @example
 * toUpdateOperators('flows', { name: 'x', archivedAt: undefined }); // { $set: { name: 'x' }, $unset: { archivedAt: true } }
 */
export function toUpdateOperators(collection: string, set: Record<string, unknown>): UpdateOperators {
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, true> = {};
  for (const [key, value] of Object.entries(set)) {
    if (key === '_id' || key.startsWith('$') || key.includes('.')) {
      throw new TypeError(`Update on collection "${collection}" cannot set field "${key}": use top-level field names`);
    }
    if (value === undefined) $unset[key] = true;
    else $set[key] = value;
  }
  return {
    ...(Object.keys($set).length > 0 ? { $set } : {}),
    ...(Object.keys($unset).length > 0 ? { $unset } : {}),
  };
}

/** True when the operators change nothing, so a store can skip the write. */
export function isEmptyUpdate(operators: UpdateOperators): boolean {
  return operators.$set === undefined && operators.$unset === undefined;
}
