import { HttpError } from '../api/http-error';
import { iso, type RouteSpec } from '../api/route-spec';
import type { SessionStore } from '../ports/session-store';
import type { AuthService } from '../users/auth-service';
import type { WorkspaceRegistry } from './workspace-registry';

/** Sign-ups allowed per address and hour: each makes a workspace. */
const SIGNUPS_PER_HOUR = 5;
const HOUR_MS = 3_600_000;

/** `SIGNUP=open`: anyone may make a workspace with themselves as its owner, and is signed in. */
export function signupRoutes(deps: {
  registry: WorkspaceRegistry;
  auth: Pick<AuthService, 'createUser' | 'login'>;
  sessions: Pick<SessionStore, 'hit'>;
  clock: () => number;
}): RouteSpec[] {
  return [
    {
      method: 'post',
      path: '/auth/signup',
      tag: 'auth',
      summary: 'Make a workspace and its owner, signed in (only when the server runs with SIGNUP=open)',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['workspaceName', 'email', 'name', 'password'],
        properties: {
          workspaceName: { type: 'string', minLength: 1, maxLength: 100 },
          email: { type: 'string', format: 'email', maxLength: 254 },
          name: { type: 'string', minLength: 1, maxLength: 100 },
          password: { type: 'string', minLength: 10, maxLength: 200 },
        },
      },
      responses: {
        201: {
          description: 'Signed up and signed in',
          schema: {
            type: 'object',
            properties: { workspaceId: { type: 'string' }, token: { type: 'string' }, expiresAt: { type: 'string' } },
          },
        },
        409: { description: 'The e-mail is taken', schema: { $ref: '#/components/schemas/Error' } },
        429: { description: 'Too many sign-ups from this address', schema: { $ref: '#/components/schemas/Error' } },
      },
      handler: async (req, res) => {
        if (!(await deps.sessions.hit(`ratelimit:signup:${req.ip ?? ''}`, SIGNUPS_PER_HOUR, HOUR_MS)))
          throw new HttpError(429, 'too many sign-ups from this address; try again later', { headers: { 'Retry-After': '3600' } });
        const body = req.body as { workspaceName: string; email: string; name: string; password: string };
        const workspace = await deps.registry.create(body.workspaceName.trim(), deps.clock());
        try {
          await deps.auth.createUser(workspace.id, { email: body.email, name: body.name, password: body.password, role: 'owner' });
        } catch (failure) {
          await deps.registry.remove(workspace.id);
          throw failure;
        }
        const { token, expiresAt } = await deps.auth.login(body.email, body.password);
        res.status(201).json({ workspaceId: workspace.id, token, expiresAt: iso(expiresAt) });
      },
    },
  ];
}
