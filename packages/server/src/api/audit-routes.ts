import type { AuditLog } from '../records/audit-log';
import { callerOf } from '../security/require-auth';
import { iso, type RouteSpec } from './route-spec';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The audit log: publishes, imports, deletions, channel changes, contact deletions. */
export function auditRoutes(audit: AuditLog): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/audit',
      tag: 'audit',
      summary: 'List audit events, newest first',
      query: {
        type: { schema: { type: 'string', minLength: 1 }, description: 'Only events of this type, e.g. `flow.publish`' },
        limit: { schema: { type: 'string', pattern: '^[1-9][0-9]{0,2}$' }, description: 'At most this many (default 100)' },
      },
      responses: { 200: { description: 'Audit events', schema: { type: 'array', items: ref('AuditEvent') } } },
      handler: async (req, res) => {
        const { type, limit } = req.query as { type?: string; limit?: string };
        const events = await audit.list(callerOf(res).workspaceId, type);
        res.json(
          events
            .reverse()
            .slice(0, limit ? Number(limit) : 100)
            .map(({ workspaceId: _ws, ...event }) => ({ ...event, at: iso(event.at) })),
        );
      },
    },
  ];
}
