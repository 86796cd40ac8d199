import { rm } from 'node:fs/promises';
import { downloadMedia, GraphMediaError } from '../whatsapp/graph-media';
import type { DownloadPool } from './download-pool';
import type { FileBlobs } from './file-blobs';
import type { MediaBlobs } from './media-blobs';

/** Downloads a customer's file into a media store's blobs, to be registered with `MediaStore.register`. */
export interface MediaDownloads {
  /**
   * Downloads `url` with the token, refusing more than `maxBytes` and, when Meta gave one, a
   * sha256 that differs; nothing is kept from a refused file.
   */
  fetch(
    workspaceId: string,
    url: string,
    token: string,
    limits: { maxBytes: number; sha256?: string },
  ): Promise<{ sha256: string; size: number }>;
}

const mismatch = () => new GraphMediaError('the downloaded file does not match the sha256 WhatsApp gave for it');

/** Files under DATA_DIR: a worker thread of the pool streams the bytes to disk; this thread only renames the file. */
export function workerDownloads(blobs: FileBlobs, pool: DownloadPool): MediaDownloads {
  return {
    async fetch(workspaceId, url, token, limits) {
      const path = await blobs.partial(workspaceId);
      // A worker removes its file when the download fails; not when the worker itself stopped.
      const stored = await pool.run({ url, token, maxBytes: limits.maxBytes, path }).catch(async (error: unknown) => {
        await rm(path, { force: true });
        throw error;
      });
      if (limits.sha256 && stored.sha256 !== limits.sha256) {
        await rm(path, { force: true });
        throw mismatch();
      }
      await blobs.adopt(workspaceId, path, stored.sha256);
      return stored;
    },
  };
}

/** Any other blobs (GridFS, whose connection a worker thread cannot share): downloaded on this thread. */
export function streamedDownloads(blobs: MediaBlobs): MediaDownloads {
  return {
    async fetch(workspaceId, url, token, limits) {
      const { bytes, sha256 } = await downloadMedia(url, token, limits.maxBytes);
      if (limits.sha256 && sha256 !== limits.sha256) throw mismatch();
      await blobs.write(workspaceId, sha256, bytes);
      return { sha256, size: bytes.byteLength };
    },
  };
}
