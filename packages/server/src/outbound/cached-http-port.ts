import { createHash } from 'node:crypto';
import type { HttpPort, HttpRequest, HttpResponse } from '@chatflow/engine';
import type { TurnScope } from '../ai/turn-scope';
import type { MediaStore } from '../media/media-store';
import type { SessionStore } from '../ports/session-store';

export interface CachedHttpPortDeps {
  port: HttpPort;
  /** Where answers are kept until they expire (Redis with REDIS_URL, so every process shares them). */
  sessions: Pick<SessionStore, 'getSession' | 'setSession'>;
  /** A cached file answer is looked up again, for a fresh signed link (or a miss once it was swept). */
  media?: Pick<MediaStore, 'get'> | undefined;
  scope: () => TurnScope | undefined;
}

/** A cached answer: the response with its media file kept by id. */
type CachedAnswer = Omit<HttpResponse, 'media'> & { mediaId?: string };

/**
 * Reuses a successful answer for the request's `cacheHours` when the method, URL, body and parts
 * are the same (a media part by its sha256, so the same voice note sent again is answered without
 * calling the service). Scoped per workspace. The key is taken over the request as the engine
 * built it, before the host fills `{{secrets.NAME}}`, so no secret value is part of it or stored by it.
 */
export function createCachedHttpPort(deps: CachedHttpPortDeps): HttpPort {
  return {
    async request(request) {
      const scope = deps.scope();
      if (!request.cacheHours || !scope) return deps.port.request(request);
      const key = `http-cache:${scope.workspaceId}:${cacheKey(request)}`;
      const hit = await fromCache(key, scope.workspaceId);
      if (hit) return hit;
      const response = await deps.port.request(request);
      if (response.status >= 200 && response.status < 300) {
        const { media, ...rest } = response;
        const entry: CachedAnswer = { ...rest, ...(media ? { mediaId: media.id } : {}) };
        await deps.sessions.setSession(key, JSON.stringify(entry), Math.round(request.cacheHours * 3600));
      }
      return response;
    },
  };

  async function fromCache(key: string, workspaceId: string): Promise<HttpResponse | undefined> {
    const raw = await deps.sessions.getSession(key);
    if (raw === undefined) return undefined;
    const { mediaId, ...response } = JSON.parse(raw) as CachedAnswer;
    if (mediaId === undefined) return response;
    const stored = await deps.media?.get(workspaceId, mediaId);
    return stored ? { ...response, media: stored.file } : undefined;
  }
}

/** The digest of what makes two requests the same: method, URL, body, parts (files by content) and what answer is wanted. */
function cacheKey(request: HttpRequest): string {
  const parts = request.parts?.map((part) =>
    'value' in part ? [part.name, part.value] : [part.name, part.media.sha256, part.media.mimeType],
  );
  const same = [request.method, request.url, request.body ?? null, parts ?? null, request.responseMedia ?? false];
  return createHash('sha256').update(JSON.stringify(same)).digest('hex');
}
