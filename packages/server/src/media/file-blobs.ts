import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MediaBlobs } from './media-blobs';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Media bytes as files under `<dataDir>/media/<workspace>/<sha256>`, readable by this user only.
 * The workspace folder is named by a digest of its id, so no id can reach outside the folder.
 */
export function fileBlobs(dataDir: string): MediaBlobs {
  const root = join(dataDir, 'media');
  const folder = (workspaceId: string) => join(root, createHash('sha256').update(workspaceId).digest('hex').slice(0, 32));
  const path = (workspaceId: string, sha256: string) => {
    if (!SHA256.test(sha256)) throw new TypeError('a media digest is 64 lowercase hex characters');
    return join(folder(workspaceId), sha256);
  };
  return {
    async write(workspaceId, sha256, bytes) {
      const target = path(workspaceId, sha256);
      if (await stat(target).catch(() => undefined)) return;
      await mkdir(folder(workspaceId), { recursive: true, mode: 0o700 });
      // Written aside, then renamed: a reader never sees half a file.
      const partial = `${target}.${randomUUID()}.part`;
      await writeFile(partial, bytes, { mode: 0o600 });
      await rename(partial, target);
    },
    read: (workspaceId, sha256) => readFile(path(workspaceId, sha256)).catch(() => undefined),
    delete: (workspaceId, sha256) => rm(path(workspaceId, sha256), { force: true }),
  };
}
