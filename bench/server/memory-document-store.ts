import type { Collection, CollectionOptions, DocumentStore, Filter, FindOptions } from '@chatflow/server/src/ports/document-store';
import { DuplicateKeyError } from '@chatflow/server/src/ports/document-store';

type Doc = { id: string; workspaceId: string } & Record<string, unknown>;

/**
 * A document store held in memory only, for the benchmark's second configuration: it separates
 * what the pipeline costs from what persisting documents costs. It implements the port's filter
 * subset (equality, `$in`, `$ne`, `$exists`, comparisons) with hash indexes on declared field
 * lists, and partial unique indexes; it is not a product store (nothing survives the process).
 */
export class MemoryDocumentStore implements DocumentStore {
  private readonly collections = new Map<string, MemoryCollection<Doc>>();

  collection<T extends { id: string; workspaceId: string }>(name: string, options: CollectionOptions = {}): Collection<T> {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new MemoryCollection<Doc>();
      this.collections.set(name, collection);
    }
    collection.declare(options);
    return collection as unknown as Collection<T>;
  }

  async close(): Promise<void> {}
}

class MemoryCollection<T extends Doc> implements Collection<T> {
  private readonly docs = new Map<string, T>();
  private readonly indexes = new Map<string, { fields: string[]; unique: boolean; entries: Map<string, Set<string>> }>();

  constructor() {
    this.declare({ unique: [['workspaceId', 'id']] });
  }

  declare(options: CollectionOptions): void {
    for (const fields of options.unique ?? []) this.addIndex(fields, true);
    for (const fields of options.indexes ?? []) this.addIndex(fields, false);
  }

  private addIndex(fields: string[], unique: boolean): void {
    const name = fields.join(',');
    const existing = this.indexes.get(name);
    if (existing) {
      existing.unique ||= unique;
      return;
    }
    const index = { fields, unique, entries: new Map<string, Set<string>>() };
    this.indexes.set(name, index);
    for (const [key, doc] of this.docs) this.indexOne(index, key, doc);
  }

  private keyOf(doc: { id: string; workspaceId: string }): string {
    return `${doc.workspaceId}\u0000${doc.id}`;
  }

  private valueKey(fields: string[], doc: Record<string, unknown>): string | undefined {
    const values = fields.map((f) => doc[f]);
    return values.some((v) => v === undefined) ? undefined : JSON.stringify(values);
  }

  private indexOne(index: { fields: string[]; entries: Map<string, Set<string>> }, key: string, doc: T): void {
    const value = this.valueKey(index.fields, doc);
    if (value === undefined) return;
    const set = index.entries.get(value) ?? new Set<string>();
    index.entries.set(value, set);
    set.add(key);
  }

  private unindex(key: string, doc: T): void {
    for (const index of this.indexes.values()) {
      const value = this.valueKey(index.fields, doc);
      if (value !== undefined) index.entries.get(value)?.delete(key);
    }
  }

  private checkUnique(key: string, doc: T): void {
    for (const index of this.indexes.values()) {
      if (!index.unique) continue;
      const value = this.valueKey(index.fields, doc);
      if (value === undefined) continue;
      for (const other of index.entries.get(value) ?? [])
        if (other !== key) throw new DuplicateKeyError(`duplicate ${index.fields.join(',')}`);
    }
  }

  private store(key: string, doc: T, previous?: T): void {
    this.checkUnique(key, doc);
    if (previous) this.unindex(key, previous);
    this.docs.set(key, doc);
    for (const index of this.indexes.values()) this.indexOne(index, key, doc);
  }

  private candidates(filter: Filter): Iterable<T> {
    let best: Set<string> | undefined;
    for (const index of this.indexes.values()) {
      if (!index.fields.every((f) => isPlain(filter[f]))) continue;
      const set = index.entries.get(JSON.stringify(index.fields.map((f) => filter[f]))) ?? new Set<string>();
      if (!best || set.size < best.size) best = set;
    }
    if (!best) return this.docs.values();
    return [...best].map((key) => this.docs.get(key) as T);
  }

  private match(filter: Filter): T[] {
    const found: T[] = [];
    for (const doc of this.candidates(filter)) if (matches(doc, filter)) found.push(doc);
    return found;
  }

  async insert(doc: T): Promise<T> {
    const key = this.keyOf(doc);
    if (this.docs.has(key)) throw new DuplicateKeyError('duplicate id');
    const copy = clone(doc);
    this.store(key, copy);
    return clone(copy);
  }

  async findOne(filter: Filter): Promise<T | undefined> {
    const [doc] = this.match(filter);
    return doc ? clone(doc) : undefined;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    let docs = this.match(filter);
    if (options.sort) {
      const sort = Object.entries(options.sort);
      docs = docs.sort((a, b) => {
        for (const [field, direction] of sort) {
          const x = a[field] as number | string;
          const y = b[field] as number | string;
          if (x !== y) return (x < y ? -1 : 1) * direction;
        }
        return 0;
      });
    }
    docs = docs.slice(options.skip ?? 0, options.limit ? (options.skip ?? 0) + options.limit : undefined);
    return docs.map((doc) => clone(doc));
  }

  async count(filter: Filter): Promise<number> {
    return this.match(filter).length;
  }

  async update(filter: Filter, set: Partial<T>): Promise<T | undefined> {
    const [doc] = this.match(filter);
    if (!doc) return undefined;
    const next = applySet(doc, set);
    this.store(this.keyOf(doc), next, doc);
    return clone(next);
  }

  async updateMany(filter: Filter, set: Partial<T>): Promise<number> {
    const docs = this.match(filter);
    for (const doc of docs) this.store(this.keyOf(doc), applySet(doc, set), doc);
    return docs.length;
  }

  async upsert(doc: T): Promise<T> {
    const key = this.keyOf(doc);
    const copy = clone(doc);
    this.store(key, copy, this.docs.get(key));
    return clone(copy);
  }

  async delete(filter: Filter): Promise<number> {
    const docs = this.match(filter);
    for (const doc of docs) {
      const key = this.keyOf(doc);
      this.unindex(key, doc);
      this.docs.delete(key);
    }
    return docs.length;
  }
}

/** Documents are JSON (the port says so): a JSON copy is several times cheaper than structuredClone. */
function clone<V>(value: V): V {
  return JSON.parse(JSON.stringify(value)) as V;
}

function isPlain(value: unknown): boolean {
  return value !== undefined && (typeof value !== 'object' || value === null);
}

function applySet<T extends Doc>(doc: T, set: Partial<T>): T {
  const next = { ...doc };
  for (const [field, value] of Object.entries(set)) {
    if (value === undefined) delete next[field];
    else (next as Record<string, unknown>)[field] = clone(value);
  }
  return next;
}

function matches(doc: Record<string, unknown>, filter: Filter): boolean {
  for (const [field, condition] of Object.entries(filter)) {
    const value = doc[field];
    if (condition !== null && typeof condition === 'object' && !Array.isArray(condition)) {
      for (const [op, arg] of Object.entries(condition)) {
        if (op === '$in' && !(arg as unknown[]).includes(value)) return false;
        if (op === '$ne' && value === arg) return false;
        if (op === '$exists' && (value !== undefined) !== arg) return false;
        if (op === '$gt' && !((value as number) > (arg as number))) return false;
        if (op === '$gte' && !((value as number) >= (arg as number))) return false;
        if (op === '$lt' && !((value as number) < (arg as number))) return false;
        if (op === '$lte' && !((value as number) <= (arg as number))) return false;
      }
    } else if (Array.isArray(value) ? !value.includes(condition) : value !== condition) return false;
  }
  return true;
}
