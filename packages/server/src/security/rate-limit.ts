import type { NextFunction, Request, Response } from 'express';
import { HttpError } from '../api/http-error';
import type { SessionStore } from '../ports/session-store';

export interface RateLimitOptions {
  sessions: Pick<SessionStore, 'hit'>;
  /** Names the counter, e.g. `api:ip`. */
  scope: string;
  limit: number;
  windowMs: number;
  /** What is counted: the client IP, the caller's token hash; undefined skips the limit. */
  key: (req: Request, res: Response) => string | undefined;
}

/**
 * Counts requests per key in a fixed window (SessionStore.hit, so every server process shares
 * the count) and answers 429 with Retry-After once the limit is reached.
 */
export function rateLimit(options: RateLimitOptions) {
  // The store may count windows from the first hit, so the client is told to wait a whole window:
  // never too early, at most one window late.
  const retryAfter = String(Math.ceil(options.windowMs / 1000));
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const key = options.key(req, res);
    if (key === undefined) return next();
    try {
      if (await options.sessions.hit(`ratelimit:${options.scope}:${key}`, options.limit, options.windowMs)) return next();
    } catch (error) {
      return next(error);
    }
    next(new HttpError(429, `too many requests; retry in ${retryAfter} s`, { headers: { 'Retry-After': retryAfter } }));
  };
}

/** The client's IP as Express resolved it (through trusted proxies). */
export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
