import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Datastore from '@seald-io/nedb';
import { afterAll, describe, expect, it } from 'vitest';
import { DuplicateKeyError } from '../ports/document-store';
import { documentStoreContract } from './document-store.contract';
import { EmbeddedDocumentStore } from './embedded-document-store';

const root = await mkdtemp(join(tmpdir(), 'chatflow-embedded-documents-'));
afterAll(() => rm(root, { recursive: true, force: true }));

documentStoreContract('EmbeddedDocumentStore', async (space) => new EmbeddedDocumentStore(join(root, space)));

interface Note {
  id: string;
  workspaceId: string;
  text: string;
  key?: string;
}

describe('EmbeddedDocumentStore', () => {
  it('keeps each collection in its own datafile in the data folder', async () => {
    const dataDir = join(root, 'datafiles');
    const store = new EmbeddedDocumentStore(dataDir);
    await store.collection<Note>('notes').insert({ id: 'n1', workspaceId: 'w1', text: 'hello' });
    await store.collection<Note>('flow-versions').insert({ id: 'v1', workspaceId: 'w1', text: 'v' });
    await store.close();
    expect(await readFile(join(dataDir, 'notes.db'), 'utf8')).toContain('"hello"');
    expect(await readFile(join(dataDir, 'flow-versions.db'), 'utf8')).toContain('"v1"');
  });

  it('rejects a collection name that is not a plain file name', () => {
    const store = new EmbeddedDocumentStore(join(root, 'names'));
    expect(() => store.collection('../escape')).toThrow(/Collection name "..\/escape" is not allowed/);
  });

  it('compacts a datafile once most of its lines are outdated', async () => {
    const dataDir = join(root, 'compaction');
    const store = new EmbeddedDocumentStore(dataDir, { compactAfterStaleLines: 50 });
    const notes = store.collection<Note>('notes');
    await notes.insert({ id: 'n1', workspaceId: 'w1', text: 'v0' });
    for (let version = 1; version <= 120; version += 1) await notes.update({ workspaceId: 'w1', id: 'n1' }, { text: `v${version}` });
    await store.close();
    const lines = (await readFile(join(dataDir, 'notes.db'), 'utf8')).trim().split('\n');
    expect(lines.length).toBeLessThan(80);
    const reopened = new EmbeddedDocumentStore(dataDir);
    expect(await reopened.collection<Note>('notes').findOne({ workspaceId: 'w1', id: 'n1' })).toEqual({
      id: 'n1',
      workspaceId: 'w1',
      text: 'v120',
    });
    await reopened.close();
  });

  it('stops enforcing a unique index that is no longer declared', async () => {
    const dataDir = join(root, 'dropped-index');
    const first = new EmbeddedDocumentStore(dataDir);
    const strict = first.collection<Note>('notes', { unique: [['workspaceId', 'key']] });
    await strict.insert({ id: 'n1', workspaceId: 'w1', text: 'a', key: 'k' });
    await expect(strict.insert({ id: 'n2', workspaceId: 'w1', text: 'b', key: 'k' })).rejects.toBeInstanceOf(DuplicateKeyError);
    await first.close();

    const second = new EmbeddedDocumentStore(dataDir);
    const relaxed = second.collection<Note>('notes');
    await relaxed.insert({ id: 'n2', workspaceId: 'w1', text: 'b', key: 'k' });
    expect(await relaxed.count({ workspaceId: 'w1', key: 'k' })).toBe(2);
    await second.close();
  });

  it('refuses to declare a unique index over documents that already collide, with the fields named', async () => {
    const dataDir = join(root, 'late-unique');
    const first = new EmbeddedDocumentStore(dataDir);
    const notes = first.collection<Note>('notes');
    await notes.insert({ id: 'n1', workspaceId: 'w1', text: 'a', key: 'k' });
    await notes.insert({ id: 'n2', workspaceId: 'w1', text: 'b', key: 'k' });
    await first.close();

    const second = new EmbeddedDocumentStore(dataDir);
    const strict = second.collection<Note>('notes', { unique: [['workspaceId', 'key']] });
    await expect(strict.count({ workspaceId: 'w1' })).rejects.toThrow('Collection "notes" holds documents that share (workspaceId, key)');
    await second.close();
  });

  it('loads a datafile whose last line was cut short by a crash', async () => {
    const dataDir = join(root, 'torn');
    const first = new EmbeddedDocumentStore(dataDir);
    await first.collection<Note>('notes').insert({ id: 'n1', workspaceId: 'w1', text: 'kept' });
    await first.close();
    const { appendFile } = await import('node:fs/promises');
    await appendFile(join(dataDir, 'notes.db'), '{"id":"n2","workspaceId":"w1","te');

    const second = new EmbeddedDocumentStore(dataDir);
    const notes = second.collection<Note>('notes');
    expect(await notes.find({ workspaceId: 'w1' })).toEqual([{ id: 'n1', workspaceId: 'w1', text: 'kept' }]);
    await notes.insert({ id: 'n3', workspaceId: 'w1', text: 'after' });
    await second.close();
    const third = new EmbeddedDocumentStore(dataDir);
    expect(await third.collection<Note>('notes').count({ workspaceId: 'w1' })).toBe(2);
    await third.close();
  });

  it('keeps a datafile that plain nedb loads, with the documents as the store returns them', async () => {
    const dataDir = join(root, 'plain-nedb');
    const store = new EmbeddedDocumentStore(dataDir);
    const notes = store.collection<Note>('notes', { unique: [['workspaceId', 'key']] });
    await notes.insert({ id: 'n1', workspaceId: 'w1', text: 'a', key: 'k1' });
    await notes.insert({ id: 'n2', workspaceId: 'w1', text: 'b' });
    await notes.update({ workspaceId: 'w1', id: 'n2' }, { text: 'b2' });
    await notes.upsert({ id: 'n3', workspaceId: 'w1', text: 'c' });
    await notes.delete({ workspaceId: 'w1', id: 'n3' });
    await store.close();

    const plain = new Datastore<Note & { _id?: string }>({ filename: join(dataDir, 'notes.db') });
    await plain.loadDatabaseAsync();
    const docs = (await plain.findAsync({}, { _id: 0 })).sort((a, b) => a.id.localeCompare(b.id));
    expect(docs).toEqual([
      { id: 'n1', workspaceId: 'w1', text: 'a', key: 'k1' },
      { id: 'n2', workspaceId: 'w1', text: 'b2' },
    ]);
  });

  it('opens a datafile written by nedb itself (random ids, index lines) and goes on writing it', async () => {
    const dataDir = join(root, 'from-nedb');
    await mkdir(dataDir, { recursive: true });
    const plain = new Datastore({ filename: join(dataDir, 'notes.db') });
    await plain.loadDatabaseAsync();
    await plain.ensureIndexAsync({ fieldName: ['id', 'workspaceId'], unique: true });
    await plain.insertAsync([
      { id: 'n1', workspaceId: 'w1', text: 'a' },
      { id: 'n2', workspaceId: 'w1', text: 'b' },
    ]);
    await plain.updateAsync({ id: 'n2' }, { $set: { text: 'b2' } }, {});

    const first = new EmbeddedDocumentStore(dataDir);
    const notes = first.collection<Note>('notes');
    expect(await notes.find({ workspaceId: 'w1' }, { sort: { id: 1 } })).toEqual([
      { id: 'n1', workspaceId: 'w1', text: 'a' },
      { id: 'n2', workspaceId: 'w1', text: 'b2' },
    ]);
    await notes.delete({ workspaceId: 'w1', id: 'n1' });
    await expect(notes.insert({ id: 'n2', workspaceId: 'w1', text: 'again' })).rejects.toBeInstanceOf(DuplicateKeyError);
    await first.close();

    const second = new EmbeddedDocumentStore(dataDir);
    expect(await second.collection<Note>('notes').find({ workspaceId: 'w1' })).toEqual([{ id: 'n2', workspaceId: 'w1', text: 'b2' }]);
    await second.close();
  });

  it('answers equality on an indexed field by its array elements, as it does without the index', async () => {
    const store = new EmbeddedDocumentStore(join(root, 'array-index'));
    const tagged = store.collection<Note & { tags: string | string[] }>('tagged', { indexes: [['workspaceId', 'tags']] });
    await tagged.insert({ id: 'n1', workspaceId: 'w1', text: 'a', tags: 'vip' });
    expect(await tagged.count({ workspaceId: 'w1', tags: 'vip' })).toBe(1);
    await tagged.insert({ id: 'n2', workspaceId: 'w1', text: 'b', tags: ['new', 'vip'] });
    expect((await tagged.find({ workspaceId: 'w1', tags: 'vip' }, { sort: { id: 1 } })).map((n) => n.id)).toEqual(['n1', 'n2']);
    expect((await tagged.find({ workspaceId: 'w1', tags: 'new' })).map((n) => n.id)).toEqual(['n2']);
    await store.close();
  });

  it('loses no write made while the datafile is being compacted', async () => {
    const dataDir = join(root, 'busy-compaction');
    const store = new EmbeddedDocumentStore(dataDir, { compactAfterStaleLines: 20 });
    const notes = store.collection<Note>('notes');
    await Promise.all(Array.from({ length: 20 }, (_, i) => notes.insert({ id: `n${i}`, workspaceId: 'w1', text: 'v0' })));
    for (let round = 1; round <= 30; round += 1) {
      await Promise.all(Array.from({ length: 20 }, (_, i) => notes.update({ workspaceId: 'w1', id: `n${i}` }, { text: `v${round}` })));
    }
    await notes.delete({ workspaceId: 'w1', id: 'n0' });
    await store.close();
    const lines = (await readFile(join(dataDir, 'notes.db'), 'utf8')).trim().split('\n');
    expect(lines.length).toBeLessThan(600);

    const reopened = new EmbeddedDocumentStore(dataDir);
    const after = await reopened.collection<Note>('notes').find({ workspaceId: 'w1' });
    expect(after).toHaveLength(19);
    expect(after.every((note) => note.text === 'v30')).toBe(true);
    await reopened.close();
  });

  it('rejects calls after close', async () => {
    const store = new EmbeddedDocumentStore(join(root, 'closed'));
    const notes = store.collection<Note>('notes');
    await store.close();
    await expect(notes.insert({ id: 'n1', workspaceId: 'w1', text: 'x' })).rejects.toThrow(/closed/);
    expect(() => store.collection('other')).toThrow(/closed/);
  });
});
