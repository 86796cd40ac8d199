import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MediaBlobs } from './media-blobs';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Media bytes as files under `<dataDir>/media/<workspace>/<sha256>`, readable by this user only.
 * The workspace folder is named by a digest of its id, so no id can reach outside the folder.
 */
export interface FileBlobs extends MediaBlobs {
  /** A new file path in the workspace's folder for a download to stream into (see `download-pool.ts`). */
  partial(workspaceId: string): Promise<string>;
  /** Makes a finished partial file the workspace's bytes of that digest (or drops it when they are already there). */
  adopt(workspaceId: string, partial: string, sha256: string): Promise<void>;
}

export function fileBlobs(dataDir: string): FileBlobs {
  const root = join(dataDir, 'media');
  const folder = (workspaceId: string) => join(root, createHash('sha256').update(workspaceId).digest('hex').slice(0, 32));
  const path = (workspaceId: string, sha256: string) => {
    if (!SHA256.test(sha256)) throw new TypeError('a media digest is 64 lowercase hex characters');
    return join(folder(workspaceId), sha256);
  };
  const exists = async (target: string) => (await stat(target).catch(() => undefined)) !== undefined;
  async function partial(workspaceId: string): Promise<string> {
    await mkdir(folder(workspaceId), { recursive: true, mode: 0o700 });
    // Written aside, then renamed: a reader never sees half a file.
    return join(folder(workspaceId), `${randomUUID()}.part`);
  }
  async function adopt(workspaceId: string, file: string, sha256: string): Promise<void> {
    const target = path(workspaceId, sha256);
    if (await exists(target)) await rm(file, { force: true });
    else await rename(file, target);
  }
  return {
    async write(workspaceId, sha256, bytes) {
      if (await exists(path(workspaceId, sha256))) return;
      const file = await partial(workspaceId);
      await writeFile(file, bytes, { mode: 0o600 });
      await adopt(workspaceId, file, sha256);
    },
    partial,
    adopt,
    read: (workspaceId, sha256) => readFile(path(workspaceId, sha256)).catch(() => undefined),
    delete: (workspaceId, sha256) => rm(path(workspaceId, sha256), { force: true }),
  };
}
