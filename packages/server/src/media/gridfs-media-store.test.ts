import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { MongoDocumentStore } from '../stores/mongo-document-store';
import { gridFsBlobs } from './gridfs-blobs';
import { mediaStoreContract } from './media-store.contract';
import { createMediaStore } from './stored-media-store';

// Like the MongoDB document store suite: runs only where a MongoDB server is provided.
const uri = process.env.MONGODB_URI?.trim() || undefined;
if (!uri) console.warn('GridFS media store contract suite skipped: set MONGODB_URI to run it');

describe.skipIf(!uri)('GridFS media store against MONGODB_URI', () => {
  mediaStoreContract('GridFS', async (clock) => {
    const documents = await MongoDocumentStore.connect(uri ?? '', { dbName: `chatflow_media_${randomUUID().slice(0, 8)}` });
    const link = (workspaceId: string, id: string) => `http://localhost/media/${workspaceId}/${id}`;
    const media = createMediaStore({ documents, blobs: gridFsBlobs(documents.connection), retentionMs: 24 * 3_600_000, link, clock });
    return {
      media,
      close: async () => {
        await documents.connection.dropDatabase();
        await documents.close();
      },
    };
  });
});
