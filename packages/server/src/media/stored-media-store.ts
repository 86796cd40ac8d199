import { randomBytes } from 'node:crypto';
import type { MediaFile } from '@chatflow/engine';
import type { DocumentStore } from '../ports/document-store';
import type { MediaBlobs } from './media-blobs';
import type { MediaStore } from './media-store';
import { sha256InSlices } from './sha256-in-slices';

/** One reference to stored bytes: who it came with and since when it is kept. */
interface MediaRecord {
  id: string;
  workspaceId: string;
  sha256: string;
  mimeType: string;
  size: number;
  filename?: string;
  contactId?: string;
  /** Epoch ms of the last put of these bytes for this contact; retention counts from it. */
  storedAt: number;
}

type RecordMeta = Parameters<MediaStore['register']>[2];

export interface MediaStoreDeps {
  documents: DocumentStore;
  blobs: MediaBlobs;
  /** Files older than this go at the next sweep. */
  retentionMs: number;
  /** The signed link to a stored file (see `media-link.ts`). */
  link(workspaceId: string, id: string): string;
  clock?: () => number;
}

/**
 * The media store over the document store (metadata) and a blob store (bytes, once per sha256 and
 * workspace). Putting the same bytes again for the same contact refreshes the one reference.
 *
 * @example
 * const media = createMediaStore({ documents, blobs: fileBlobs(dataDir), retentionMs: 24 * 3_600_000, link });
 * const file = await media.put('default', bytes, { mimeType: 'audio/ogg', contactId });
 */
export function createMediaStore(deps: MediaStoreDeps): MediaStore {
  const clock = deps.clock ?? Date.now;
  const records = deps.documents.collection<MediaRecord>('media', {
    indexes: [['workspaceId', 'sha256'], ['workspaceId', 'contactId'], ['storedAt']],
  });
  const toFile = (record: MediaRecord): MediaFile => ({
    id: record.id,
    mimeType: record.mimeType,
    size: record.size,
    sha256: record.sha256,
    url: deps.link(record.workspaceId, record.id),
    ...(record.filename ? { filename: record.filename } : {}),
  });

  /** Deletes the references, then the bytes no reference points at any more. */
  async function remove(found: MediaRecord[]): Promise<void> {
    for (const record of found) await records.delete({ workspaceId: record.workspaceId, id: record.id });
    const digests = new Map(found.map((r) => [`${r.workspaceId}\u0000${r.sha256}`, r]));
    for (const { workspaceId, sha256 } of digests.values()) {
      if ((await records.count({ workspaceId, sha256 })) === 0) await deps.blobs.delete(workspaceId, sha256);
    }
  }

  async function register(workspaceId: string, stored: { sha256: string; size: number }, meta: RecordMeta): Promise<MediaFile> {
    const same = {
      workspaceId,
      sha256: stored.sha256,
      mimeType: meta.mimeType,
      contactId: meta.contactId ?? { $exists: false },
      filename: meta.filename ?? { $exists: false },
    };
    const storedAt = clock();
    const existing = await records.update(same, { storedAt });
    if (existing) return toFile(existing);
    return toFile(
      await records.insert({
        id: randomBytes(16).toString('hex'),
        workspaceId,
        sha256: stored.sha256,
        mimeType: meta.mimeType,
        size: stored.size,
        ...(meta.filename ? { filename: meta.filename } : {}),
        ...(meta.contactId ? { contactId: meta.contactId } : {}),
        storedAt,
      }),
    );
  }

  return {
    async put(workspaceId, bytes, meta) {
      const sha256 = meta.sha256 ?? (await sha256InSlices(bytes));
      await deps.blobs.write(workspaceId, sha256, bytes);
      return register(workspaceId, { sha256, size: bytes.byteLength }, meta);
    },
    register,
    async get(workspaceId, id) {
      const record = await records.findOne({ workspaceId, id });
      if (!record || record.storedAt < clock() - deps.retentionMs) return undefined;
      const bytes = await deps.blobs.read(workspaceId, record.sha256);
      return bytes ? { file: toFile(record), bytes } : undefined;
    },
    async deleteForContact(workspaceId, contactId) {
      await remove(await records.find({ workspaceId, contactId }));
    },
    async deleteWorkspace(workspaceId) {
      await remove(await records.find({ workspaceId }));
    },
    async sweep(now = new Date(clock())) {
      const old = await records.find({ storedAt: { $lt: now.getTime() - deps.retentionMs } });
      await remove(old);
      return old.length;
    },
  };
}
