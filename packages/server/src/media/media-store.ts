import type { MediaFile } from '@chatflow/engine';

/**
 * Where the server keeps files a conversation carries: a customer's voice note, a service's
 * answer, a file a flow sends. Files under `DATA_DIR` by default, GridFS with `MONGODB_URI`.
 * Every call is scoped to a workspace: an id from another workspace is not found.
 */
export interface MediaStore {
  /**
   * Stores the bytes (deduplicated by sha256 within the workspace) and returns their reference.
   * `sha256` saves hashing them again when the caller already did (a download hashed as it streamed).
   */
  put(
    workspaceId: string,
    bytes: Uint8Array,
    meta: { mimeType: string; filename?: string; contactId?: string; sha256?: string },
  ): Promise<MediaFile>;
  /**
   * Registers bytes a download already left in the blob store (see `media-downloads.ts`), as
   * `put` would have stored them; the bytes never pass through this thread.
   */
  register(
    workspaceId: string,
    stored: { sha256: string; size: number },
    meta: { mimeType: string; filename?: string; contactId?: string },
  ): Promise<MediaFile>;
  /** The reference and bytes of a stored file; undefined when unknown, expired or erased. */
  get(workspaceId: string, id: string): Promise<{ file: MediaFile; bytes: Uint8Array } | undefined>;
  /** Deletes every file stored for a contact (erasure). */
  deleteForContact(workspaceId: string, contactId: string): Promise<void>;
  /** Deletes every file of a workspace (the workspace is being deleted). */
  deleteWorkspace(workspaceId: string): Promise<void>;
  /** Deletes files older than the retention period; returns how many went. */
  sweep(now?: Date): Promise<number>;
}
