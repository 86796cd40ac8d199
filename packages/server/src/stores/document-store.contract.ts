import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type DocumentStore, DuplicateKeyError } from '../ports/document-store';

/**
 * Opens a document store over the storage named `space`. Opening the same space again (after
 * closing) must show the same data; different spaces must not see each other's data.
 */
export type OpenDocumentStore = (space: string) => Promise<DocumentStore>;

interface Contact {
  id: string;
  workspaceId: string;
  name: string;
  age?: number;
  tags?: string[];
  address?: { city: string; zip?: string };
  idempotencyKey?: string;
  note?: string | null;
}

/**
 * The behaviour every `DocumentStore` implementation owes its callers. Call it inside a test file
 * with a way to open the implementation; it declares one `describe` block.
 *
 * @example
 * documentStoreContract('EmbeddedDocumentStore', async (space) => new EmbeddedDocumentStore(join(root, space)));
 */
export function documentStoreContract(name: string, openStore: OpenDocumentStore): void {
  describe(`${name} fulfils the DocumentStore contract`, () => {
    const opened: DocumentStore[] = [];

    async function open(space: string = randomUUID()): Promise<DocumentStore> {
      const store = await openStore(space);
      opened.push(store);
      return store;
    }

    async function contacts(options = {}) {
      const store = await open();
      return store.collection<Contact>('contacts', options);
    }

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    it('returns an inserted document as it was given, without storage fields', async () => {
      const collection = await contacts();
      const doc: Contact = {
        id: 'c1',
        workspaceId: 'w1',
        name: 'Ana',
        age: 31,
        tags: ['vip', 'es'],
        address: { city: 'Lima' },
        note: null,
      };
      expect(await collection.insert(doc)).toEqual(doc);
      expect(await collection.findOne({ workspaceId: 'w1', id: 'c1' })).toEqual(doc);
      expect(await collection.find({ workspaceId: 'w1' })).toEqual([doc]);
    });

    it('keeps empty objects and arrays', async () => {
      const store = await open();
      const flows = store.collection<{ id: string; workspaceId: string; variables: object; nodes: unknown[] }>('flows');
      const doc = { id: 'f1', workspaceId: 'w1', variables: {}, nodes: [] };
      await flows.insert(doc);
      expect(await flows.findOne({ workspaceId: 'w1', id: 'f1' })).toEqual(doc);
    });

    it('hands out copies: changing a result changes nothing stored', async () => {
      const collection = await contacts();
      const doc: Contact = { id: 'c1', workspaceId: 'w1', name: 'Ana', tags: ['a'] };
      await collection.insert(doc);
      doc.name = 'changed by caller';
      const found = await collection.findOne({ workspaceId: 'w1', id: 'c1' });
      found?.tags?.push('b');
      expect(await collection.findOne({ workspaceId: 'w1', id: 'c1' })).toEqual({ id: 'c1', workspaceId: 'w1', name: 'Ana', tags: ['a'] });
    });

    it('returns undefined or nothing when no document matches', async () => {
      const collection = await contacts();
      expect(await collection.findOne({ workspaceId: 'w1', id: 'missing' })).toBeUndefined();
      expect(await collection.find({ workspaceId: 'w1' })).toEqual([]);
      expect(await collection.count({ workspaceId: 'w1' })).toBe(0);
      expect(await collection.update({ workspaceId: 'w1', id: 'missing' }, { name: 'x' })).toBeUndefined();
      expect(await collection.updateMany({ workspaceId: 'w1' }, { name: 'x' })).toBe(0);
      expect(await collection.delete({ workspaceId: 'w1' })).toBe(0);
    });

    it('rejects a second document with the same id in a workspace, but not in another workspace', async () => {
      const collection = await contacts();
      await collection.insert({ id: 'c1', workspaceId: 'w1', name: 'Ana' });
      await expect(collection.insert({ id: 'c1', workspaceId: 'w1', name: 'Other' })).rejects.toBeInstanceOf(DuplicateKeyError);
      await collection.insert({ id: 'c1', workspaceId: 'w2', name: 'Bea' });
      expect((await collection.findOne({ workspaceId: 'w1', id: 'c1' }))?.name).toBe('Ana');
      expect((await collection.findOne({ workspaceId: 'w2', id: 'c1' }))?.name).toBe('Bea');
    });

    it('enforces declared unique indexes per workspace', async () => {
      const collection = await contacts({ unique: [['workspaceId', 'idempotencyKey']] });
      await collection.insert({ id: 'c1', workspaceId: 'w1', name: 'Ana', idempotencyKey: 'k1' });
      const duplicate = collection.insert({ id: 'c2', workspaceId: 'w1', name: 'Bea', idempotencyKey: 'k1' });
      await expect(duplicate).rejects.toBeInstanceOf(DuplicateKeyError);
      await expect(duplicate).rejects.toThrow(/contacts/);
      await collection.insert({ id: 'c3', workspaceId: 'w2', name: 'Cy', idempotencyKey: 'k1' });
      expect(await collection.count({ workspaceId: 'w1' })).toBe(1);
    });

    it('does not constrain documents that lack a field of a unique index', async () => {
      const collection = await contacts({ unique: [['workspaceId', 'idempotencyKey']] });
      await collection.insert({ id: 'c1', workspaceId: 'w1', name: 'Ana' });
      await collection.insert({ id: 'c2', workspaceId: 'w1', name: 'Bea' });
      await collection.upsert({ id: 'c3', workspaceId: 'w1', name: 'Cy' });
      expect(await collection.count({ workspaceId: 'w1' })).toBe(3);
    });

    it('rejects an update or upsert that would break a unique index, changing nothing', async () => {
      const collection = await contacts({ unique: [['workspaceId', 'idempotencyKey']] });
      await collection.insert({ id: 'c1', workspaceId: 'w1', name: 'Ana', idempotencyKey: 'k1' });
      await collection.insert({ id: 'c2', workspaceId: 'w1', name: 'Bea', idempotencyKey: 'k2' });
      await expect(collection.update({ workspaceId: 'w1', id: 'c2' }, { idempotencyKey: 'k1', name: 'Changed' })).rejects.toBeInstanceOf(
        DuplicateKeyError,
      );
      await expect(collection.upsert({ id: 'c2', workspaceId: 'w1', name: 'Changed', idempotencyKey: 'k1' })).rejects.toBeInstanceOf(
        DuplicateKeyError,
      );
      await expect(collection.upsert({ id: 'c9', workspaceId: 'w1', name: 'New', idempotencyKey: 'k1' })).rejects.toBeInstanceOf(
        DuplicateKeyError,
      );
      expect(await collection.findOne({ workspaceId: 'w1', id: 'c2' })).toEqual({
        id: 'c2',
        workspaceId: 'w1',
        name: 'Bea',
        idempotencyKey: 'k2',
      });
      expect(await collection.count({ workspaceId: 'w1' })).toBe(2);
    });

    it('frees a unique value once its document changes it or is deleted', async () => {
      const collection = await contacts({ unique: [['workspaceId', 'idempotencyKey']] });
      await collection.insert({ id: 'c1', workspaceId: 'w1', name: 'Ana', idempotencyKey: 'k1' });
      await collection.update({ workspaceId: 'w1', id: 'c1' }, { idempotencyKey: 'k2' });
      await collection.insert({ id: 'c2', workspaceId: 'w1', name: 'Bea', idempotencyKey: 'k1' });
      await collection.update({ workspaceId: 'w1', id: 'c2' }, { idempotencyKey: undefined });
      await collection.insert({ id: 'c3', workspaceId: 'w1', name: 'Cy', idempotencyKey: 'k1' });
      await collection.delete({ workspaceId: 'w1', id: 'c3' });
      await collection.insert({ id: 'c4', workspaceId: 'w1', name: 'Di', idempotencyKey: 'k1' });
      await expect(collection.insert({ id: 'c5', workspaceId: 'w1', name: 'Ed', idempotencyKey: 'k2' })).rejects.toBeInstanceOf(
        DuplicateKeyError,
      );
    });

    it('enforces unique indexes on several fields, including nested ones', async () => {
      const collection = await contacts({ unique: [['workspaceId', 'name', 'address.city']] });
      await collection.insert({ id: 'c1', workspaceId: 'w1', name: 'Ana', address: { city: 'Lima' } });
      await collection.insert({ id: 'c2', workspaceId: 'w1', name: 'Ana', address: { city: 'Cusco' } });
      await collection.insert({ id: 'c3', workspaceId: 'w1', name: 'Ana' });
      await expect(
        collection.insert({ id: 'c4', workspaceId: 'w1', name: 'Ana', address: { city: 'Lima', zip: '1' } }),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
      await expect(collection.update({ workspaceId: 'w1', id: 'c2' }, { address: { city: 'Lima' } })).rejects.toBeInstanceOf(
        DuplicateKeyError,
      );
    });

    it('matches equality on nested fields and on array elements', async () => {
      const collection = await contacts();
      await collection.insert({ id: 'c1', workspaceId: 'w1', name: 'Ana', tags: ['vip'], address: { city: 'Lima' } });
      await collection.insert({ id: 'c2', workspaceId: 'w1', name: 'Bea', tags: ['new'], address: { city: 'Cusco' } });
      expect(await sortedIds(collection.find({ workspaceId: 'w1', 'address.city': 'Lima' }))).toEqual(['c1']);
      expect(await sortedIds(collection.find({ workspaceId: 'w1', tags: 'new' }))).toEqual(['c2']);
      expect(await sortedIds(collection.find({ workspaceId: 'w1', name: 'Nobody' }))).toEqual([]);
    });

    it('supports the comparison operators of the port', async () => {
      const collection = await contacts();
      await collection.insert({ id: 'c1', workspaceId: 'w1', name: 'Ana', age: 20, note: 'x' });
      await collection.insert({ id: 'c2', workspaceId: 'w1', name: 'Bea', age: 30 });
      await collection.insert({ id: 'c3', workspaceId: 'w1', name: 'Cy', age: 40, note: null });
      const sorted = { sort: { id: 1 as const } };
      expect(await ids(collection.find({ workspaceId: 'w1', age: { $gt: 20 } }, sorted))).toEqual(['c2', 'c3']);
      expect(await ids(collection.find({ workspaceId: 'w1', age: { $gte: 30 } }, sorted))).toEqual(['c2', 'c3']);
      expect(await ids(collection.find({ workspaceId: 'w1', age: { $lt: 30 } }, sorted))).toEqual(['c1']);
      expect(await ids(collection.find({ workspaceId: 'w1', age: { $lte: 30, $gt: 20 } }, sorted))).toEqual(['c2']);
      expect(await ids(collection.find({ workspaceId: 'w1', name: { $in: ['Ana', 'Cy', 'Zed'] } }, sorted))).toEqual(['c1', 'c3']);
      expect(await ids(collection.find({ workspaceId: 'w1', name: { $ne: 'Ana' } }, sorted))).toEqual(['c2', 'c3']);
      expect(await ids(collection.find({ workspaceId: 'w1', note: { $ne: 'x' } }, sorted))).toEqual(['c2', 'c3']);
      expect(await ids(collection.find({ workspaceId: 'w1', note: { $exists: true } }, sorted))).toEqual(['c1', 'c3']);
      expect(await ids(collection.find({ workspaceId: 'w1', note: { $exists: false } }, sorted))).toEqual(['c2']);
      expect(await ids(collection.find({ workspaceId: 'w1', name: { $regex: /^b/i } }, sorted))).toEqual(['c2']);
      expect(await ids(collection.find({ workspaceId: 'w1', name: { $regex: 'a$' } }, sorted))).toEqual(['c1', 'c2']);
      expect(await collection.count({ workspaceId: 'w1', age: { $gte: 30 } })).toBe(2);
    });

    it('rejects a filter with an undefined value instead of widening the query', async () => {
      const collection = await contacts();
      await collection.insert({ id: 'c1', workspaceId: 'w1', name: 'Ana' });
      await expect(collection.find({ workspaceId: undefined })).rejects.toThrow(/undefined value at "workspaceId"/);
      await expect(collection.delete({ workspaceId: 'w1', name: { $ne: undefined } })).rejects.toThrow(/name\.\$ne/);
      expect(await collection.count({ workspaceId: 'w1' })).toBe(1);
    });

    it('sorts on one or several fields, then skips and limits', async () => {
      const collection = await contacts();
      const people = [
        ['c1', 'Ana', 30],
        ['c2', 'Bea', 20],
        ['c3', 'Cy', 30],
        ['c4', 'Di', 10],
        ['c5', 'Ed', 20],
      ] as const;
      for (const [id, name, age] of people) await collection.insert({ id, workspaceId: 'w1', name, age });
      expect(await ids(collection.find({ workspaceId: 'w1' }, { sort: { name: -1 } }))).toEqual(['c5', 'c4', 'c3', 'c2', 'c1']);
      expect(await ids(collection.find({ workspaceId: 'w1' }, { sort: { age: 1, name: -1 } }))).toEqual(['c4', 'c5', 'c2', 'c3', 'c1']);
      expect(await ids(collection.find({ workspaceId: 'w1' }, { sort: { name: 1 }, limit: 2 }))).toEqual(['c1', 'c2']);
      expect(await ids(collection.find({ workspaceId: 'w1' }, { sort: { name: 1 }, skip: 2, limit: 2 }))).toEqual(['c3', 'c4']);
      expect(await ids(collection.find({ workspaceId: 'w1' }, { sort: { name: 1 }, skip: 4, limit: 2 }))).toEqual(['c5']);
      expect(await collection.count({ workspaceId: 'w1' })).toBe(5);
    });

    it('updates the given fields of one match and returns the updated document', async () => {
      const collection = await contacts();
      await collection.insert({ id: 'c1', workspaceId: 'w1', name: 'Ana', age: 30, note: 'keep' });
      await collection.insert({ id: 'c1', workspaceId: 'w2', name: 'Ana', age: 30 });
      const updated = await collection.update({ workspaceId: 'w1', id: 'c1' }, { age: 31, tags: ['vip'] });
      expect(updated).toEqual({ id: 'c1', workspaceId: 'w1', name: 'Ana', age: 31, note: 'keep', tags: ['vip'] });
      expect(await collection.findOne({ workspaceId: 'w1', id: 'c1' })).toEqual(updated);
      expect(await collection.findOne({ workspaceId: 'w2', id: 'c1' })).toEqual({ id: 'c1', workspaceId: 'w2', name: 'Ana', age: 30 });
    });

    it('removes a field set to undefined', async () => {
      const collection = await contacts();
      await collection.insert({ id: 'c1', workspaceId: 'w1', name: 'Ana', note: 'drop me' });
      expect(await collection.update({ workspaceId: 'w1', id: 'c1' }, { note: undefined })).toEqual({
        id: 'c1',
        workspaceId: 'w1',
        name: 'Ana',
      });
      expect(await collection.count({ workspaceId: 'w1', note: { $exists: true } })).toBe(0);
    });

    it('replaces a nested object as a whole', async () => {
      const collection = await contacts();
      await collection.insert({ id: 'c1', workspaceId: 'w1', name: 'Ana', address: { city: 'Lima', zip: '15001' } });
      await collection.update({ workspaceId: 'w1', id: 'c1' }, { address: { city: 'Cusco' } });
      expect((await collection.findOne({ workspaceId: 'w1', id: 'c1' }))?.address).toEqual({ city: 'Cusco' });
    });

    it('updates every match with updateMany and leaves other workspaces alone', async () => {
      const collection = await contacts();
      await collection.insert({ id: 'c1', workspaceId: 'w1', name: 'Ana', age: 20 });
      await collection.insert({ id: 'c2', workspaceId: 'w1', name: 'Bea', age: 40 });
      await collection.insert({ id: 'c3', workspaceId: 'w1', name: 'Cy', age: 50 });
      await collection.insert({ id: 'c4', workspaceId: 'w2', name: 'Di', age: 60 });
      expect(await collection.updateMany({ workspaceId: 'w1', age: { $gte: 40 } }, { note: 'senior' })).toBe(2);
      expect(await ids(collection.find({ note: 'senior' }, { sort: { id: 1 } }))).toEqual(['c2', 'c3']);
    });

    it('upserts by id within a workspace: inserts, then replaces the whole document', async () => {
      const collection = await contacts();
      expect(await collection.upsert({ id: 'c1', workspaceId: 'w1', name: 'Ana', age: 30 })).toEqual({
        id: 'c1',
        workspaceId: 'w1',
        name: 'Ana',
        age: 30,
      });
      await collection.upsert({ id: 'c1', workspaceId: 'w2', name: 'Other' });
      const replaced = await collection.upsert({ id: 'c1', workspaceId: 'w1', name: 'Ana B.' });
      expect(replaced).toEqual({ id: 'c1', workspaceId: 'w1', name: 'Ana B.' });
      expect(await collection.find({ workspaceId: 'w1' })).toEqual([replaced]);
      expect(await collection.findOne({ workspaceId: 'w2', id: 'c1' })).toEqual({ id: 'c1', workspaceId: 'w2', name: 'Other' });
    });

    it('deletes every match and reports how many', async () => {
      const collection = await contacts();
      await collection.insert({ id: 'c1', workspaceId: 'w1', name: 'Ana', age: 20 });
      await collection.insert({ id: 'c2', workspaceId: 'w1', name: 'Bea', age: 40 });
      await collection.insert({ id: 'c3', workspaceId: 'w1', name: 'Cy', age: 50 });
      await collection.insert({ id: 'c1', workspaceId: 'w2', name: 'Di', age: 60 });
      expect(await collection.delete({ workspaceId: 'w1', age: { $gt: 30 } })).toBe(2);
      expect(await sortedIds(collection.find({ workspaceId: 'w1' }))).toEqual(['c1']);
      expect(await collection.delete({ workspaceId: 'w1', id: 'c1' })).toBe(1);
      expect(await collection.count({ workspaceId: 'w2' })).toBe(1);
    });

    it('keeps workspaces apart in every query', async () => {
      const collection = await contacts();
      await collection.insert({ id: 'c1', workspaceId: 'w1', name: 'Ana' });
      await collection.insert({ id: 'c2', workspaceId: 'w2', name: 'Ana' });
      expect(await sortedIds(collection.find({ workspaceId: 'w1', name: 'Ana' }))).toEqual(['c1']);
      expect(await collection.count({ workspaceId: 'w2', name: 'Ana' })).toBe(1);
      expect(await collection.findOne({ workspaceId: 'w2', id: 'c1' })).toBeUndefined();
      expect(await collection.update({ workspaceId: 'w2', id: 'c1' }, { name: 'Hijacked' })).toBeUndefined();
      expect((await collection.findOne({ workspaceId: 'w1', id: 'c1' }))?.name).toBe('Ana');
    });

    it('keeps collections apart, and returns the same collection for the same name', async () => {
      const store = await open();
      const a = store.collection<Contact>('alpha');
      const b = store.collection<Contact>('beta');
      await a.insert({ id: 'c1', workspaceId: 'w1', name: 'Ana' });
      expect(await b.count({ workspaceId: 'w1' })).toBe(0);
      const again = store.collection<Contact>('alpha', { indexes: [['workspaceId', 'name']] });
      expect(await again.count({ workspaceId: 'w1' })).toBe(1);
    });

    it('keeps indexes declared by every caller of the same collection', async () => {
      const store = await open();
      store.collection<Contact>('contacts', { indexes: [['workspaceId', 'name']] });
      const withUnique = store.collection<Contact>('contacts', { unique: [['workspaceId', 'idempotencyKey']] });
      await withUnique.insert({ id: 'c1', workspaceId: 'w1', name: 'Ana', idempotencyKey: 'k' });
      await expect(withUnique.insert({ id: 'c2', workspaceId: 'w1', name: 'Bea', idempotencyKey: 'k' })).rejects.toBeInstanceOf(
        DuplicateKeyError,
      );
    });

    it('keeps documents and unique indexes across a reopen', async () => {
      const space = randomUUID();
      const first = await open(space);
      const options = { unique: [['workspaceId', 'idempotencyKey']] };
      const before = first.collection<Contact>('contacts', options);
      await before.insert({ id: 'c1', workspaceId: 'w1', name: 'Ana', idempotencyKey: 'k1' });
      await before.insert({ id: 'c2', workspaceId: 'w1', name: 'Bea' });
      await before.update({ workspaceId: 'w1', id: 'c2' }, { age: 22 });
      await before.upsert({ id: 'c3', workspaceId: 'w1', name: 'Cy' });
      await before.delete({ workspaceId: 'w1', id: 'c3' });
      await first.close();

      const second = await open(space);
      const after = second.collection<Contact>('contacts', options);
      expect(await after.find({ workspaceId: 'w1' }, { sort: { id: 1 } })).toEqual([
        { id: 'c1', workspaceId: 'w1', name: 'Ana', idempotencyKey: 'k1' },
        { id: 'c2', workspaceId: 'w1', name: 'Bea', age: 22 },
      ]);
      await expect(after.insert({ id: 'c4', workspaceId: 'w1', name: 'Di', idempotencyKey: 'k1' })).rejects.toBeInstanceOf(
        DuplicateKeyError,
      );
      await expect(after.insert({ id: 'c1', workspaceId: 'w1', name: 'Di' })).rejects.toBeInstanceOf(DuplicateKeyError);
    });

    it('serves many concurrent writes without losing one', async () => {
      const collection = await contacts({ unique: [['workspaceId', 'idempotencyKey']] });
      await Promise.all(
        Array.from({ length: 100 }, (_, index) => collection.insert({ id: `c${index}`, workspaceId: 'w1', name: `n${index}`, age: 0 })),
      );
      await Promise.all(
        Array.from({ length: 100 }, (_, index) => collection.update({ workspaceId: 'w1', id: `c${index}` }, { age: index })),
      );
      const claims = await Promise.allSettled(
        Array.from({ length: 10 }, (_, index) => collection.update({ workspaceId: 'w1', id: `c${index}` }, { idempotencyKey: 'same' })),
      );
      expect(claims.filter((claim) => claim.status === 'fulfilled')).toHaveLength(1);
      expect(await collection.count({ workspaceId: 'w1' })).toBe(100);
      expect(await collection.count({ workspaceId: 'w1', age: { $gte: 50 } })).toBe(50);
    });
  });
}

/** The ids of the results, in the order the store returned them. */
async function ids(documents: Promise<{ id: string }[]>): Promise<string[]> {
  return (await documents).map((doc) => doc.id);
}

/** The ids of results whose order the query leaves unspecified. */
async function sortedIds(documents: Promise<{ id: string }[]>): Promise<string[]> {
  return (await ids(documents)).sort();
}
