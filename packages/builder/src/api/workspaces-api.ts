import type { ApiClient } from './api-client';
import type { UserRole } from './users-api';

/** A workspace the signed-in user belongs to (`GET /api/auth/workspaces`). */
export interface WorkspacePlace {
  id: string;
  name: string;
  role: UserRole;
  /** Where this session acts now. */
  current: boolean;
}

/** The session's workspaces, and moving the session to another of them. */
export function workspacesApi(client: ApiClient) {
  return {
    mine: () => client.get<WorkspacePlace[]>('/api/auth/workspaces'),
    switchTo: (workspaceId: string) => client.post<void>('/api/auth/workspace', { workspaceId }),
  };
}
