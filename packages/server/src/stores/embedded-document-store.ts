import { join } from 'node:path';
import type { Collection, CollectionOptions, DocumentStore } from '../ports/document-store';
import { EmbeddedCollection } from './embedded-collection';

export interface EmbeddedDocumentStoreOptions {
  /** Outdated datafile lines that trigger a compaction (when they also outnumber the live documents). */
  compactAfterStaleLines?: number;
}

const COLLECTION_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * The default document store: no setup, one nedb datafile per collection in `dataDir`
 * (`<dataDir>/<collection>.db`), every document held in memory and each write appended to its file,
 * so data survives restarts. Meant for one server process; production runs on MongoDB.
 *
 * @example
 * const documents = new EmbeddedDocumentStore('./data');
 * const flows = documents.collection<FlowRecord>('flows', { indexes: [['workspaceId', 'createdAt']] });
 */
export class EmbeddedDocumentStore implements DocumentStore {
  private readonly collections = new Map<string, EmbeddedCollection<{ id: string; workspaceId: string }>>();
  private closed = false;

  constructor(
    readonly dataDir: string,
    private readonly options: EmbeddedDocumentStoreOptions = {},
  ) {}

  collection<T extends { id: string; workspaceId: string }>(name: string, options: CollectionOptions = {}): Collection<T> {
    if (this.closed) throw new Error('Document store is closed');
    if (!COLLECTION_NAME.test(name)) {
      throw new TypeError(`Collection name "${name}" is not allowed: use letters, digits, "-" and "_"`);
    }
    let collection = this.collections.get(name);
    if (collection) collection.declare(options);
    else {
      collection = new EmbeddedCollection(name, join(this.dataDir, `${name}.db`), options, {
        compactAfterStaleLines: this.options.compactAfterStaleLines ?? 1000,
      });
      this.collections.set(name, collection);
    }
    // A collection's documents are whatever its callers store; the port lets each caller name the type.
    return collection as unknown as Collection<T>;
  }

  /** Finishes pending writes; the store cannot be used afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.collections.values()].map((collection) => collection.close()));
  }
}
