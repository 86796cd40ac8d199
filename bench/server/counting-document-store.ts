import type { Collection, CollectionOptions, DocumentStore, Filter } from '@chatflow/server/src/ports/document-store';

/**
 * A document store that counts the writes (insert, update, updateMany, upsert, delete) made
 * through it, per collection, and passes everything on: the benchmark reports writes per message.
 */
export class CountingDocumentStore implements DocumentStore {
  readonly writes = new Map<string, number>();

  constructor(private readonly inner: DocumentStore) {}

  collection<T extends { id: string; workspaceId: string }>(name: string, options?: CollectionOptions): Collection<T> {
    const collection = this.inner.collection<T>(name, options);
    const counted =
      <A extends unknown[], R>(write: (...args: A) => R) =>
      (...args: A): R => {
        this.writes.set(name, (this.writes.get(name) ?? 0) + 1);
        return write(...args);
      };
    return {
      insert: counted((doc: T) => collection.insert(doc)),
      findOne: (filter) => collection.findOne(filter),
      find: (filter, findOptions) => collection.find(filter, findOptions),
      count: (filter) => collection.count(filter),
      update: counted((filter: Filter, set: Partial<T>) => collection.update(filter, set)),
      updateMany: counted((filter: Filter, set: Partial<T>) => collection.updateMany(filter, set)),
      upsert: counted((doc: T) => collection.upsert(doc)),
      delete: counted((filter: Filter) => collection.delete(filter)),
    };
  }

  /** Writes since the last call, in all and per collection. */
  take(): { total: number; byCollection: string } {
    const entries = [...this.writes.entries()].filter(([, n]) => n > 0);
    this.writes.clear();
    return {
      total: entries.reduce((sum, [, n]) => sum + n, 0),
      byCollection: entries.map(([name, n]) => `${name} ${n}`).join(', '),
    };
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
