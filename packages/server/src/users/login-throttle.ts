import { HttpError } from '../api/http-error';
import type { SessionStore } from '../ports/session-store';
import { hashToken } from '../security/local-secrets';

/** Failed sign-ins allowed in a window before the next ones are refused. */
export interface LoginLimits {
  windowMs: number;
  /** Per e-mail from one address: a guesser there is stopped, the owner elsewhere is not. */
  perEmailAndAddress: number;
  /** Per address, whatever the e-mails: one address trying many accounts. */
  perAddress: number;
  /** Per e-mail from every address together: guessing spread over many addresses. */
  perEmail: number;
  /** How long an address where the account signed in is trusted past the per-e-mail limit. */
  knownAddressMs: number;
}

export const defaultLoginLimits: LoginLimits = {
  windowMs: 15 * 60_000,
  perEmailAndAddress: 10,
  perAddress: 50,
  perEmail: 100,
  knownAddressMs: 30 * 24 * 60 * 60_000,
};

/**
 * Slows password guessing without letting anyone lock an account: only failed sign-ins count, per
 * (e-mail, address) pair and per address; a successful one counts nothing. The per-e-mail limit
 * over all addresses is far higher, and an address the account signed in from before passes it,
 * so a guesser spread over many addresses does not keep the owner out. E-mails and addresses are
 * kept hashed.
 *
 * @example
 * await throttle.admit(email, ip); // 429 when refused
 * ok ? await throttle.succeeded(email, ip) : await throttle.failed(email, ip);
 */
export function createLoginThrottle(
  sessions: Pick<SessionStore, 'hit' | 'getSession' | 'setSession'>,
  limits: LoginLimits = defaultLoginLimits,
) {
  const id = (...parts: string[]) => hashToken(parts.join('\n')).slice(0, 32);
  const counters = (email: string, ip: string) => [
    { name: `login:pair:${id(email, ip)}`, limit: limits.perEmailAndAddress, passedByKnown: false },
    { name: `login:address:${id(ip)}`, limit: limits.perAddress, passedByKnown: false },
    { name: `login:email:${id(email)}`, limit: limits.perEmail, passedByKnown: true },
  ];
  const known = (email: string, ip: string) => `login:known:${id(email, ip)}`;
  const windowSeconds = Math.ceil(limits.windowMs / 1000);
  const retryAfter = String(windowSeconds);

  return {
    /** Throws 429 when failures from here (or for this e-mail everywhere) used up the window. */
    async admit(email: string, ip: string): Promise<void> {
      const trusted = (await sessions.getSession(known(email, ip))) !== undefined;
      for (const counter of counters(email, ip)) {
        if (trusted && counter.passedByKnown) continue;
        if ((await sessions.getSession(`${counter.name}:blocked`)) !== undefined) {
          throw new HttpError(429, 'too many failed sign-ins; wait a few minutes', { headers: { 'Retry-After': retryAfter } });
        }
      }
    },
    async failed(email: string, ip: string): Promise<void> {
      for (const counter of counters(email, ip)) {
        // The failure that reaches the limit blocks the next attempts.
        if (!(await sessions.hit(counter.name, counter.limit - 1, limits.windowMs))) {
          await sessions.setSession(`${counter.name}:blocked`, '1', windowSeconds);
        }
      }
    },
    async succeeded(email: string, ip: string): Promise<void> {
      await sessions.setSession(known(email, ip), '1', Math.ceil(limits.knownAddressMs / 1000));
    },
  };
}
