import { randomBytes } from 'node:crypto';
import type { SessionStore } from '../ports/session-store';
import { hashToken } from '../security/local-secrets';

/** How long a ticket may wait for its stream to open. */
export const STREAM_TICKET_TTL_SECONDS = 60;

export interface StreamTickets {
  /** A ticket for one opening of `stream` (its path, e.g. `/api/inbox/events`) as the holder of `credential`. */
  issue(credential: string, stream: string): Promise<{ ticket: string; expiresAt: number }>;
  /** The credential a ticket was issued for, once, and only on the stream it names; undefined otherwise. */
  redeem(ticket: string, stream: string): Promise<string | undefined>;
}

/**
 * Short-lived, single-use tickets for server-sent event streams. EventSource cannot send an
 * Authorization header, and a session token in a URL lands in proxy logs and browser history for
 * its whole 12 hours; a ticket in the URL is worth one opening of one stream within a minute.
 * Tickets live in the session store (so any server process redeems them), kept by their hash.
 * `credential` is the SHA-256 of the bearer token the ticket was asked with.
 *
 * @example
 * const { ticket } = await tickets.issue(hashToken(token), '/api/inbox/events');
 * const credential = await tickets.redeem(ticket, '/api/inbox/events');
 */
export function createStreamTickets(
  sessions: Pick<SessionStore, 'getSession' | 'setSession' | 'deleteSession' | 'remember'>,
  clock: () => number = Date.now,
): StreamTickets {
  const key = (ticket: string) => `stream-ticket:${hashToken(ticket)}`;
  return {
    async issue(credential, stream) {
      const ticket = randomBytes(32).toString('base64url');
      await sessions.setSession(key(ticket), JSON.stringify({ credential, stream }), STREAM_TICKET_TTL_SECONDS);
      return { ticket, expiresAt: clock() + STREAM_TICKET_TTL_SECONDS * 1000 };
    },
    async redeem(ticket, stream) {
      const stored = await sessions.getSession(key(ticket));
      if (!stored) return undefined;
      // `remember` is atomic in every store: of two openings with one ticket, one wins.
      if (!(await sessions.remember(`${key(ticket)}:used`, STREAM_TICKET_TTL_SECONDS))) return undefined;
      await sessions.deleteSession(key(ticket));
      const parsed = JSON.parse(stored) as { credential: string; stream: string };
      return parsed.stream === stream ? parsed.credential : undefined;
    },
  };
}
