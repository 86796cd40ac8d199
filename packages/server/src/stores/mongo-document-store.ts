import mongoose, { type Connection } from 'mongoose';
import type { Collection, CollectionOptions, DocumentStore } from '../ports/document-store';
import { MongoCollection } from './mongo-collection';
import { redactUrl } from './redact-url';

export interface MongoDocumentStoreOptions {
  /** The database; by default the one named in the URI, else `chatflow`. */
  dbName?: string;
  /** How long to wait for a reachable server at start. */
  connectTimeoutMs?: number;
}

const COLLECTION_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * The production document store: one mongoose model per collection on its own connection.
 *
 * @example
 * const documents = await MongoDocumentStore.connect(process.env.MONGODB_URI);
 */
export class MongoDocumentStore implements DocumentStore {
  private readonly collections = new Map<string, MongoCollection<{ id: string; workspaceId: string }>>();

  /** The open connection, shared with the media store's GridFS bucket. */
  private constructor(readonly connection: Connection) {}

  /** Connects and waits for a server; rejects with one line naming the (redacted) URI when none answers. */
  static async connect(uri: string, options: MongoDocumentStoreOptions = {}): Promise<MongoDocumentStore> {
    const timeout = options.connectTimeoutMs ?? 10_000;
    const dbName = options.dbName ?? (hasDatabase(uri) ? undefined : 'chatflow');
    let connection: Connection | undefined;
    try {
      connection = mongoose.createConnection(uri, {
        ...(dbName ? { dbName } : {}),
        serverSelectionTimeoutMS: timeout,
        connectTimeoutMS: timeout,
      });
      await connection.asPromise();
      // The driver reconnects by itself; an 'error' event without a listener would crash Node.
      connection.on('error', (error: Error) => console.error(`MongoDB at ${redactUrl(uri)}: ${error.message}`));
      return new MongoDocumentStore(connection);
    } catch (error) {
      await connection?.close().catch(() => undefined);
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Cannot reach MongoDB at ${redactUrl(uri)}: ${reason}`);
    }
  }

  collection<T extends { id: string; workspaceId: string }>(name: string, options: CollectionOptions = {}): Collection<T> {
    if (!COLLECTION_NAME.test(name)) {
      throw new TypeError(`Collection name "${name}" is not allowed: use letters, digits, "-" and "_"`);
    }
    let collection = this.collections.get(name);
    if (collection) collection.declare(options);
    else {
      collection = new MongoCollection(name, this.connection, options);
      this.collections.set(name, collection);
    }
    // A collection's documents are whatever its callers store; the port lets each caller name the type.
    return collection as unknown as Collection<T>;
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}

/** Whether the URI's path names a database (`mongodb://host/db`); hosts may be a comma list. */
function hasDatabase(uri: string): boolean {
  const path = /^mongodb(?:\+srv)?:\/\/[^/?#]*\/([^?#]*)/i.exec(uri)?.[1];
  return path !== undefined && path !== '';
}
