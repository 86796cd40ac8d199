import type { DocumentStore } from '../ports/document-store';
import type { SecretBox } from '../security/secret-box';

/** A workspace secret as stored: its value sealed with SECRET_KEY. */
interface SecretRecord {
  /** The secret's name, e.g. `SHOP_KEY`. */
  id: string;
  workspaceId: string;
  /** Sealed (AES-256-GCM). */
  value: string;
  updatedAt: number;
}

/** A secret as the API shows it: its name, never its value. */
export interface SecretView {
  name: string;
  updatedAt: number;
}

export interface SecretRepository {
  list(workspaceId: string): Promise<SecretView[]>;
  /** Sets or replaces a secret; true when it was new. */
  put(workspaceId: string, name: string, value: string, now: number): Promise<boolean>;
  delete(workspaceId: string, name: string): Promise<boolean>;
  /** The decrypted value, for the host's outbound requests only; undefined when it is not set. */
  read(workspaceId: string, name: string): Promise<string | undefined>;
}

/**
 * Workspace secrets (API keys flows use as `{{secrets.NAME}}`) on the document store (`secrets`).
 * Each value is sealed with a context naming the workspace and the secret, so a sealed value
 * copied onto another record does not open.
 */
export function createSecretRepository(documents: DocumentStore, box: SecretBox): SecretRepository {
  const secrets = documents.collection<SecretRecord>('secrets', { unique: [['workspaceId', 'id']] });
  const context = (workspaceId: string, name: string) => `${workspaceId}/secret/${name}`;
  return {
    list: async (workspaceId) =>
      (await secrets.find({ workspaceId }, { sort: { id: 1 } })).map((record) => ({ name: record.id, updatedAt: record.updatedAt })),
    async put(workspaceId, name, value, now) {
      const existed = (await secrets.findOne({ workspaceId, id: name })) !== undefined;
      await secrets.upsert({ id: name, workspaceId, value: box.seal(value, context(workspaceId, name)), updatedAt: now });
      return !existed;
    },
    delete: async (workspaceId, name) => (await secrets.delete({ workspaceId, id: name })) > 0,
    async read(workspaceId, name) {
      const found = await secrets.findOne({ workspaceId, id: name });
      return found ? box.open(found.value, context(workspaceId, name)) : undefined;
    },
  };
}
