import { randomBytes } from 'node:crypto';
import type { DocumentStore } from '../ports/document-store';

/** The workspace every single-business install has used; it always exists and cannot be deleted. */
export const DEFAULT_WORKSPACE = 'default';

/** One business on the server. Its id is the `workspaceId` of everything it holds. */
export interface WorkspaceRecord {
  id: string;
  /** The same as `id`: the registry is a collection like any other. */
  workspaceId: string;
  name: string;
  /** A suspended workspace's API answers 403 and its webhooks are acknowledged but not run. */
  suspended: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface WorkspaceRegistry {
  create(name: string, now: number): Promise<WorkspaceRecord>;
  /** Every workspace, `default` first, then by creation. */
  list(): Promise<WorkspaceRecord[]>;
  get(id: string): Promise<WorkspaceRecord | undefined>;
  update(id: string, set: { name?: string; suspended?: boolean }, now: number): Promise<WorkspaceRecord | undefined>;
  /** Forgets the workspace itself; its data is erased by `eraseWorkspace`. */
  remove(id: string): Promise<void>;
}

/**
 * The workspaces on the document store (`workspace_registry`). `default` is there even before it
 * is stored, so data from before workspaces keeps its home.
 */
export function createWorkspaceRegistry(documents: DocumentStore): WorkspaceRegistry {
  const workspaces = documents.collection<WorkspaceRecord>('workspace_registry', { indexes: [['createdAt']] });
  const builtIn: WorkspaceRecord = {
    id: DEFAULT_WORKSPACE,
    workspaceId: DEFAULT_WORKSPACE,
    name: 'Default',
    suspended: false,
    createdAt: 0,
    updatedAt: 0,
  };
  const get = async (id: string) =>
    (await workspaces.findOne({ workspaceId: id, id })) ?? (id === DEFAULT_WORKSPACE ? { ...builtIn } : undefined);
  return {
    async create(name, now) {
      const id = `ws-${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').toLowerCase()}`;
      return workspaces.insert({ id, workspaceId: id, name, suspended: false, createdAt: now, updatedAt: now });
    },
    async list() {
      const stored = await workspaces.find({ workspaceId: { $exists: true } }, { sort: { createdAt: 1 } });
      const others = stored.filter((w) => w.id !== DEFAULT_WORKSPACE);
      return [stored.find((w) => w.id === DEFAULT_WORKSPACE) ?? { ...builtIn }, ...others];
    },
    get,
    async update(id, set, now) {
      const found = await get(id);
      if (!found) return undefined;
      return workspaces.upsert({ ...found, ...set, updatedAt: now });
    },
    async remove(id) {
      await workspaces.delete({ workspaceId: id, id });
    },
  };
}
