import { HttpError } from '../api/http-error';
import type { RouteSpec } from '../api/route-spec';
import { hashToken } from '../security/local-secrets';
import { bearerToken, userOf } from '../users/authenticate';
import type { WorkspaceCredentials } from './workspace-credentials';
import type { WorkspaceRegistry } from './workspace-registry';
import { roleSchema } from './workspace-routes';

/** The builder's workspace switcher: where the signed-in user belongs, and moving their session there. */
export function workspaceSessionRoutes(deps: { registry: WorkspaceRegistry; credentials: WorkspaceCredentials }): RouteSpec[] {
  const tokenHash = (token: string | undefined) => (token ? hashToken(token) : '');
  return [
    {
      method: 'get',
      path: '/auth/workspaces',
      tag: 'auth',
      summary: 'The workspaces this session may act in, with its role in each (for the workspace switcher)',
      responses: {
        200: {
          description: 'Workspaces; `current` is where this session acts now',
          schema: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'name', 'role', 'current'],
              properties: { id: { type: 'string' }, name: { type: 'string' }, role: roleSchema, current: { type: 'boolean' } },
            },
          },
        },
      },
      handler: async (req, res) => {
        const user = userOf(req);
        const places = await deps.credentials.workspacesOf(tokenHash(bearerToken(req)));
        const own = places.length > 0 ? places : [{ workspaceId: user.workspaceId, role: user.role }];
        const named = await Promise.all(
          own.map(async (place) => ({
            id: place.workspaceId,
            name: (await deps.registry.get(place.workspaceId))?.name ?? place.workspaceId,
            role: place.role,
            current: place.workspaceId === user.workspaceId,
          })),
        );
        res.json(named);
      },
    },
    {
      method: 'post',
      path: '/auth/workspace',
      tag: 'auth',
      summary: "Make this session act in another of its user's workspaces",
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['workspaceId'],
        properties: { workspaceId: { type: 'string', minLength: 1, maxLength: 100 } },
      },
      responses: {
        204: { description: 'Switched: the next requests act in that workspace' },
        404: { description: 'Not one of your workspaces', schema: { $ref: '#/components/schemas/Error' } },
      },
      handler: async (req, res) => {
        const { workspaceId } = req.body as { workspaceId: string };
        if (!(await deps.credentials.switchTo(tokenHash(bearerToken(req)), workspaceId)))
          throw new HttpError(404, `workspace "${workspaceId}" not found`, { path: 'workspaceId' });
        res.status(204).end();
      },
    },
  ];
}
