import Datastore from '@seald-io/nedb';
import type { Collection, CollectionOptions, Filter, FindOptions } from '../ports/document-store';
import { DuplicateKeyError } from '../ports/document-store';
import { checkDocument } from './check-document';
import { checkFilter } from './check-filter';
import { isEmptyUpdate, toUpdateOperators, type UpdateOperators } from './to-update-operators';
import { UNIQUE_FIELD_PREFIX, UniqueKey } from './unique-key';

type Stored = Record<string, unknown>;

/** Every document is unique on its `id` within its workspace (what `upsert` replaces by). */
const IDENTITY = ['id', 'workspaceId'];

export interface EmbeddedCollectionOptions {
  /**
   * Rewrite the datafile once this many of its lines are outdated (and they outnumber the live
   * documents), so compaction costs O(1) per write on average.
   */
  compactAfterStaleLines: number;
}

/**
 * One collection of the embedded document store: a nedb datastore with its own append-only
 * datafile. nedb keeps every document in memory and runs its operations one at a time; this class
 * adds partial unique indexes (see `UniqueKey`), maps nedb errors to the port's, and compacts the
 * datafile in proportion to how much of it is stale rather than on a fixed timer.
 */
export class EmbeddedCollection<T extends { id: string; workspaceId: string }> implements Collection<T> {
  private readonly db: Datastore<Stored>;
  private readonly uniqueKeys = new Map<string, UniqueKey>();
  private readonly indexes = new Set<string>();
  /** Writes that read before they write run one after another (also after `declare`). */
  private writes: Promise<unknown> = Promise.resolve();
  private ready: Promise<void>;
  private staleLines = 0;
  private compactAt: number;
  private compaction: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    readonly name: string,
    filename: string,
    options: CollectionOptions,
    private readonly settings: EmbeddedCollectionOptions,
  ) {
    this.compactAt = settings.compactAfterStaleLines;
    // A crash can leave a half-written last line; nedb would refuse to load a small file over it.
    this.db = new Datastore<Stored>({ filename, corruptAlertThreshold: 1 });
    const added = this.registerUniqueKeys(options);
    this.ready = this.serialize(async () => {
      await this.db.loadDatabaseAsync();
      await this.declareIndexes(options, added, true);
    });
    // Callers see the failure through `ready`; this only keeps Node from reporting it as unhandled.
    this.ready.catch(() => undefined);
  }

  /** Adds the indexes of a later `collection(name, options)` call. */
  declare(options: CollectionOptions): void {
    const previous = this.ready;
    const added = this.registerUniqueKeys(options);
    this.ready = this.serialize(async () => {
      await previous;
      await this.declareIndexes(options, added, false);
    });
    this.ready.catch(() => undefined);
  }

  async insert(doc: T): Promise<T> {
    const checked = checkDocument(this.name, doc);
    return this.write(async () => {
      const stored = this.withUniqueKeys(checked);
      try {
        return this.output(await this.db.insertAsync(stored));
      } catch (error) {
        throw this.mapError(error, stored);
      }
    });
  }

  async findOne(filter: Filter): Promise<T | undefined> {
    await this.opened();
    const doc = await this.db.findOneAsync(toNedbQuery(this.name, filter));
    return doc ? this.output(doc) : undefined;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    await this.opened();
    let cursor = this.db.findAsync(toNedbQuery(this.name, filter));
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    const docs: Stored[] = await cursor;
    return docs.map((doc) => this.output(doc));
  }

  async count(filter: Filter): Promise<number> {
    await this.opened();
    return await this.db.countAsync(toNedbQuery(this.name, filter));
  }

  async update(filter: Filter, set: Partial<T>): Promise<T | undefined> {
    const query = toNedbQuery(this.name, filter);
    const operators = toUpdateOperators(this.name, set);
    if (isEmptyUpdate(operators)) return this.findOne(filter);
    return this.write(async () => {
      if (this.touchesUniqueKeys(operators)) {
        const doc = await this.db.findOneAsync(query);
        return doc ? this.output(await this.updateOne(doc, operators)) : undefined;
      }
      const result = await this.db.updateAsync(query, operators, { multi: false, returnUpdatedDocs: true });
      this.noteStale(result.numAffected);
      return result.affectedDocuments ? this.output(result.affectedDocuments) : undefined;
    });
  }

  async updateMany(filter: Filter, set: Partial<T>): Promise<number> {
    const query = toNedbQuery(this.name, filter);
    const operators = toUpdateOperators(this.name, set);
    if (isEmptyUpdate(operators)) return this.count(filter);
    return this.write(async () => {
      if (this.touchesUniqueKeys(operators)) {
        const docs: Stored[] = await this.db.findAsync(query);
        for (const doc of docs) await this.updateOne(doc, operators);
        return docs.length;
      }
      const result = await this.db.updateAsync(query, operators, { multi: true });
      this.noteStale(result.numAffected);
      return result.numAffected;
    });
  }

  async upsert(doc: T): Promise<T> {
    const checked = checkDocument(this.name, doc);
    return this.write(async () => {
      const stored = this.withUniqueKeys(checked);
      try {
        const identity = { id: doc.id, workspaceId: doc.workspaceId };
        const result = await this.db.updateAsync(identity, stored, { upsert: true, returnUpdatedDocs: true });
        if (!result.upsert) this.noteStale(1);
        return this.output(result.affectedDocuments ?? stored);
      } catch (error) {
        throw this.mapError(error, stored);
      }
    });
  }

  async delete(filter: Filter): Promise<number> {
    const query = toNedbQuery(this.name, filter);
    return this.write(async () => {
      const removed = await this.db.removeAsync(query, { multi: true });
      // Each removal leaves the old line and a deletion marker in the datafile.
      this.noteStale(removed * 2);
      return removed;
    });
  }

  /** Waits for pending writes and compaction; later calls reject. */
  async close(): Promise<void> {
    this.closed = true;
    await this.writes;
    await this.compaction;
    this.db.stopAutocompaction();
  }

  private async opened(): Promise<void> {
    if (this.closed) throw new Error(`Document store is closed (collection "${this.name}")`);
    await this.ready;
  }

  private serialize<R>(task: () => Promise<R>): Promise<R> {
    const run = this.writes.then(task);
    this.writes = run.catch(() => undefined);
    return run;
  }

  private write<R>(task: () => Promise<R>): Promise<R> {
    if (this.closed) return Promise.reject(new Error(`Document store is closed (collection "${this.name}")`));
    const ready = this.ready;
    return this.serialize(async () => {
      await ready;
      try {
        return await task();
      } catch (error) {
        throw this.mapError(error, undefined);
      }
    });
  }

  /**
   * Unique keys take effect for every write queued after the call, so they are known at once;
   * their indexes are built (and old documents given their keys) in `declareIndexes`.
   */
  private registerUniqueKeys(options: CollectionOptions): UniqueKey[] {
    const added: UniqueKey[] = [];
    for (const fields of options.unique ?? []) {
      if (sameFields(fields, IDENTITY)) continue;
      const key = new UniqueKey(fields);
      if (this.uniqueKeys.has(key.field)) continue;
      this.uniqueKeys.set(key.field, key);
      added.push(key);
    }
    return added;
  }

  private async declareIndexes(options: CollectionOptions, added: UniqueKey[], removeOthers: boolean): Promise<void> {
    await this.ensureIndex(IDENTITY, true);
    for (const key of added) {
      // The hidden field only enforces; lookups by the same fields need an index of their own.
      await this.ensureIndex(key.fields, false);
      await this.backfill(key);
      try {
        await this.ensureIndex([key.field], true);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw new Error(`Collection "${this.name}" holds documents that share (${key.fields.join(', ')}); cannot make them unique`);
      }
    }
    // Keys declared again by a later call were built by the first one, but removal needs them all.
    for (const key of this.uniqueKeys.values()) this.indexes.add(key.field);
    for (const fields of options.indexes ?? []) {
      // nedb prefers any single-field index over a compound one; a workspace-wide candidate list
      // would hide the far more selective compound indexes that start with `workspaceId`.
      if (fields.length === 1 && fields[0] === 'workspaceId') continue;
      await this.ensureIndex(fields, false);
    }
    if (removeOthers) await this.removeUndeclaredIndexes();
  }

  private async ensureIndex(fields: readonly string[], unique: boolean): Promise<void> {
    const fieldName = fields.length === 1 ? fields[0]! : [...fields];
    await this.db.ensureIndexAsync({ fieldName, unique, sparse: unique && fields.length === 1 });
    this.indexes.add([...fields].sort().join(','));
  }

  /** nedb reloads index definitions from the datafile; indexes no longer declared are dropped. */
  private async removeUndeclaredIndexes(): Promise<void> {
    const existing: unknown = Reflect.get(this.db, 'indexes');
    if (typeof existing !== 'object' || existing === null) return;
    for (const fieldName of Object.keys(existing)) {
      if (fieldName === '_id' || this.indexes.has(fieldName)) continue;
      await this.db.removeIndexAsync(fieldName.split(','));
    }
  }

  /** Brings one hidden unique field up to date on every document (new index, or data written without it). */
  private async backfill(key: UniqueKey): Promise<void> {
    for (const doc of this.db.getAllData()) {
      const value = key.keyOf(doc);
      if (doc[key.field] === value) continue;
      const change = value === undefined ? { $unset: { [key.field]: true } } : { $set: { [key.field]: value } };
      await this.db.updateAsync({ _id: doc._id }, change, {});
      this.noteStale(1);
    }
  }

  private touchesUniqueKeys(operators: UpdateOperators): boolean {
    const names = [...Object.keys(operators.$set ?? {}), ...Object.keys(operators.$unset ?? {})];
    return [...this.uniqueKeys.values()].some((key) => names.some((name) => key.dependsOn(name)));
  }

  /** Updates one document found beforehand, recomputing its hidden unique fields. */
  private async updateOne(doc: Stored, operators: UpdateOperators): Promise<Stored> {
    const merged: Stored = { ...doc, ...operators.$set };
    for (const name of Object.keys(operators.$unset ?? {})) delete merged[name];
    const $set: Stored = { ...operators.$set };
    const $unset: Record<string, true> = { ...operators.$unset };
    for (const key of this.uniqueKeys.values()) {
      const value = key.keyOf(merged);
      if (value === undefined) $unset[key.field] = true;
      else $set[key.field] = value;
    }
    const change = { ...(Object.keys($set).length > 0 ? { $set } : {}), ...(Object.keys($unset).length > 0 ? { $unset } : {}) };
    try {
      const result = await this.db.updateAsync({ _id: doc._id }, change, { multi: false, returnUpdatedDocs: true });
      this.noteStale(result.numAffected);
      return result.affectedDocuments ?? merged;
    } catch (error) {
      throw this.mapError(error, merged);
    }
  }

  private withUniqueKeys(doc: Stored): Stored {
    const stored: Stored = { ...doc };
    for (const key of this.uniqueKeys.values()) {
      const value = key.keyOf(doc);
      if (value !== undefined) stored[key.field] = value;
    }
    return stored;
  }

  /**
   * Counts outdated datafile lines and queues a compaction once they reach the threshold and
   * outnumber the live documents. Counting the live documents walks them all, so it is done only
   * when the stale count reaches the last count seen: O(1) per write on average.
   */
  private noteStale(lines: number): void {
    this.staleLines += lines;
    if (this.staleLines < this.compactAt) return;
    const live = this.db.getAllData().length;
    if (this.staleLines < live) {
      this.compactAt = live;
      return;
    }
    this.staleLines = 0;
    this.compactAt = this.settings.compactAfterStaleLines;
    // Not awaited by the write that triggered it; nedb queues it behind the writes already waiting.
    this.compaction = this.db.compactDatafileAsync().catch((error: unknown) => {
      console.error(`Compaction of collection "${this.name}" failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  private mapError(error: unknown, written: Stored | undefined): unknown {
    if (!isUniqueViolation(error)) return error;
    const key = written
      ? [...this.uniqueKeys.values()].find((unique) => unique.keyOf(written) === Reflect.get(Object(error), 'key'))
      : undefined;
    const fields = key ? key.fields : ['workspaceId', 'id'];
    return new DuplicateKeyError(`Collection "${this.name}" already has a document with the same (${fields.join(', ')})`);
  }

  private output(doc: Stored): T {
    return strip(doc);
  }
}

/** Removes nedb's `_id` and the hidden unique fields. */
function strip<T>(doc: Stored): T {
  const out: Stored = {};
  for (const [key, value] of Object.entries(doc)) {
    if (key !== '_id' && !key.startsWith(UNIQUE_FIELD_PREFIX)) out[key] = value;
  }
  return out as T;
}

/** nedb only takes RegExp objects for `$regex`; the port also allows the pattern as a string. */
function toNedbQuery(collection: string, filter: Filter): Filter {
  return convertObject(checkFilter(collection, filter));
}

function convertObject(value: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = convertValue(key, inner);
  return out;
}

function convertValue(key: string, value: unknown): unknown {
  if (key === '$regex' && typeof value === 'string') return new RegExp(value);
  if (Array.isArray(value)) return value.map((item) => convertValue('', item));
  if (typeof value !== 'object' || value === null || value instanceof RegExp) return value;
  return convertObject(value);
}

function sameFields(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && Reflect.get(error, 'errorType') === 'uniqueViolated';
}
