import type { Request, Response } from 'express';
import { HttpError } from '../api/http-error';
import type { AuthUser } from './auth-service';

export interface StreamGuardOptions {
  /** Who a credential (a token's SHA-256) signs in as now; undefined once its session is over. */
  revalidate(credential: string): Promise<AuthUser | undefined>;
  /** Open streams allowed per credential; 5 by default (a few tabs of the builder). */
  maxPerCredential?: number;
  /** How often an open stream checks that its session still holds; 2 s by default. */
  recheckMs?: number;
}

/**
 * Keeps server-sent event streams as alive as the session that opened them: a stream checks its
 * credential every `recheckMs` and ends once the session is over (logout, user disabled or
 * deleted, password changed, expiry), and takes the user's current departments and role on every
 * check. At most `maxPerCredential` streams per credential are open in this process; one more
 * answers 429.
 *
 * @example
 * const guard = createStreamGuard({ revalidate: (credential) => auth.authenticate(credential) });
 * guard.admit(req, res, credential); // before the route opens its stream
 */
export function createStreamGuard(options: StreamGuardOptions) {
  const max = options.maxPerCredential ?? 5;
  const recheckMs = options.recheckMs ?? 2000;
  const open = new Map<string, number>();
  return {
    /** Counts the stream in, or throws 429; from then on the stream ends with its session. */
    admit(req: Request, res: Response, credential: string): void {
      const count = open.get(credential) ?? 0;
      if (count >= max) {
        throw new HttpError(429, `at most ${max} live streams per sign-in are open; close one first`, { headers: { 'Retry-After': '5' } });
      }
      open.set(credential, count + 1);
      let checking = false;
      const timer = setInterval(async () => {
        if (checking) return;
        checking = true;
        try {
          const user = await options.revalidate(credential);
          // A session moved to another workspace meanwhile must not carry this stream along.
          if (user && user.workspaceId === (req.user?.workspaceId ?? user.workspaceId)) req.user = user;
          else res.end();
        } catch {
          // The store did not answer this time; the next check asks again.
        } finally {
          checking = false;
        }
      }, recheckMs);
      timer.unref();
      res.once('close', () => {
        clearInterval(timer);
        const left = (open.get(credential) ?? 1) - 1;
        if (left > 0) open.set(credential, left);
        else open.delete(credential);
      });
    },
  };
}
