import type { DocumentStore } from '../ports/document-store';
import { createReadCache } from './read-cache';

/** Per-workspace settings: one document whose id is the workspace id. */
export interface WorkspaceSettingsRecord {
  id: string;
  workspaceId: string;
  /** New WhatsApp conversations on a number without its own flow start on this flow's newest version. */
  defaultFlowId?: string;
  /** When the example flows were seeded; they are seeded once, even if the admin deletes them later. */
  seededAt?: number;
}

export interface WorkspaceSettings {
  get(workspaceId: string): Promise<WorkspaceSettingsRecord>;
  set(workspaceId: string, set: Partial<Omit<WorkspaceSettingsRecord, 'id' | 'workspaceId'>>): Promise<WorkspaceSettingsRecord>;
}

/** Workspace settings on the document store (`workspaces`); read by every new conversation, so reused for a second. */
export function createWorkspaceSettings(documents: DocumentStore): WorkspaceSettings {
  const workspaces = documents.collection<WorkspaceSettingsRecord>('workspaces', { unique: [['workspaceId', 'id']] });
  const cache = createReadCache<WorkspaceSettingsRecord>();
  const get = (workspaceId: string) =>
    cache.get(workspaceId, async () => (await workspaces.findOne({ workspaceId, id: workspaceId })) ?? { id: workspaceId, workspaceId });
  return {
    get,
    async set(workspaceId, set) {
      const next: WorkspaceSettingsRecord = { ...(await get(workspaceId)), ...set, id: workspaceId, workspaceId };
      // A field set to undefined is cleared: the stored document must not keep it.
      for (const [key, value] of Object.entries(set)) if (value === undefined) delete next[key as keyof typeof set];
      return workspaces.upsert(next).finally(cache.clear);
    },
  };
}
