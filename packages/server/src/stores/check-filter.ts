import type { Filter } from '../ports/document-store';

/**
 * Rejects a filter that holds `undefined` anywhere. Both MongoDB and nedb would quietly drop or
 * reinterpret such a value, and a dropped `workspaceId` would widen a query to every workspace.
 *
 * @example
 * checkFilter('contacts', { workspaceId, address }); // throws if workspaceId is undefined
 */
export function checkFilter(collection: string, filter: Filter): Filter {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw new TypeError(`Filter on collection "${collection}" must be an object`);
  }
  findUndefined(collection, filter, '');
  return filter;
}

function findUndefined(collection: string, value: unknown, path: string): void {
  if (value === undefined) throw new TypeError(`Filter on collection "${collection}" has an undefined value at "${path}"`);
  if (value instanceof RegExp || typeof value !== 'object' || value === null) return;
  for (const [key, inner] of Object.entries(value)) findUndefined(collection, inner, path ? `${path}.${key}` : key);
}
