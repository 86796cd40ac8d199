import { type Connection, type Model, Schema } from 'mongoose';
import type { Collection, CollectionOptions, Filter, FindOptions } from '../ports/document-store';
import { DuplicateKeyError } from '../ports/document-store';
import { checkDocument } from './check-document';
import { checkFilter } from './check-filter';
import { isEmptyUpdate, toUpdateOperators } from './to-update-operators';

type Stored = Record<string, unknown>;

/** What `upsert` replaces by: unique on every document, so never a partial index. */
const IDENTITY = ['workspaceId', 'id'];

/** Reads leave out MongoDB's `_id`; documents carry their own `id`. */
const HIDE_ID = { _id: 0 } as const;

/**
 * One collection of the MongoDB document store: a mongoose model with `strict: false` (the
 * repositories own their document shapes), the declared indexes, and `lean()` reads.
 */
export class MongoCollection<T extends { id: string; workspaceId: string }> implements Collection<T> {
  private readonly model: Model<Stored>;
  /** Declared indexes by field list; a unique declaration wins over a plain one for the same fields. */
  private readonly uniqueIndexes = new Map<string, readonly string[]>([[IDENTITY.join(','), IDENTITY]]);
  private readonly plainIndexes = new Map<string, readonly string[]>();
  private readonly onSchema = new Set<string>();
  private indexesBuilt = false;
  private ready: Promise<void>;

  constructor(
    readonly name: string,
    connection: Connection,
    options: CollectionOptions,
  ) {
    const schema = new Schema<Stored>(
      {},
      {
        strict: false,
        strictQuery: false,
        // Keep `{}` values (flow variables, empty configs) instead of dropping them.
        minimize: false,
        versionKey: false,
        // Documents have their own `id` field; mongoose's `id` virtual would shadow it.
        id: false,
        // Indexes are built by `createIndexes` below so that a failure reaches the caller.
        autoIndex: false,
        autoCreate: false,
        collection: name,
      },
    );
    this.model = connection.model<Stored>(name, schema, name);
    this.remember(options);
    // Built a tick later, so the declarations of every `collection(name)` call made meanwhile count.
    this.ready = Promise.resolve().then(() => this.buildIndexes());
    // Callers see the failure through `ready`; this only keeps Node from reporting it as unhandled.
    this.ready.catch(() => undefined);
  }

  /** Adds the indexes of a later `collection(name, options)` call. */
  declare(options: CollectionOptions): void {
    this.remember(options);
    this.ready = this.ready.then(() => this.buildIndexes());
    this.ready.catch(() => undefined);
  }

  async insert(doc: T): Promise<T> {
    await this.opened();
    // A copy (`checkDocument`), as the driver writes the generated `_id` into the object it is given.
    const stored = checkDocument(this.name, doc);
    try {
      await this.model.insertMany([stored], { lean: true });
    } catch (error) {
      throw this.mapError(error);
    }
    return strip(stored);
  }

  async findOne(filter: Filter): Promise<T | undefined> {
    await this.opened();
    const doc = await this.model.findOne(checkFilter(this.name, filter), HIDE_ID).lean<Stored>();
    return doc ? strip(doc) : undefined;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    await this.opened();
    let query = this.model.find(checkFilter(this.name, filter), HIDE_ID);
    if (options.sort) query = query.sort(options.sort);
    if (options.skip) query = query.skip(options.skip);
    if (options.limit) query = query.limit(options.limit);
    const docs = await query.lean<Stored[]>();
    return docs.map((doc) => strip(doc));
  }

  async count(filter: Filter): Promise<number> {
    await this.opened();
    return this.model.countDocuments(checkFilter(this.name, filter));
  }

  async update(filter: Filter, set: Partial<T>): Promise<T | undefined> {
    const operators = toUpdateOperators(this.name, set);
    if (isEmptyUpdate(operators)) return this.findOne(filter);
    await this.opened();
    try {
      const doc = await this.model
        .findOneAndUpdate(checkFilter(this.name, filter), operators, { returnDocument: 'after', projection: HIDE_ID })
        .lean<Stored>();
      return doc ? strip(doc) : undefined;
    } catch (error) {
      throw this.mapError(error);
    }
  }

