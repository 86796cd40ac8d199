import type { DocumentStore } from '../ports/document-store';
import type { AuthService, AuthUser } from '../users/auth-service';
import type { ApiKeys } from './api-keys';
import type { Memberships } from './memberships';

/** The workspace a signed-in session switched to; stored in that workspace, so erasing it ends the switch. */
interface SessionWorkspaceRecord {
  /** The session token's SHA-256. */
  id: string;
  workspaceId: string;
  userId: string;
}

export interface WorkspaceCredentials {
  /** Who a credential (a token's SHA-256) acts as: a session, in the workspace it switched to, or an API key. */
  authenticate(tokenHash: string): Promise<AuthUser | undefined>;
  /** The workspaces a session's user belongs to, their own first, with their role in each; empty for other credentials. */
  workspacesOf(tokenHash: string): Promise<{ workspaceId: string; role: AuthUser['role'] }[]>;
  /** Makes a session act in one of `workspacesOf`; false when it is not one of them. */
  switchTo(tokenHash: string, workspaceId: string): Promise<boolean>;
}

/**
 * Sessions that can move between the workspaces their user belongs to, and API keys, behind the
 * one `authenticate` the API's bearer check calls. A membership removed (or its workspace erased)
 * brings the session back to its user's own workspace.
 */
export function createWorkspaceCredentials(
  documents: DocumentStore,
  deps: { auth: Pick<AuthService, 'authenticate'>; memberships: Memberships; apiKeys: ApiKeys },
): WorkspaceCredentials {
  const switched = documents.collection<SessionWorkspaceRecord>('session_workspaces', { indexes: [['id']] });
  return {
    async authenticate(tokenHash) {
      const own = await deps.auth.authenticate(tokenHash);
      if (!own) return deps.apiKeys.authenticate(tokenHash);
      const active = await switched.findOne({ id: tokenHash });
      if (!active || active.workspaceId === own.workspaceId) return own;
      const member = await deps.memberships.get(active.workspaceId, own.id);
      return member ? { ...own, workspaceId: active.workspaceId, role: member.role, departments: member.departments } : own;
    },
    async workspacesOf(tokenHash) {
      const own = await deps.auth.authenticate(tokenHash);
      if (!own) return [];
      const memberships = await deps.memberships.ofUser(own.id);
      return [{ workspaceId: own.workspaceId, role: own.role }, ...memberships.map((m) => ({ workspaceId: m.workspaceId, role: m.role }))];
    },
    async switchTo(tokenHash, workspaceId) {
      const own = await deps.auth.authenticate(tokenHash);
      if (!own) return false;
      if (workspaceId !== own.workspaceId && !(await deps.memberships.get(workspaceId, own.id))) return false;
      await switched.delete({ id: tokenHash });
      if (workspaceId !== own.workspaceId) await switched.insert({ id: tokenHash, workspaceId, userId: own.id });
      return true;
    },
  };
}
