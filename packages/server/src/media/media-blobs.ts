/**
 * Where a media store keeps the bytes, addressed by workspace and sha256 (one copy per file and
 * workspace, however many references point at it). The metadata lives in the document store.
 */
export interface MediaBlobs {
  /** Writes the bytes unless that digest is already stored. */
  write(workspaceId: string, sha256: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or undefined when they are gone. */
  read(workspaceId: string, sha256: string): Promise<Uint8Array | undefined>;
  delete(workspaceId: string, sha256: string): Promise<void>;
}
