import type { MediaFile } from '@chatflow/engine';
import type { DocumentStore } from '../ports/document-store';
import { GraphMediaError, uploadMedia } from '../whatsapp/graph-media';
import { mimeEssence } from '../whatsapp/media-rules';
import type { MediaStore } from './media-store';

/** A file uploaded to WhatsApp from one business number. */
interface UploadRecord {
  /** `<phoneNumberId>:<sha256>` */
  id: string;
  workspaceId: string;
  mediaId: string;
  uploadedAt: number;
}

/** Upload ids live 30 days at Meta; one is used for 29 so none expires between lookup and send. */
const REUSE_MS = 29 * 24 * 3_600_000;

export interface MediaUploads {
  /**
   * The WhatsApp media id of a stored file for a business number: uploaded with
   * `POST /{phone-number-id}/media` the first time, then remembered by sha256. `fresh` forgets the
   * remembered id first (Meta said it is gone). Rejects with a `GraphMediaError` saying why.
   */
  mediaId(target: { workspaceId: string; phoneNumberId: string; token: string }, file: MediaFile, fresh?: boolean): Promise<string>;
}

export function createMediaUploads(deps: {
  documents: DocumentStore;
  media: MediaStore;
  graphUrl: string;
  clock?: () => number;
}): MediaUploads {
  const clock = deps.clock ?? Date.now;
  const uploads = deps.documents.collection<UploadRecord>('whatsapp_media');
  /** Uploads in flight, so two sends of one file at once upload it once. */
  const inFlight = new Map<string, Promise<string>>();

  async function upload(target: { workspaceId: string; phoneNumberId: string; token: string }, file: MediaFile, id: string) {
    const stored = await deps.media.get(target.workspaceId, file.id);
    if (!stored) throw new GraphMediaError('the file is no longer stored (it expired or was deleted)');
    const mediaId = await uploadMedia(deps.graphUrl, target.token, target.phoneNumberId, {
      bytes: stored.bytes,
      mimeType: mimeEssence(stored.file.mimeType),
      ...(stored.file.filename ? { filename: stored.file.filename } : {}),
    });
    await uploads.upsert({ id, workspaceId: target.workspaceId, mediaId, uploadedAt: clock() });
    return mediaId;
  }

  return {
    async mediaId(target, file, fresh = false) {
      const id = `${target.phoneNumberId}:${file.sha256}`;
      const known = fresh ? undefined : await uploads.findOne({ workspaceId: target.workspaceId, id });
      if (known && clock() - known.uploadedAt < REUSE_MS) return known.mediaId;
      const key = `${target.workspaceId}\u0000${id}`;
      const pending = inFlight.get(key) ?? upload(target, file, id).finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
      return pending;
    },
  };
}
