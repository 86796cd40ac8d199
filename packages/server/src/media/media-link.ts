import { createHmac, timingSafeEqual } from 'node:crypto';

export interface MediaLinks {
  /** An absolute link to a stored file, valid for `lifetimeMs` from now. */
  link(workspaceId: string, id: string): string;
  /** Whether `sig` is this server's signature of the file and expiry, and the expiry is still ahead. */
  verify(workspaceId: string, id: string, exp: string | undefined, sig: string | undefined): 'ok' | 'expired' | 'bad';
}

/**
 * Signed, expiring links to stored media: `<base>/media/<workspace>/<id>?exp=<unix s>&sig=<HMAC>`,
 * keyed by a key derived from the server's secret key (never the key itself), so a processing
 * service can fetch one file for a while and nothing else.
 *
 * @example
 * const links = mediaLinks({ secretKey, baseUrl: () => 'https://bot.example', lifetimeMs: 86_400_000 });
 */
export function mediaLinks(options: { secretKey: Buffer; baseUrl: () => string; lifetimeMs: number; clock?: () => number }): MediaLinks {
  const clock = options.clock ?? Date.now;
  const key = createHmac('sha256', options.secretKey).update('chatflow media links').digest();
  const signature = (workspaceId: string, id: string, exp: string) =>
    createHmac('sha256', key).update(`${workspaceId}\n${id}\n${exp}`).digest('base64url');
  return {
    link(workspaceId, id) {
      const exp = String(Math.ceil((clock() + options.lifetimeMs) / 1000));
      const path = `/media/${encodeURIComponent(workspaceId)}/${encodeURIComponent(id)}`;
      return `${options.baseUrl()}${path}?exp=${exp}&sig=${signature(workspaceId, id, exp)}`;
    },
    verify(workspaceId, id, exp, sig) {
      if (!exp || !sig || !/^\d{1,12}$/.test(exp)) return 'bad';
      const expected = Buffer.from(signature(workspaceId, id, exp));
      const given = Buffer.from(sig);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad';
      return Number(exp) * 1000 < clock() ? 'expired' : 'ok';
    },
  };
}
