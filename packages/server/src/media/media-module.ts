import type { Router } from 'express';
import type { Config } from '../config';
import type { QueueItem } from '../conversation/queue-item';
import type { DocumentStore } from '../ports/document-store';
import { MongoDocumentStore } from '../stores/mongo-document-store';
import { createDownloadPool } from './download-pool';
import { fileBlobs } from './file-blobs';
import { gridFsBlobs } from './gridfs-blobs';
import { createInboundMedia } from './inbound-media';
import type { MediaBlobs } from './media-blobs';
import { type MediaDownloads, streamedDownloads, workerDownloads } from './media-downloads';
import { mediaLinks } from './media-link';
import { mediaRoutes } from './media-routes';
import type { MediaStore } from './media-store';
import { createMediaUploads, type MediaUploads } from './media-uploads';
import { createMediaStore } from './stored-media-store';

export interface MediaModuleDeps {
  config: Pick<Config, 'dataDir' | 'mediaRetentionHours' | 'publicUrl' | 'whatsapp'>;
  documents: DocumentStore;
  secretKey: Buffer;
  /** The port the server listens on, for links when `PUBLIC_URL` is unset. */
  port(): number;
  accessToken(phoneNumberId: string, workspaceId: string): Promise<string | undefined>;
  logger: { warn(message: string, details?: Record<string, unknown>): void };
}

export interface MediaModule {
  media: MediaStore;
  uploads: MediaUploads;
  /** The conversation service's `prepare`: downloads a customer's media in its turn. */
  prepare(item: QueueItem, contactId: string): Promise<QueueItem>;
  /** `GET /media/:workspace/:id` (signed links). */
  router: Router;
  /** Sweeps out files older than `MEDIA_RETENTION_HOURS` periodically; returns the stop. */
  startSweep(): () => void;
  /** Stops the download workers. */
  close(): Promise<void>;
}

/**
 * Media in and out: the store (files under DATA_DIR, GridFS with MongoDB), signed links, inbound
 * downloads, uploads to WhatsApp, and the retention sweep.
 */
export function createMediaModule(deps: MediaModuleDeps): MediaModule {
  const { config, documents } = deps;
  const retentionMs = config.mediaRetentionHours * 3_600_000;
  const { blobs, downloads, close } = storage(documents, config.dataDir);
  const links = mediaLinks({
    secretKey: deps.secretKey,
    baseUrl: () => config.publicUrl ?? `http://localhost:${deps.port()}`,
    lifetimeMs: retentionMs,
  });
  const media = createMediaStore({ documents, blobs, retentionMs, link: links.link });
  const graphUrl = config.whatsapp.graphUrl;
  return {
    media,
    uploads: createMediaUploads({ documents, media, graphUrl }),
    prepare: createInboundMedia({ media, downloads, graphUrl, accessToken: deps.accessToken, logger: deps.logger }),
    router: mediaRoutes({ media, links }),
    startSweep() {
      const timer = setInterval(
        () => {
          media.sweep().catch((error: unknown) => deps.logger.warn('sweeping expired media failed', { error: String(error) }));
        },
        Math.min(retentionMs, 10 * 60_000),
      );
      timer.unref();
      return () => clearInterval(timer);
    },
    close,
  };
}

/**
 * Files under DATA_DIR, downloaded by worker threads; or GridFS, downloaded on this thread (its
 * MongoDB connection cannot be shared with a worker).
 */
function storage(documents: DocumentStore, dataDir: string): { blobs: MediaBlobs; downloads: MediaDownloads; close(): Promise<void> } {
  if (documents instanceof MongoDocumentStore) {
    const blobs = gridFsBlobs(documents.connection);
    return { blobs, downloads: streamedDownloads(blobs), close: async () => {} };
  }
  const blobs = fileBlobs(dataDir);
  const pool = createDownloadPool();
  return { blobs, downloads: workerDownloads(blobs, pool), close: () => pool.close() };
}
