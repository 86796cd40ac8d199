/**
 * The durable record (flows, versions, conversations, messages, contacts, catalog, orders, audit),
 * as collections of JSON documents. MongoDB (mongoose) in production, an embedded store in
 * DATA_DIR by default. Both pass `document-store.contract.ts`.
 *
 * Filters use the MongoDB query subset that both implementations support: equality on (dotted)
 * fields, and the operators `$in`, `$ne`, `$gt`, `$gte`, `$lt`, `$lte`, `$exists`, `$regex`.
 * Every document carries `workspaceId`; repositories add it to every filter.
 */
export type Filter = Record<string, unknown>;

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  limit?: number;
  skip?: number;
}

export interface Collection<T extends { id: string; workspaceId: string }> {
  /** Inserts; rejects with `DuplicateKeyError` when a unique index is violated. */
  insert(doc: T): Promise<T>;
  findOne(filter: Filter): Promise<T | undefined>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  count(filter: Filter): Promise<number>;
  /** Sets the given fields on the first match; returns the updated document. */
  update(filter: Filter, set: Partial<T>): Promise<T | undefined>;
  /** Sets fields on every match; returns how many matched. */
  updateMany(filter: Filter, set: Partial<T>): Promise<number>;
  /** Inserts or replaces the document with the same `id` and `workspaceId`. */
  upsert(doc: T): Promise<T>;
  delete(filter: Filter): Promise<number>;
}

export interface CollectionOptions {
  /** Field lists that must be unique together, e.g. `[['workspaceId', 'idempotencyKey']]`. */
  unique?: string[][];
  /** Field lists to index for queries. */
  indexes?: string[][];
}

export interface DocumentStore {
  collection<T extends { id: string; workspaceId: string }>(name: string, options?: CollectionOptions): Collection<T>;
  close(): Promise<void>;
}

export class DuplicateKeyError extends Error {
  override name = 'DuplicateKeyError';
}
