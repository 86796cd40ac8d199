import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { HttpError } from '../api/http-error';
import { hashToken } from './local-secrets';

export interface AuthOptions {
  /** SHA-256 hashes (hex) of the accepted tokens. */
  tokenHashes: string[];
}

const challenge = { headers: { 'WWW-Authenticate': 'Bearer' } };

/** Who made the request, for `publishedBy` and the audit log; set by `requireAuth`. */
export interface Caller {
  actor: string;
  workspaceId: string;
  /** A short hash of the token: the rate limit key, never the token itself. */
  tokenKey: string;
}

/**
 * Rejects requests without a valid bearer token (401), and records the caller in `res.locals.caller`.
 * Hashes are compared in constant time.
 */
export function requireAuth(options: AuthOptions) {
  const accepted = options.tokenHashes.map((hash) => Buffer.from(hash, 'hex'));
  return (req: Request, res: Response, next: NextFunction): void => {
    const token = bearer(req);
    if (!token) {
      next(new HttpError(401, 'missing bearer token (Authorization: Bearer <ADMIN_TOKEN>)', challenge));
      return;
    }
    const hash = Buffer.from(hashToken(token), 'hex');
    if (!accepted.some((candidate) => timingSafeEqual(candidate, hash))) {
      next(new HttpError(401, 'invalid token', challenge));
      return;
    }
    const caller: Caller = { actor: 'admin', workspaceId: 'default', tokenKey: hash.toString('hex').slice(0, 16) };
    res.locals.caller = caller;
    next();
  };
}

/** The caller `requireAuth` recorded. */
export function callerOf(res: Response): Caller {
  const caller = res.locals.caller as Caller | undefined;
  if (!caller) throw new Error('route is not behind requireAuth');
  return caller;
}

function bearer(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  return match?.[1];
}
