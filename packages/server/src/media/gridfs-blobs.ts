import type { Connection } from 'mongoose';
import mongoose from 'mongoose';
import type { MediaBlobs } from './media-blobs';

/** Media bytes in MongoDB GridFS (bucket `media`), one file named `<workspace>/<sha256>` per digest. */
export function gridFsBlobs(connection: Connection): MediaBlobs {
  const db = connection.db;
  if (!db) throw new Error('the MongoDB connection is not open');
  const bucket = new mongoose.mongo.GridFSBucket(db, { bucketName: 'media' });
  const name = (workspaceId: string, sha256: string) => `${workspaceId}/${sha256}`;
  const files = (workspaceId: string, sha256: string) => bucket.find({ filename: name(workspaceId, sha256) }).toArray();
  return {
    async write(workspaceId, sha256, bytes) {
      if ((await files(workspaceId, sha256)).length > 0) return;
      await new Promise<void>((resolve, reject) => {
        const upload = bucket.openUploadStream(name(workspaceId, sha256));
        upload.once('finish', () => resolve());
        upload.once('error', reject);
        upload.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      });
    },
    async read(workspaceId, sha256) {
      const [file] = await files(workspaceId, sha256);
      if (!file) return undefined;
      const chunks: Buffer[] = [];
      for await (const chunk of bucket.openDownloadStream(file._id)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    async delete(workspaceId, sha256) {
      for (const file of await files(workspaceId, sha256)) await bucket.delete(file._id);
    },
  };
}
