import type { Request } from 'express';
import { HttpError } from '../api/http-error';
import { iso, param, type RouteSpec } from '../api/route-spec';
import type { JsonSchema } from '../api/schema-checker';
import type { SessionStore } from '../ports/session-store';
import type { AuditLog } from '../records/audit-log';
import type { AuthService, NewUser, UserChanges } from './auth-service';
import { requireAdmin, userOf } from './authenticate';
import { createLoginThrottle, type LoginLimits } from './login-throttle';
import type { UserRecord } from './user-repository';

const error = { $ref: '#/components/schemas/Error' };
const role = { enum: ['owner', 'admin', 'manager', 'agent'] };
const departments = { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 100 } };
const password = { type: 'string', minLength: 10, maxLength: 200, description: 'At least 10 characters' };
const userSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'email', 'name', 'role', 'departments', 'disabled', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    role,
    departments: { type: 'array', items: { type: 'string' }, description: "An agent's inbox queues; empty means all" },
    disabled: { type: 'boolean' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};

/** A user as the API shows it: never the password hash. */
export function userView(user: UserRecord) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    departments: user.departments,
    disabled: user.disabled,
    createdAt: iso(user.createdAt),
    updatedAt: iso(user.updatedAt),
  };
}

/** The admin making or changing a user; only owners (and the platform admin) give the owner role. */
function requireOwnerFor(req: Request, role: UserRecord['role'] | undefined) {
  const admin = requireAdmin(req);
  if (role === 'owner' && admin.role !== 'owner' && !admin.platformAdmin)
    throw new HttpError(403, 'only owners may make owners', { path: 'role' });
  return admin;
}

/**
 * Sign-in, sign-out, who am I; and admin-only user management. Sign-ins and user changes go to
 * the audit with who did them (user ids, never passwords).
 */
export function userRoutes(
  auth: AuthService,
  sessions: Pick<SessionStore, 'hit' | 'getSession' | 'setSession'>,
  log: { audit: AuditLog; clock: () => number },
  loginLimits?: LoginLimits,
): RouteSpec[] {
  const audit = (workspaceId: string, type: string, details: Record<string, unknown>) =>
    log.audit.record(workspaceId, type, details, log.clock());
  const throttle = createLoginThrottle(sessions, loginLimits);
  return [
    {
      method: 'post',
      path: '/auth/login',
      tag: 'auth',
      summary: 'Sign in with e-mail and password; answers a session token for `Authorization: Bearer`',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['email', 'password'],
        properties: { email: { type: 'string', minLength: 3, maxLength: 254 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
      },
      responses: {
        200: {
          description: 'Signed in',
          schema: {
            type: 'object',
            properties: { token: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' }, user: userSchema },
          },
        },
        401: { description: 'Wrong e-mail or password', schema: error },
        429: { description: 'Too many failed attempts from this address (or for this e-mail)', schema: error },
        503: { description: 'Too many sign-ins at once; retry after `Retry-After` seconds', schema: error },
      },
      handler: async (req, res) => {
        const body = req.body as { email: string; password: string };
        const email = body.email.trim().toLowerCase();
        const address = req.ip ?? '';
        await throttle.admit(email, address);
        const signedIn = await auth.login(email, body.password).catch(async (failure: unknown) => {
          if (failure instanceof HttpError && failure.status === 401) await throttle.failed(email, address);
          throw failure;
        });
        await throttle.succeeded(email, address);
        const { token, expiresAt, user } = signedIn;
        await audit(user.workspaceId, 'auth.login', { actor: user.id });
        res.json({ token, expiresAt: iso(expiresAt), user: userView(user) });
      },
    },
    {
      method: 'post',
      path: '/auth/logout',
      tag: 'auth',
      summary: 'End this session (its token stops working)',
      responses: { 204: { description: 'Signed out' } },
      handler: async (req, res) => {
        const token = /^Bearer\s+(\S+)/i.exec(req.get('authorization') ?? '')?.[1];
        if (token) await auth.logout(token);
        res.status(204).end();
      },
    },
    {
      method: 'get',
      path: '/auth/me',
      tag: 'auth',
      summary: 'Who this token signs in as',
      responses: {
        200: {
          description: 'The caller',
          schema: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              role,
              workspaceId: { type: 'string' },
              departments: { type: 'array', items: { type: 'string' } },
              name: { type: 'string' },
            },
          },
        },
      },
      handler: (req, res) => {
        res.json(userOf(req));
      },
    },
    {
      method: 'get',
      path: '/users',
      tag: 'users',
      summary: 'List the users of the workspace (admins only)',
      responses: { 200: { description: 'Users', schema: { type: 'array', items: userSchema } } },
      handler: async (req, res) => {
        res.json((await auth.listUsers(requireAdmin(req).workspaceId)).map(userView));
      },
    },
    {
      method: 'post',
      path: '/users',
      tag: 'users',
      summary: 'Create an owner, admin, manager or agent (admins only; owners only by owners)',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['email', 'name', 'password', 'role'],
        properties: {
          email: { type: 'string', format: 'email', maxLength: 254 },
          name: { type: 'string', minLength: 1, maxLength: 100 },
          password,
          role,
          departments,
        },
      },
      responses: { 201: { description: 'Created', schema: userSchema }, 409: { description: 'The e-mail is taken', schema: error } },
      handler: async (req, res) => {
        const admin = requireOwnerFor(req, (req.body as NewUser).role);
        const user = await auth.createUser(admin.workspaceId, req.body as NewUser);
        await audit(admin.workspaceId, 'user.create', { actor: admin.id, userId: user.id, role: user.role });
        res.status(201).json(userView(user));
      },
    },
    {
      method: 'get',
      path: '/users/:id',
      tag: 'users',
      summary: 'Get a user (admins only)',
      responses: { 200: { description: 'The user', schema: userSchema }, 404: { description: 'No such user', schema: error } },
      handler: async (req, res) => {
        res.json(userView(await auth.getUser(requireAdmin(req).workspaceId, param(req, 'id'))));
      },
    },
    {
      method: 'put',
      path: '/users/:id',
      tag: 'users',
      summary: "Change a user's name, role, departments, password or disabled flag (admins only)",
      body: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, password, role, departments, disabled: { type: 'boolean' } },
      },
      responses: { 200: { description: 'Saved', schema: userSchema }, 404: { description: 'No such user', schema: error } },
      handler: async (req, res) => {
        const changes = req.body as UserChanges;
        const admin = requireOwnerFor(req, changes.role);
        const user = await auth.updateUser(admin.workspaceId, param(req, 'id'), changes);
        await audit(admin.workspaceId, 'user.update', { actor: admin.id, userId: user.id, fields: Object.keys(changes) });
        res.json(userView(user));
      },
    },
    {
      method: 'delete',
      path: '/users/:id',
      tag: 'users',
      summary: 'Delete a user and end their sessions (admins only)',
      responses: { 204: { description: 'Deleted' }, 404: { description: 'No such user', schema: error } },
      handler: async (req: Request, res) => {
        const admin = requireAdmin(req);
        await auth.deleteUser(admin.workspaceId, param(req, 'id'));
        await audit(admin.workspaceId, 'user.delete', { actor: admin.id, userId: param(req, 'id') });
        res.status(204).end();
      },
    },
  ];
}
