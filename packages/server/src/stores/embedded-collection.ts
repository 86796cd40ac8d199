import Datastore from '@seald-io/nedb';
import type { Collection, CollectionOptions, DeleteOptions, Filter, FindOptions } from '../ports/document-store';
import { DuplicateKeyError } from '../ports/document-store';
import { AppendOnlyLog } from './append-only-log';
import { checkedJson } from './check-document';
import { checkFilter } from './check-filter';
import { IndexKey, isHiddenField } from './index-key';
import { isEmptyUpdate, toUpdateOperators, type UpdateOperators } from './to-update-operators';

type Stored = Record<string, unknown>;
/** What one write did in memory: its result, the datafile lines that record it, the lines it made outdated. */
type Change<R> = { result: R; lines: (Stored | string)[]; stale: number };

/** Every document is unique on its `id` within its workspace (what `upsert` replaces by). */
const IDENTITY = ['workspaceId', 'id'];

export interface EmbeddedCollectionOptions {
  /**
   * Rewrite the datafile once this many of its lines are outdated (and they outnumber the live
   * documents), so compaction costs O(1) per write on average.
   */
  compactAfterStaleLines: number;
}

/**
 * One collection of the embedded document store: nedb holds the documents in memory and answers
 * queries; the collection persists them itself, in nedb's datafile format (one JSON document per
 * line with its `_id`, `{"$$deleted":true,"_id":…}` for a removal, the last line of an `_id`
 * wins), so plain nedb still loads the file.
 *
 * Why not nedb's own persistence: it runs one operation at a time and each waits for its own
 * append, which reopens the datafile (open, write, close) every time; a collection then managed
 * about a thousand writes a second and every caller queued behind the disk. Here a write changes
 * nedb in memory (microseconds, still one at a time) and queues its lines on an `AppendOnlyLog`,
 * which keeps the file open and writes every line queued meanwhile in one write (group commit);
 * the caller's promise resolves once its lines are in the file, as before. Compaction rewrites
 * the file beside the appends instead of in front of them.
 *
 * Keys are cheap strings: a document's `_id` is its identity (`["<workspaceId>","<id>"]`), so
 * nedb's primary index enforces it and `upsert` is a primary-key write; every other index over
 * several fields is a hidden string field (see `IndexKey`), held in memory only. Queries with
 * equality on all of an index's fields are pointed at it.
 */
