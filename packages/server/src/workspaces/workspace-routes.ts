import { HttpError } from '../api/http-error';
import { iso, param, type RouteSpec } from '../api/route-spec';
import type { JsonSchema } from '../api/schema-checker';
import type { UserRepository, UserRole } from '../users/user-repository';
import { managedWorkspace, requirePlatformAdmin } from './managed-workspace';
import type { Memberships } from './memberships';
import { DEFAULT_WORKSPACE, type WorkspaceRecord, type WorkspaceRegistry } from './workspace-registry';

export interface WorkspaceRouteDeps {
  registry: WorkspaceRegistry;
  memberships: Memberships;
  users: Pick<UserRepository, 'byEmail'>;
  /** Deletes every record of the workspace. */
  erase(workspaceId: string): Promise<void>;
  clock: () => number;
}

const error = { $ref: '#/components/schemas/Error' };
const notFound = { description: 'No such workspace (or not yours)', schema: error };
const name = { type: 'string', minLength: 1, maxLength: 100 };
export const roleSchema: JsonSchema = { enum: ['owner', 'admin', 'manager', 'agent'] };
const workspaceSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'name', 'suspended', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    suspended: { type: 'boolean', description: 'Its API answers 403; its webhooks are acknowledged and not run' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};
const memberSchema: JsonSchema = {
  type: 'object',
  required: ['userId', 'role', 'departments'],
  properties: { userId: { type: 'string' }, role: roleSchema, departments: { type: 'array', items: { type: 'string' } } },
};

export function workspaceView(workspace: WorkspaceRecord) {
  const { workspaceId: _same, ...rest } = workspace;
  return { ...rest, createdAt: iso(workspace.createdAt), updatedAt: iso(workspace.updatedAt) };
}

/**
 * Workspaces, managed by the platform admin (ADMIN_TOKEN): create, list, rename, suspend and
 * delete with all their data; and who else belongs to a workspace (users of other workspaces
 * added with a role), managed by the platform admin or the workspace's owners and admins.
 */
