/**
 * Checks what every stored document needs (`id` and `workspaceId` strings) and returns a JSON copy,
 * so both stores keep exactly what they would after a restart (no `undefined` fields, no shared
 * references with the caller's object).
 *
 * @example
 * const stored = checkDocument('contacts', { id: 'c1', workspaceId: 'w1', name: 'Ana' });
 */
export function checkDocument(collection: string, doc: { id: string; workspaceId: string }): Record<string, unknown> {
  return JSON.parse(checkedJson(collection, doc));
}

/** The checks of `checkDocument`, returning the document's JSON (for a store that writes it as is). */
export function checkedJson(collection: string, doc: { id: string; workspaceId: string }, extra?: Record<string, unknown>): string {
  if (typeof doc !== 'object' || doc === null) throw new TypeError(`Document for collection "${collection}" must be an object`);
  if (typeof doc.id !== 'string' || doc.id === '') throw new TypeError(`Document for collection "${collection}" needs a string "id"`);
  if (typeof doc.workspaceId !== 'string' || doc.workspaceId === '') {
    throw new TypeError(`Document for collection "${collection}" needs a string "workspaceId"`);
  }
  return JSON.stringify(extra ? { ...doc, ...extra } : doc);
}
