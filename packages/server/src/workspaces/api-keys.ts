import { randomBytes, randomUUID } from 'node:crypto';
import type { DocumentStore } from '../ports/document-store';
import { hashToken } from '../security/local-secrets';
import type { AuthUser } from '../users/auth-service';
import type { UserRole } from '../users/user-repository';

/** A workspace API key as stored: only the key's SHA-256, so a leaked database holds no usable key. */
export interface ApiKeyRecord {
  id: string;
  workspaceId: string;
  name: string;
  role: UserRole;
  keyHash: string;
  /** The key's first characters, so a person can tell keys apart. */
  prefix: string;
  createdAt: number;
  lastUsedAt?: number;
}

export interface ApiKeys {
  /** Makes a key; the key itself is in the answer only. */
  create(workspaceId: string, input: { name: string; role: UserRole }, now: number): Promise<{ record: ApiKeyRecord; key: string }>;
  list(workspaceId: string): Promise<ApiKeyRecord[]>;
  get(workspaceId: string, id: string): Promise<ApiKeyRecord | undefined>;
  revoke(workspaceId: string, id: string): Promise<boolean>;
  /** The caller a key (named by its SHA-256) signs in as, noting its use; undefined for an unknown key. */
  authenticate(keyHash: string): Promise<AuthUser | undefined>;
}

/** A key's last use is written at most this often, so a busy key does not write on every request. */
const LAST_USE_PRECISION_MS = 60_000;

/**
 * Workspace API keys on the document store (`api_keys`). A key acts in its workspace only, with
 * its role; its requests are counted by the API's per-token limit apart from every other key's.
 */
export function createApiKeys(documents: DocumentStore, clock: () => number = Date.now): ApiKeys {
  const keys = documents.collection<ApiKeyRecord>('api_keys', { unique: [['keyHash']], indexes: [['workspaceId', 'createdAt']] });
  return {
    async create(workspaceId, input, now) {
      const key = `cfk_${randomBytes(32).toString('base64url')}`;
      const record: ApiKeyRecord = {
        id: randomUUID(),
        workspaceId,
        name: input.name,
        role: input.role,
        keyHash: hashToken(key),
        prefix: key.slice(0, 10),
        createdAt: now,
      };
      return { record: await keys.insert(record), key };
    },
    list: (workspaceId) => keys.find({ workspaceId }, { sort: { createdAt: 1 } }),
    get: (workspaceId, id) => keys.findOne({ workspaceId, id }),
    revoke: async (workspaceId, id) => (await keys.delete({ workspaceId, id })) > 0,
    async authenticate(keyHash) {
      const found = await keys.findOne({ keyHash });
      if (!found) return undefined;
      const now = clock();
      if (found.lastUsedAt === undefined || now - found.lastUsedAt >= LAST_USE_PRECISION_MS) {
        await keys.update({ workspaceId: found.workspaceId, id: found.id }, { lastUsedAt: now });
      }
      return { id: `key:${found.id}`, role: found.role, workspaceId: found.workspaceId, departments: [], name: found.name };
    },
  };
}