export function workspaceRoutes(deps: WorkspaceRouteDeps): RouteSpec[] {
  return [
    {
      method: 'post',
      path: '/workspaces',
      tag: 'workspaces',
      summary: 'Create a workspace (platform admin only)',
      body: { type: 'object', additionalProperties: false, required: ['name'], properties: { name } },
      responses: {
        201: { description: 'Created', schema: workspaceSchema },
        403: { description: 'Not the platform admin', schema: error },
      },
      handler: async (req, res) => {
        requirePlatformAdmin(req);
        const created = await deps.registry.create((req.body as { name: string }).name.trim(), deps.clock());
        res.status(201).json(workspaceView(created));
      },
    },
    {
      method: 'get',
      path: '/workspaces',
      tag: 'workspaces',
      summary: 'List the workspaces (platform admin only)',
      responses: { 200: { description: 'Workspaces', schema: { type: 'array', items: workspaceSchema } } },
      handler: async (req, res) => {
        requirePlatformAdmin(req);
        res.json((await deps.registry.list()).map(workspaceView));
      },
    },
    {
      method: 'get',
      path: '/workspaces/:id',
      tag: 'workspaces',
      summary: 'Get a workspace (the platform admin any; owners and admins their own)',
      responses: { 200: { description: 'The workspace', schema: workspaceSchema }, 404: notFound },
      handler: async (req, res) => {
        res.json(workspaceView((await managedWorkspace(req, deps.registry)).workspace));
      },
    },
    {
      method: 'put',
      path: '/workspaces/:id',
      tag: 'workspaces',
      summary: 'Rename, suspend or resume a workspace (platform admin only)',
      body: { type: 'object', additionalProperties: false, minProperties: 1, properties: { name, suspended: { type: 'boolean' } } },
      responses: { 200: { description: 'Saved', schema: workspaceSchema }, 404: notFound },
      handler: async (req, res) => {
        requirePlatformAdmin(req);
        const body = req.body as { name?: string; suspended?: boolean };
        const updated = await deps.registry.update(
          param(req, 'id'),
          { ...(body.name ? { name: body.name.trim() } : {}), ...(body.suspended !== undefined ? { suspended: body.suspended } : {}) },
          deps.clock(),
        );
        if (!updated) throw new HttpError(404, `workspace "${param(req, 'id')}" not found`, { path: 'id' });
        res.json(workspaceView(updated));
      },
    },
    {
      method: 'delete',
      path: '/workspaces/:id',
      tag: 'workspaces',
      summary: 'Delete a workspace and, physically, all its data (platform admin only; not `default`)',
      responses: {
        204: { description: 'Deleted' },
        404: notFound,
        409: { description: 'The default workspace cannot be deleted', schema: error },
      },
      handler: async (req, res) => {
        requirePlatformAdmin(req);
        const id = param(req, 'id');
        if (id === DEFAULT_WORKSPACE) throw new HttpError(409, 'the default workspace cannot be deleted', { path: 'id' });
        if (!(await deps.registry.get(id))) throw new HttpError(404, `workspace "${id}" not found`, { path: 'id' });
        // Suspended first: nothing new arrives while the data goes.
        await deps.registry.update(id, { suspended: true }, deps.clock());
        await deps.erase(id);
        await deps.registry.remove(id);
        res.status(204).end();
      },
    },
    {
      method: 'get',
      path: '/workspaces/:id/members',
      tag: 'workspaces',
      summary: 'Users of other workspaces who belong to this one, with their role here',
      responses: { 200: { description: 'Members', schema: { type: 'array', items: memberSchema } }, 404: notFound },
      handler: async (req, res) => {
        const { workspace } = await managedWorkspace(req, deps.registry);
        res.json((await deps.memberships.list(workspace.id)).map(({ userId, role, departments }) => ({ userId, role, departments })));
      },
    },
    {
      method: 'post',
      path: '/workspaces/:id/members',
      tag: 'workspaces',
      summary: 'Add an existing user (by e-mail) to this workspace with a role, or change their role here',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['email', 'role'],
        properties: {
          email: { type: 'string', minLength: 3, maxLength: 254 },
          role: roleSchema,
          departments: { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 100 } },
        },
      },
      responses: { 200: { description: 'The membership', schema: memberSchema }, 404: notFound },
      handler: async (req, res) => {
        const { user: caller, workspace } = await managedWorkspace(req, deps.registry);
        const body = req.body as { email: string; role: UserRole; departments?: string[] };
        if (body.role === 'owner' && caller.role !== 'owner' && !caller.platformAdmin)
          throw new HttpError(403, 'only owners may make owners', { path: 'role' });
        const user = await deps.users.byEmail(body.email);
        if (!user) throw new HttpError(404, 'no user with this e-mail', { path: 'email' });
        if (user.workspaceId === workspace.id) throw new HttpError(409, 'this user belongs to this workspace already', { path: 'email' });
        const saved = await deps.memberships.put({
          id: user.id,
          workspaceId: workspace.id,
          userId: user.id,
          role: body.role,
          departments: body.departments ?? [],
          createdAt: deps.clock(),
        });
        res.json({ userId: saved.userId, role: saved.role, departments: saved.departments });
      },
    },
    {
      method: 'delete',
      path: '/workspaces/:id/members/:userId',
      tag: 'workspaces',
      summary: 'Remove a user from this workspace (their own workspace stays theirs)',
      responses: { 204: { description: 'Removed' }, 404: notFound },
      handler: async (req, res) => {
        const { workspace } = await managedWorkspace(req, deps.registry);
        if (!(await deps.memberships.remove(workspace.id, param(req, 'userId'))))
          throw new HttpError(404, 'no such member', { path: 'userId' });
        res.status(204).end();
      },
    },
  ];
}