export class EmbeddedCollection<T extends { id: string; workspaceId: string }> implements Collection<T> {
  private readonly db = new Datastore<Stored>({ inMemoryOnly: true });
  private log: AppendOnlyLog | undefined;
  /** Hidden keys by field: unique ones, then lookups; a lookup over the fields of a unique key is not kept. */
  private readonly keys = new Map<string, IndexKey>();
  /** Writes run one after another, each from its read to its change in memory (not its disk write). */
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
    const added = this.register(options);
    this.ready = this.serialize(async () => {
      await this.load(filename);
      await this.declareIndexes(added);
    });
    // Callers see the failure through `ready`; this only keeps Node from reporting it as unhandled.
    this.ready.catch(() => undefined);
  }

  /** Adds the indexes of a later `collection(name, options)` call. */
  declare(options: CollectionOptions): void {
    const previous = this.ready;
    const added = this.register(options);
    this.ready = this.serialize(async () => {
      await previous;
      await this.declareIndexes(added);
    });
    this.ready.catch(() => undefined);
  }

  async insert(doc: T): Promise<T> {
    const { stored, line } = this.prepare(doc);
    return this.write(async () => {
      // nedb keeps a copy of its own: `stored` serves the answer, `line` (its JSON) the datafile.
      await this.db.insertAsync(stored);
      return { result: this.output(stored), lines: [line], stale: 0 };
    }, stored);
  }

  async findOne(filter: Filter): Promise<T | undefined> {
    await this.opened();
    const doc = await this.db.findOneAsync(this.query(filter));
    return doc ? this.output(doc) : undefined;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    await this.opened();
    let cursor = this.db.findAsync(this.query(filter));
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    const docs: Stored[] = await cursor;
    return docs.map((doc) => this.output(doc));
  }

  async count(filter: Filter): Promise<number> {
    await this.opened();
    return await this.db.countAsync(this.query(filter));
  }

  async update(filter: Filter, set: Partial<T>): Promise<T | undefined> {
    const operators = toUpdateOperators(this.name, set);
    if (isEmptyUpdate(operators)) return this.findOne(filter);
    return this.write(async () => {
      const query = this.query(filter);
      if (this.touchesKeys(operators)) {
        const doc = await this.db.findOneAsync(query);
        if (!doc) return { result: undefined, lines: [], stale: 0 };
        const change = await this.updateOne(doc, operators);
        return { ...change, result: this.output(change.result) };
      }
      const { affectedDocuments } = await this.db.updateAsync(query, operators, { multi: false, returnUpdatedDocs: true });
      const updated = Array.isArray(affectedDocuments) ? affectedDocuments[0] : affectedDocuments;
      return updated ? { result: this.output(updated), lines: [updated], stale: 1 } : { result: undefined, lines: [], stale: 0 };
    });
  }

  async updateMany(filter: Filter, set: Partial<T>): Promise<number> {
    const operators = toUpdateOperators(this.name, set);
    if (isEmptyUpdate(operators)) return this.count(filter);
    return this.write(async () => {
      const query = this.query(filter);
      if (this.touchesKeys(operators)) {
        const docs: Stored[] = await this.db.findAsync(query);
        const lines: (Stored | string)[] = [];
        let stale = 0;
        try {
          for (const doc of docs) {
            const change = await this.updateOne(doc, operators);
            lines.push(...change.lines);
            stale += change.stale;
          }
        } catch (error) {
          // Not atomic across documents (as the port says): the ones already changed stay changed, on disk too.
          this.persist(lines, stale).catch(() => undefined);
          throw error;
        }
        return { result: docs.length, lines, stale };
      }
      const { affectedDocuments } = await this.db.updateAsync(query, operators, { multi: true, returnUpdatedDocs: true });
      const lines = Array.isArray(affectedDocuments) ? affectedDocuments : affectedDocuments ? [affectedDocuments] : [];
      return { result: lines.length, lines, stale: lines.length };
    });
  }

  async upsert(doc: T): Promise<T> {
    const { stored, line } = this.prepare(doc);
    return this.write(async () => {
      const result = await this.db.updateAsync({ _id: stored._id }, stored, { upsert: true });
      return { result: this.output(stored), lines: [line], stale: result.upsert ? 0 : 1 };
    }, stored);
  }

  async delete(filter: Filter, options: DeleteOptions = {}): Promise<number> {
    const removed = await this.write(async () => {
      // The removal lines need the documents' `_id`s; reading first is safe since writes run one at a time.
      const docs: Stored[] = await this.db.findAsync(this.query(filter), { _id: 1 });
      if (docs.length === 0) return { result: 0, lines: [], stale: 0 };
      const ids = docs.map((doc) => doc._id);
      const removed = await this.db.removeAsync({ _id: { $in: ids } }, { multi: true });
      // Each removal leaves the document's line and its own behind.
      return { result: removed, lines: ids.map(removal), stale: 2 * ids.length };
    });
    if (options.erase && removed > 0) await this.erase();
    return removed;
  }

  /** Waits for pending writes and compaction; later calls reject. */
  async close(): Promise<void> {
    this.closed = true;
    await this.writes;
    await this.compaction;
    await this.ready.catch(() => undefined);
    // Lines outdated while the last compaction ran may be due one more (a quicker next start).
    this.noteStale(0);
    await this.compaction;
    await this.log?.close();
  }

  /**
   * Rewrites the datafile from the documents held now, so nothing deleted stays in any file. In
   * turn with the writes and after a compaction under way, whose new file may predate the deletion.
   */
  private async erase(): Promise<void> {
    const { rewrite } = await this.serialize(async () => {
      await this.compaction;
      const log = this.log;
      if (!log) return { rewrite: Promise.resolve() };
      this.staleLines = 0;
      const rewrite = log.rewrite(this.db.getAllData().map(withoutHidden));
      this.compaction = rewrite.catch(() => undefined);
      // Wrapped, so the writes queued next wait only for the start of the rewrite, not its end.
      return { rewrite };
    });
    await rewrite;
  }

  private async opened(): Promise<void> {
    if (this.closed) throw new Error(`Document store is closed (collection "${this.name}")`);
    await this.ready;
  }

  /**
   * Reads the datafile into nedb: the last line of each `_id` wins, a removal line drops it.
   * Documents written with another `_id` (nedb's random ones, by earlier versions) are keyed by
   * their identity, and the file is rewritten so its removal lines will name them.
   */
  private async load(filename: string): Promise<void> {
    const lines = new Map<unknown, Stored>();
    const { log, damaged } = await AppendOnlyLog.open(filename, (line) => {
      // Lines without an `_id` are index definitions that nedb's own persistence wrote; indexes are declared by the code.
      if (typeof line !== 'object' || line === null || !('_id' in line)) return;
      const doc = line as Stored;
      if (doc.$$deleted === true) lines.delete(doc._id);
      else lines.set(doc._id, doc);
    });
    this.log = log;
    const docs = new Map<string, Stored>();
    let rekeyed = false;
    for (const [_id, line] of lines) {
      const doc = this.stored(withoutHidden(line));
      if (doc._id !== _id) rekeyed = true;
      docs.set(doc._id as string, doc);
    }
    if (docs.size < lines.size) {
      throw new Error(`Collection "${this.name}" holds documents that share (${IDENTITY.join(', ')}); cannot load it`);
    }
    if (docs.size > 0) await this.db.insertAsync([...docs.values()]);
    this.staleLines = log.lineCount - docs.size;
    // A torn last line (a crash mid-append) must not swallow the next append: rewrite at once.
    if (damaged || rekeyed) await log.rewrite(this.db.getAllData().map(withoutHidden));
    else this.noteStale(0);
  }

  private serialize<R>(task: () => Promise<R>): Promise<R> {
    const run = this.writes.then(task);
    this.writes = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs a change in memory, in turn with the other writes, then waits (out of turn, so the next
   * write need not) until its lines are in the datafile.
   */
  private async write<R>(task: () => Promise<Change<R>>, written?: Stored): Promise<R> {
    if (this.closed) throw new Error(`Document store is closed (collection "${this.name}")`);
    const ready = this.ready;
    let persisted: Promise<void> = Promise.resolve();
    const result = await this.serialize(async () => {
      await ready;
      try {
        const { result, lines, stale } = await task();
        persisted = this.persist(lines, stale);
        return result;
      } catch (error) {
        throw this.mapError(error, written);
      }
    });
    await persisted;
    return result;
  }

  /**
   * Queues the lines of a change, in the order the changes were made (a document as nedb holds it,
   * or a line's JSON already made); `stale` lines it made outdated.
   */
  private persist(lines: (Stored | string)[], stale: number): Promise<void> {
    const log = this.log;
    if (!log || lines.length === 0) return Promise.resolve();
    const written = Promise.all(
      lines.map((line) =>
        typeof line === 'string' ? log.appendJson(line) : log.append(line.$$deleted === true ? line : withoutHidden(line)),
      ),
    );
    this.noteStale(stale);
    return written.then(() => undefined);
  }

  /**
   * Keys take effect for every write queued after the call, so they are known at once; their
   * indexes are built (and documents given their keys) in `declareIndexes`.
   */
  private register(options: CollectionOptions): IndexKey[] {
    const added: IndexKey[] = [];
    const add = (fields: string[], unique: boolean) => {
      // One field needs no hidden key: nedb's own index on it is cheap and serves ranges too.
      if (sameFields(fields, IDENTITY) || (!unique && fields.length === 1)) return;
      const key = new IndexKey(fields, unique);
      const same = [...this.keys.values()].find((known) => sameFields(known.fields, fields));
      if (same && (same.unique || !unique)) return;
      this.keys.set(key.field, key);
      added.push(key);
    };
    for (const fields of options.unique ?? []) add(fields, true);
    for (const fields of options.indexes ?? []) add(fields, false);
    for (const fields of options.indexes ?? []) {
      // nedb prefers any single-field index over the others; a workspace-wide candidate list
      // would hide the far more selective indexes that start with `workspaceId`.
      if (fields.length === 1 && fields[0] !== 'workspaceId') added.push(new IndexKey(fields, false));
    }
    return added;
  }

  private async declareIndexes(added: IndexKey[]): Promise<void> {
    for (const key of added) {
      if (key.fields.length === 1 && !key.unique) {
        await this.db.ensureIndexAsync({ fieldName: key.fields[0]! });
        continue;
      }
      await this.backfill(key);
      try {
        await this.db.ensureIndexAsync({ fieldName: key.field, unique: key.unique, sparse: true });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw new Error(`Collection "${this.name}" holds documents that share (${key.fields.join(', ')}); cannot make them unique`);
      }
    }
  }

  /** Gives every document its hidden field for a new key: in memory only, the datafile does not hold them. */
  private async backfill(key: IndexKey): Promise<void> {
    for (const doc of this.db.getAllData()) {
      const value = key.keyOf(doc);
      if (doc[key.field] === value) continue;
      const change = value === undefined ? { $unset: { [key.field]: true } } : { $set: { [key.field]: value } };
      await this.db.updateAsync({ _id: doc._id }, change, {});
    }
  }

  private touchesKeys(operators: UpdateOperators): boolean {
    const names = [...Object.keys(operators.$set ?? {}), ...Object.keys(operators.$unset ?? {})];
    return names.some((name) => IDENTITY.includes(name) || [...this.keys.values()].some((key) => key.dependsOn(name)));
  }

  /**
   * Updates one document found beforehand, recomputing its hidden keys; a change of identity
   * (`id` or `workspaceId`) moves it to its new `_id`.
   */
  private async updateOne(doc: Stored, operators: UpdateOperators): Promise<Change<Stored>> {
    const merged: Stored = { ...doc, ...operators.$set };
    for (const name of Object.keys(operators.$unset ?? {})) delete merged[name];
    const next = this.stored(withoutHidden(merged));
    try {
      if (next._id !== doc._id) {
        const inserted = await this.db.insertAsync(next);
        await this.db.removeAsync({ _id: doc._id }, {});
        return { result: inserted, lines: [removal(doc._id), inserted], stale: 2 };
      }
      const result = await this.db.updateAsync({ _id: doc._id }, next, { returnUpdatedDocs: true });
      const updated = (Array.isArray(result.affectedDocuments) ? result.affectedDocuments[0] : result.affectedDocuments) ?? next;
      return { result: updated, lines: [updated], stale: 1 };
    } catch (error) {
      throw this.mapError(error, next);
    }
  }

  /** A caller's document checked, as its datafile line and as nedb holds it: one JSON round trip makes both. */
  private prepare(doc: T): { stored: Stored; line: string } {
    const line = checkedJson(this.name, doc, { _id: JSON.stringify([doc.workspaceId, doc.id]) });
    return { stored: this.withKeys(JSON.parse(line)), line };
  }

  /** The document as nedb holds it: its identity as `_id`, and its hidden keys. */
  private stored(doc: Stored): Stored {
    return this.withKeys({ ...doc, _id: JSON.stringify([doc.workspaceId, doc.id]) });
  }

  /** Sets the hidden keys on a document of this collection's own (not a caller's object). */
  private withKeys(doc: Stored): Stored {
    for (const key of this.keys.values()) {
      const value = key.keyOf(doc);
      if (value !== undefined) doc[key.field] = value;
    }
    return doc;
  }

  /** The filter for nedb, pointed at the most selective key it fully names (appended last: nedb uses the last indexed field). */
  private query(filter: Filter): Filter {
    const query = convertObject(checkFilter(this.name, filter));
    const { workspaceId, id } = query;
    if (typeof workspaceId === 'string' && typeof id === 'string') return { ...query, _id: JSON.stringify([workspaceId, id]) };
    // A unique key first (one match at most), then the lookup over the most fields.
    const rank = (key: IndexKey) => (key.unique ? 1000 : 0) + key.fields.length;
    let best: { key: IndexKey; value: string } | undefined;
    for (const key of this.keys.values()) {
      const value = key.lookup(query);
      if (value !== undefined && (!best || rank(key) > rank(best.key))) best = { key, value };
    }
    return best ? { ...query, [best.key.field]: best.value } : query;
  }

  /**
   * Counts outdated datafile lines and starts a compaction once they reach the threshold and
   * outnumber the live documents. Counting the live documents walks them all, so it is done only
   * when the stale count reaches the last count seen: O(1) per write on average.
   */
  private noteStale(lines: number): void {
    this.staleLines += lines;
    if (this.staleLines < this.compactAt || !this.log) return;
    const live = this.db.getAllData();
    if (this.staleLines < live.length) {
      this.compactAt = live.length;
      return;
    }
    this.staleLines = 0;
    this.compactAt = this.settings.compactAfterStaleLines;
    // The state now, taken in turn with the writes; the log carries later appends into the new file.
    this.compaction = this.log.rewrite(live.map(withoutHidden)).catch((error: unknown) => {
      console.error(`Compaction of collection "${this.name}" failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  private mapError(error: unknown, written: Stored | undefined): unknown {
    if (!isUniqueViolation(error)) return error;
    const violated = Reflect.get(Object(error), 'key');
    const key = written ? [...this.keys.values()].find((unique) => unique.unique && written[unique.field] === violated) : undefined;
    const fields = key ? key.fields : IDENTITY;
    return new DuplicateKeyError(`Collection "${this.name}" already has a document with the same (${fields.join(', ')})`);
  }

  private output(doc: Stored): T {
    const out: Stored = {};
    for (const [key, value] of Object.entries(doc)) if (key !== '_id' && !isHiddenField(key)) out[key] = value;
    return out as T;
  }
}

/** A document as its datafile line holds it: with its `_id`, without the hidden fields. */
function withoutHidden(doc: Stored): Stored {
  const out: Stored = {};
  for (const [key, value] of Object.entries(doc)) if (!isHiddenField(key)) out[key] = value;
  return out;
}

function removal(_id: unknown): Stored {
  return { $$deleted: true, _id };
}

/** nedb only takes RegExp objects for `$regex`; the port also allows the pattern as a string. */
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
