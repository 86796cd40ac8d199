/**
 * The durable record (flows, versions, conversations, messages, contacts, catalog, orders, audit),
 * as collections of JSON documents. MongoDB (mongoose) in production, an embedded store in
 * DATA_DIR by default. Both pass `document-store.contract.ts`.
 *
 * Filters use the MongoDB query subset that both implementations support: equality on (dotted)
 * fields (an array field matches when one of its elements is equal), and the operators `$in`,
 * `$ne` (also matches a missing field), `$gt`, `$gte`, `$lt`, `$lte`, `$exists`, `$regex` (a RegExp
 * or its source as a string). A filter value that is `undefined` is rejected with an error rather
 * than ignored, so a missing `workspaceId` can never widen a query to every workspace.
 * Every document carries `workspaceId`; repositories add it to every filter.
 *
 * Documents are plain JSON values (timestamps as numbers); field names contain no `.` and do not
 * start with `$`. Results are copies without any storage field (no `_id`): changing one changes
 * nothing stored.
 */
export type Filter = Record<string, unknown>;

export interface FindOptions {
  /** Fields to sort by, in order of precedence. Without it the order is unspecified. */
  sort?: Record<string, 1 | -1>;
  limit?: number;
  skip?: number;
}

export interface Collection<T extends { id: string; workspaceId: string }> {
  /**
   * Inserts; rejects with `DuplicateKeyError` when a unique index is violated, including a second
   * document with the same `id` in the same workspace.
   */
  insert(doc: T): Promise<T>;
  findOne(filter: Filter): Promise<T | undefined>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  count(filter: Filter): Promise<number>;
  /**
   * Sets the given top-level fields on the first match (a field set to `undefined` is removed) and
   * returns the updated document, or undefined when nothing matched. Rejects with
   * `DuplicateKeyError`, changing nothing, when the change would violate a unique index.
   */
  update(filter: Filter, set: Partial<T>): Promise<T | undefined>;
  /**
   * Sets fields on every match, as `update` does; returns how many matched. Not atomic across
   * documents: a `DuplicateKeyError` part-way leaves the earlier matches updated.
   */
  updateMany(filter: Filter, set: Partial<T>): Promise<number>;
  /** Inserts or replaces (whole) the document with the same `id` and `workspaceId`. */
  upsert(doc: T): Promise<T>;
  /** Deletes every match; returns how many were deleted. */
  delete(filter: Filter, options?: DeleteOptions): Promise<number>;
}

export interface DeleteOptions {
  /**
   * A personal-data erasure: once the promise resolves, no file of the store holds the deleted
   * documents (the embedded store rewrites its datafile, whose appended history still held them).
   */
  erase?: boolean;
}

export interface CollectionOptions {
  /**
   * Field lists that must be unique together, e.g. `[['workspaceId', 'idempotencyKey']]`. A unique
   * index constrains only the documents that have every listed field (`null` counts as a value), so
   * documents without an `idempotencyKey` never collide. `['workspaceId', 'id']` is always unique.
   */
  unique?: string[][];
  /** Field lists to index for queries. */
  indexes?: string[][];
}

export interface DocumentStore {
  /**
   * The collection `name` (letters, digits, `-` and `_`). Asking again for the same name returns the
   * same collection; indexes declared by any of the calls are all kept.
   */
  collection<T extends { id: string; workspaceId: string }>(name: string, options?: CollectionOptions): Collection<T>;
  close(): Promise<void>;
}

/** A write that would give two documents the same values on a unique index; nothing was written. */
export class DuplicateKeyError extends Error {
  override name = 'DuplicateKeyError';
}
