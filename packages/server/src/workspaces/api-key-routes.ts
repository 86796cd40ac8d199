import { HttpError } from '../api/http-error';
import { iso, param, type RouteSpec } from '../api/route-spec';
import type { JsonSchema } from '../api/schema-checker';
import type { AuditLog } from '../records/audit-log';
import type { UserRole } from '../users/user-repository';
import type { ApiKeyRecord, ApiKeys } from './api-keys';
import { managedWorkspace } from './managed-workspace';
import type { WorkspaceRegistry } from './workspace-registry';
import { roleSchema } from './workspace-routes';

const error = { $ref: '#/components/schemas/Error' };
const notFound = { description: 'No such workspace or key (or not yours)', schema: error };
const keySchema: JsonSchema = {
  type: 'object',
  required: ['id', 'name', 'role', 'prefix', 'createdAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    role: roleSchema,
    prefix: { type: 'string', description: 'The first characters of the key, to tell keys apart' },
    createdAt: { type: 'string', format: 'date-time' },
    lastUsedAt: { type: 'string', format: 'date-time', description: 'To the minute' },
  },
};

function keyView(record: ApiKeyRecord) {
  return {
    id: record.id,
    name: record.name,
    role: record.role,
    prefix: record.prefix,
    createdAt: iso(record.createdAt),
    ...(record.lastUsedAt ? { lastUsedAt: iso(record.lastUsedAt) } : {}),
  };
}

/**
 * A workspace's API keys, for its owners and admins (and the platform admin): the key is in the
 * creation's answer only and stored as its hash; it acts in its workspace with its role.
 */
export function apiKeyRoutes(deps: { registry: WorkspaceRegistry; keys: ApiKeys; audit: AuditLog; clock: () => number }): RouteSpec[] {
  return [
    {
      method: 'post',
      path: '/workspaces/:id/api-keys',
      tag: 'workspaces',
      summary: 'Make an API key for the workspace; the key is shown in this answer only',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'role'],
        properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, role: roleSchema },
      },
      responses: {
        201: {
          description: 'The key (keep it: it cannot be shown again)',
          schema: {
            ...keySchema,
            required: [...(keySchema.required as string[]), 'key'],
            properties: { ...(keySchema.properties as object), key: { type: 'string' } },
          },
        },
        403: { description: 'Only owners may make owner keys', schema: error },
        404: notFound,
      },
      handler: async (req, res) => {
        const { user, workspace } = await managedWorkspace(req, deps.registry);
        const body = req.body as { name: string; role: UserRole };
        if (body.role === 'owner' && user.role !== 'owner' && !user.platformAdmin)
          throw new HttpError(403, 'only owners may make owner keys', { path: 'role' });
        const { record, key } = await deps.keys.create(workspace.id, { name: body.name.trim(), role: body.role }, deps.clock());
        await deps.audit.record(workspace.id, 'api-key.create', { actor: user.id, keyId: record.id, role: record.role }, record.createdAt);
        res.status(201).json({ ...keyView(record), key });
      },
    },
    {
      method: 'get',
      path: '/workspaces/:id/api-keys',
      tag: 'workspaces',
      summary: "List the workspace's API keys with their last use (never the keys)",
      responses: { 200: { description: 'Keys', schema: { type: 'array', items: keySchema } }, 404: notFound },
      handler: async (req, res) => {
        const { workspace } = await managedWorkspace(req, deps.registry);
        res.json((await deps.keys.list(workspace.id)).map(keyView));
      },
    },
    {
      method: 'delete',
      path: '/workspaces/:id/api-keys/:keyId',
      tag: 'workspaces',
      summary: 'Revoke an API key: it stops working at once',
      responses: { 204: { description: 'Revoked' }, 404: notFound },
      handler: async (req, res) => {
        const { user, workspace } = await managedWorkspace(req, deps.registry);
        const keyId = param(req, 'keyId');
        if (!(await deps.keys.revoke(workspace.id, keyId))) throw new HttpError(404, `API key "${keyId}" not found`, { path: 'keyId' });
        await deps.audit.record(workspace.id, 'api-key.revoke', { actor: user.id, keyId }, deps.clock());
        res.status(204).end();
      },
    },
  ];
}
