import { SECRET_NAME } from '@chatflow/engine';
import { HttpError } from '../api/http-error';
import { iso, param, type RouteSpec } from '../api/route-spec';
import type { AuditLog } from '../records/audit-log';
import { callerOf } from '../security/require-auth';
import { requireAdmin } from '../users/authenticate';
import type { SecretRepository } from './secret-repository';

export interface SecretRouteDeps {
  secrets: SecretRepository;
  audit: AuditLog;
  now?: () => number;
}

const error = { $ref: '#/components/schemas/Error' };
const secretSchema = {
  type: 'object',
  required: ['name', 'updatedAt'],
  properties: { name: { type: 'string' }, updatedAt: { type: 'string', format: 'date-time' } },
};
/** Long enough for any API key or certificate, short enough to keep the store small. */
const MAX_VALUE_LENGTH = 8192;

/** Workspace secrets for `{{secrets.NAME}}`: write-only, admins only, every change audited by name. */
export function secretRoutes(deps: SecretRouteDeps): RouteSpec[] {
  const now = deps.now ?? Date.now;
  const nameOf = (req: Parameters<RouteSpec['handler']>[0]) => {
    const name = param(req, 'name');
    if (!SECRET_NAME.test(name)) {
      throw new HttpError(400, 'a secret name is upper-case letters, digits and _, starting with a letter (at most 64)', { path: 'name' });
    }
    return name;
  };
  return [
    {
      method: 'get',
      path: '/secrets',
      tag: 'secrets',
      summary: "List the workspace's secrets: names and when they were set, never values (admins only)",
      responses: { 200: { description: 'Secrets by name', schema: { type: 'array', items: secretSchema } } },
      handler: async (req, res) => {
        const list = await deps.secrets.list(requireAdmin(req).workspaceId);
        res.json(list.map((secret) => ({ name: secret.name, updatedAt: iso(secret.updatedAt) })));
      },
    },
    {
      method: 'put',
      path: '/secrets/:name',
      tag: 'secrets',
      summary: 'Set or replace a secret, used in http nodes as {{secrets.NAME}} (admins only)',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['value'],
        properties: { value: { type: 'string', minLength: 1, maxLength: MAX_VALUE_LENGTH } },
      },
      responses: {
        201: { description: 'Created', schema: secretSchema },
        200: { description: 'Replaced', schema: secretSchema },
        400: { description: 'Invalid name or value', schema: error },
      },
      handler: async (req, res) => {
        requireAdmin(req);
        const { workspaceId, actor } = callerOf(res);
        const name = nameOf(req);
        const at = now();
        const created = await deps.secrets.put(workspaceId, name, (req.body as { value: string }).value, at);
        await deps.audit.record(workspaceId, created ? 'secret.create' : 'secret.update', { actor, name }, at);
        res.status(created ? 201 : 200).json({ name, updatedAt: iso(at) });
      },
    },
    {
      method: 'delete',
      path: '/secrets/:name',
      tag: 'secrets',
      summary: 'Remove a secret (admins only)',
      responses: { 204: { description: 'Removed' }, 404: { description: 'No secret with this name', schema: error } },
      handler: async (req, res) => {
        requireAdmin(req);
        const { workspaceId, actor } = callerOf(res);
        const name = nameOf(req);
        if (!(await deps.secrets.delete(workspaceId, name))) throw new HttpError(404, `secret "${name}" not found`, { path: 'name' });
        await deps.audit.record(workspaceId, 'secret.delete', { actor, name }, now());
        res.status(204).end();
      },
    },
  ];
}
