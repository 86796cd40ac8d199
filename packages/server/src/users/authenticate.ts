import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { HttpError } from '../api/http-error';
import { hashToken } from '../security/local-secrets';
import type { Caller } from '../security/require-auth';
import type { AuthService, AuthUser } from './auth-service';
import { createStreamGuard } from './stream-guard';
import type { StreamTickets } from './stream-tickets';
import { runsWorkspace } from './user-repository';

declare global {
  namespace Express {
    interface Request {
      /** Who is calling; set by `authenticate` on every authenticated request. */
      user?: AuthUser;
    }
  }
}

export interface AuthenticateOptions {
  /** SHA-256 hashes (hex) of the ADMIN_TOKEN(s): each is an admin of `adminWorkspaceId`. */
  adminTokenHashes: string[];
  auth: Pick<AuthService, 'authenticate'>;
  /** The workspace the ADMIN_TOKEN acts in; default `default`. */
  adminWorkspaceId?: string;
  /**
   * Requests that open a server-sent event stream: they may authenticate with `?ticket=` (from
   * `tickets`), because EventSource cannot set headers, and they end with the session.
   */
  isStream?: (req: Request) => boolean;
  tickets?: Pick<StreamTickets, 'redeem'>;
  /** Requests that need no token; default: `POST /auth/login`. */
  isPublic?: (req: Request) => boolean;
  /** Throws (e.g. 403 for a suspended workspace) when the caller's workspace may not be used now. */
  admit?: (user: AuthUser) => Promise<void>;
}

/** Where agents may go: the inbox, and their own session; managers also analytics. Everything else is for admins. */
const allowedPaths: Partial<Record<AuthUser['role'], { paths: RegExp; refusal: string }>> = {
  agent: { paths: /^\/(inbox|auth)(\/|$)/, refusal: 'agents may only use the inbox; ask an admin for this' },
  manager: { paths: /^\/(inbox|auth|analytics)(\/|$)/, refusal: 'managers may only use the inbox and analytics; ask an admin for this' },
};

/**
 * Authenticates `/api` requests by bearer token: the ADMIN_TOKEN (compared by hash, in constant
 * time) or a user's session token from `POST /api/auth/login`; a stream also by a ticket asked
 * for with one of those. Sets `req.user` and the caller record other routes read
 * (`callerOf(res)`), and keeps agents to the inbox: any other route answers 403 for them.
 *
 * @example
 * router.use(authenticate({ adminTokenHashes: [hashToken(config.adminToken)], auth }));
 */
export function authenticate(options: AuthenticateOptions) {
  const admins = options.adminTokenHashes.map((hash) => Buffer.from(hash, 'hex'));
  const adminWorkspaceId = options.adminWorkspaceId ?? 'default';
  const isPublic = options.isPublic ?? ((req: Request) => req.method === 'POST' && req.path === '/auth/login');
  const userOfCredential = async (credential: string): Promise<AuthUser | undefined> => {
    const digest = Buffer.from(credential, 'hex');
    if (admins.some((candidate) => candidate.length === digest.length && timingSafeEqual(candidate, digest))) {
      return { id: 'admin', role: 'admin', workspaceId: adminWorkspaceId, departments: [], platformAdmin: true };
    }
    return options.auth.authenticate(credential);
  };
  // A stream also ends when its workspace is suspended meanwhile.
  const stillAdmitted = async (credential: string): Promise<AuthUser | undefined> => {
    const user = await userOfCredential(credential);
    if (!user || user.platformAdmin || !options.admit) return user;
    return options.admit(user).then(
      () => user,
      (refusal: unknown) => {
        if (refusal instanceof HttpError) return undefined;
        throw refusal;
      },
    );
  };
  const streams = createStreamGuard({ revalidate: stillAdmitted });
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      if (isPublic(req)) {
        const caller: Caller = { actor: 'anonymous', workspaceId: adminWorkspaceId, tokenKey: `anonymous:${req.ip ?? ''}` };
        res.locals.caller = caller;
        return next();
      }
      const stream = options.isStream?.(req) === true;
      const token = bearerToken(req);
      const credential = token ? hashToken(token) : stream ? await redeemTicket(req, options.tickets) : undefined;
      if (!credential) {
        const expected = stream ? 'a stream ticket (?ticket= from POST /api/auth/stream-tickets)' : 'a bearer token';
        return next(new HttpError(401, `missing or used ${expected} (Authorization: Bearer <token>)`));
      }
      const user = await userOfCredential(credential);
      if (!user) return next(new HttpError(401, 'invalid or expired token'));
      const allowed = allowedPaths[user.role];
      if (allowed && !allowed.paths.test(req.path)) return next(new HttpError(403, allowed.refusal));
      if (!user.platformAdmin) await options.admit?.(user);
      if (stream) streams.admit(req, res, credential);
      req.user = user;
      const caller: Caller = { actor: user.id, workspaceId: user.workspaceId, tokenKey: credential.slice(0, 16) };
      res.locals.caller = caller;
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** The authenticated user; throws when a route is mounted outside `authenticate`. */
export function userOf(req: Request): AuthUser {
  if (!req.user) throw new HttpError(401, 'not signed in');
  return req.user;
}

/** Throws 403 unless the caller runs the workspace (an owner or admin). */
export function requireAdmin(req: Request): AuthUser {
  const user = userOf(req);
  if (!runsWorkspace(user.role)) throw new HttpError(403, 'only admins may do this');
  return user;
}

/** The request's `Authorization: Bearer` token. */
export function bearerToken(req: Request): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1];
}

async function redeemTicket(req: Request, tickets: Pick<StreamTickets, 'redeem'> | undefined): Promise<string | undefined> {
  const ticket = req.query.ticket;
  if (!tickets || typeof ticket !== 'string' || !ticket) return undefined;
  return tickets.redeem(ticket, req.baseUrl + req.path);
}