  async updateMany(filter: Filter, set: Partial<T>): Promise<number> {
    const operators = toUpdateOperators(this.name, set);
    if (isEmptyUpdate(operators)) return this.count(filter);
    await this.opened();
    try {
      const result = await this.model.updateMany(checkFilter(this.name, filter), operators);
      return result.matchedCount;
    } catch (error) {
      throw this.mapError(error);
    }
  }

  async upsert(doc: T): Promise<T> {
    await this.opened();
    const stored = checkDocument(this.name, doc);
    try {
      await this.model.replaceOne({ workspaceId: doc.workspaceId, id: doc.id }, stored, { upsert: true });
    } catch (error) {
      throw this.mapError(error);
    }
    return strip(stored);
  }

  /** MongoDB removes the documents themselves, so an erasure (`{ erase: true }`) needs nothing more. */
  async delete(filter: Filter): Promise<number> {
    await this.opened();
    const result = await this.model.deleteMany(checkFilter(this.name, filter));
    return result.deletedCount;
  }

  private async opened(): Promise<void> {
    await this.ready;
  }

  private remember(options: CollectionOptions): void {
    for (const fields of options.unique ?? []) this.uniqueIndexes.set(fields.join(','), fields);
    for (const fields of options.indexes ?? []) this.plainIndexes.set(fields.join(','), fields);
  }

  /**
   * Puts newly declared indexes on the model's schema and has MongoDB build them. A unique index
   * other than the identity is partial (only documents that have every field), as the port
   * promises; MongoDB would otherwise count a missing field as null and let two documents without
   * an `idempotencyKey` collide.
   */
  private async buildIndexes(): Promise<void> {
    const schema = this.model.schema;
    let added = false;
    for (const [signature, fields] of this.uniqueIndexes) {
      if (this.onSchema.has(signature)) continue;
      const keys = Object.fromEntries(fields.map((field) => [field, 1 as const]));
      const partialFilterExpression = Object.fromEntries(fields.map((field) => [field, { $exists: true }]));
      schema.index(keys, signature === IDENTITY.join(',') ? { unique: true } : { unique: true, partialFilterExpression });
      this.onSchema.add(signature);
      added = true;
    }
    for (const [signature, fields] of this.plainIndexes) {
      if (this.onSchema.has(signature) || this.uniqueIndexes.has(signature)) continue;
      schema.index(Object.fromEntries(fields.map((field) => [field, 1 as const])));
      this.onSchema.add(signature);
      added = true;
    }
    if (!added && this.indexesBuilt) return;
    try {
      await this.model.createIndexes();
      this.indexesBuilt = true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Cannot create the indexes of MongoDB collection "${this.name}": ${reason}`);
    }
  }

  private mapError(error: unknown): unknown {
    if (typeof error !== 'object' || error === null || Reflect.get(error, 'code') !== 11000) return error;
    const fields = duplicateFields(error);
    const which = fields.length > 0 ? `the same (${fields.join(', ')})` : 'the same unique key';
    return new DuplicateKeyError(`Collection "${this.name}" already has a document with ${which}`);
  }
}

/**
 * The fields of the violated index: `keyPattern` on a server error, else the index name in the
 * message (`index: workspaceId_1_key_1 dup key`), which is all a bulk write error carries.
 */
function duplicateFields(error: object): string[] {
  const keyPattern: unknown = Reflect.get(error, 'keyPattern');
  if (typeof keyPattern === 'object' && keyPattern !== null) return Object.keys(keyPattern);
  const message: unknown = Reflect.get(error, 'message');
  const index = typeof message === 'string' ? /index: (\S+) dup key/.exec(message)?.[1] : undefined;
  return index ? index.split(/_-?1(?:_|$)/).filter(Boolean) : [];
}

function strip<T>(doc: Stored): T {
  const { _id, ...rest } = doc;
  // The stored shape is whatever the collection's callers wrote; the port lets them name it.
  return rest as T;
}
