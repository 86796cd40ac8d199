import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedDocumentStore } from '../stores/embedded-document-store';
import { fileBlobs } from './file-blobs';
import { mediaStoreContract } from './media-store.contract';
import { createMediaStore } from './stored-media-store';

const root = await mkdtemp(join(tmpdir(), 'chatflow-media-'));
afterAll(() => rm(root, { recursive: true, force: true }));

async function openAt(dataDir: string, clock: () => number = Date.now) {
  const documents = new EmbeddedDocumentStore(dataDir);
  const link = (workspaceId: string, id: string) => `http://localhost/media/${workspaceId}/${id}`;
  const media = createMediaStore({ documents, blobs: fileBlobs(dataDir), retentionMs: 24 * 3_600_000, link, clock });
  return { media, close: () => documents.close() };
}

mediaStoreContract('Files under DATA_DIR', async (clock) => openAt(await mkdtemp(join(root, 'store-')), clock));

describe('Files under DATA_DIR', () => {
  it('keeps one owner-only file per sha256, however often it is put', async () => {
    const dataDir = await mkdtemp(join(root, 'files-'));
    const { media, close } = await openAt(dataDir);
    const file = await media.put('w1', new TextEncoder().encode('photo'), { mimeType: 'image/jpeg', contactId: 'c1' });
    await media.put('w1', new TextEncoder().encode('photo'), { mimeType: 'image/jpeg', contactId: 'c2' });
    const [folder] = await readdir(join(dataDir, 'media'));
    const folderPath = join(dataDir, 'media', String(folder));
    expect(await readdir(folderPath)).toEqual([file.sha256]);
    expect((await stat(folderPath)).mode & 0o777).toBe(0o700);
    expect((await stat(join(folderPath, file.sha256))).mode & 0o777).toBe(0o600);
    await close();
  });
});
