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
  private readonly schema: Schema;
  private readonly model: Model<Stored>;
  private readonly declared = new Set<string>();
  private indexesBuilt = false;
  private ready: Promise<void>;

  constructor(
    readonly name: string,
    connection: Connection,
    options: CollectionOptions,
  ) {
    this.schema = new Schema<Stored>(
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
    this.addIndex(IDENTITY, true);
    this.model = connection.model<Stored>(name, this.schema, name);
    this.ready = this.declareIndexes(options);
    // Callers see the failure through `ready`; this only keeps Node from reporting it as unhandled.
    this.ready.catch(() => undefined);
  }

  /** Adds the indexes of a later `collection(name, options)` call. */
  declare(options: CollectionOptions): void {
    const previous = this.ready;
    this.ready = previous.then(() => this.declareIndexes(options));
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

  async delete(filter: Filter): Promise<number> {
    await this.opened();
    const result = await this.model.deleteMany(checkFilter(this.name, filter));
    return result.deletedCount;
  }

  private async opened(): Promise<void> {
    await this.ready;
  }

  private async declareIndexes(options: CollectionOptions): Promise<void> {
    let added = false;
    for (const fields of options.unique ?? []) added = this.addIndex(fields, true) || added;
    for (const fields of options.indexes ?? []) added = this.addIndex(fields, false) || added;
    if (!added && this.indexesBuilt) return;
    try {
      await this.model.createIndexes();
      this.indexesBuilt = true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Cannot create the indexes of MongoDB collection "${this.name}": ${reason}`);
    }
  }

  /**
   * Declares an index on the schema once per field list. A unique index is partial (only documents
   * that have every field), as the port promises; MongoDB would otherwise count a missing field as
   * null and let two documents without an `idempotencyKey` collide.
   */
  private addIndex(fields: readonly string[], unique: boolean): boolean {
    const signature = fields.join(',');
    if (this.declared.has(signature)) return false;
    this.declared.add(signature);
    const keys = Object.fromEntries(fields.map((field) => [field, 1 as const]));
    if (!unique) this.schema.index(keys);
    else if (fields.join(',') === IDENTITY.join(',')) this.schema.index(keys, { unique: true });
    else {
      const partialFilterExpression = Object.fromEntries(fields.map((field) => [field, { $exists: true }]));
      this.schema.index(keys, { unique: true, partialFilterExpression });
    }
    return true;
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
