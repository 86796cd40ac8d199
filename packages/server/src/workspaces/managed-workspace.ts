import type { Request } from 'express';
import { HttpError } from '../api/http-error';
import { param } from '../api/route-spec';
import type { AuthUser } from '../users/auth-service';
import { requireAdmin, userOf } from '../users/authenticate';
import type { WorkspaceRecord, WorkspaceRegistry } from './workspace-registry';

/** Throws 403 unless the caller is the platform admin (the ADMIN_TOKEN). */
export function requirePlatformAdmin(req: Request): AuthUser {
  const user = userOf(req);
  if (!user.platformAdmin) throw new HttpError(403, 'only the platform admin (ADMIN_TOKEN) may do this');
  return user;
}

/**
 * The workspace the path's `:id` names, when the caller may manage it: the platform admin any,
 * an owner or admin only their own. Any other workspace is not found, so ids of other businesses
 * tell a caller nothing.
 */
export async function managedWorkspace(req: Request, registry: WorkspaceRegistry): Promise<{ user: AuthUser; workspace: WorkspaceRecord }> {
  const user = userOf(req);
  const id = param(req, 'id');
  const workspace = user.platformAdmin || user.workspaceId === id ? await registry.get(id) : undefined;
  if (!workspace) throw new HttpError(404, `workspace "${id}" not found`, { path: 'id' });
  if (!user.platformAdmin) requireAdmin(req);
  return { user, workspace };
}
