import type { Ports, TurnPorts } from '@chatflow/engine';
import { createCatalogPort } from '../catalog/catalog-port';
import type { CatalogRepository } from '../catalog/catalog-repository';
import { createHandlerPort, type Handlers } from '../custom/handler-port';
import type { MediaStore } from '../media/media-store';
import type { Logger } from '../observability/logger';
import { createCachedHttpPort } from '../outbound/cached-http-port';
import type { HttpClient } from '../outbound/http-client';
import { createHttpPort } from '../outbound/http-port';
import type { SessionStore } from '../ports/session-store';
import { type SecretReader, withSecrets } from '../secrets/with-secrets';
import type { ClaudeAi } from './claude-ai-port';
import type { TurnScope } from './turn-scope';

export interface TurnPortsDeps {
  ai: ClaudeAi;
  httpClient: HttpClient;
  media: MediaStore;
  sessions: Pick<SessionStore, 'getSession' | 'setSession'>;
  secrets: SecretReader;
  /** Told every secret value a port fills in, so the logger masks it from then on. */
  reveal: (value: string) => void;
  catalog: CatalogRepository;
  /** The custom node types' handlers (`loadHandlers`). */
  handlers: Handlers;
  log: Logger;
}

/**
 * The engine's ports for one turn, bound to its conversation: the runtime of a flow version is
 * shared by all its conversations and makes a turn's ports from the `TurnScope` that `planTurn`
 * passes it, only when a node of the turn calls one (a menu bot's turns never do).
 */
export function createTurnPorts(deps: TurnPortsDeps): TurnPorts {
  return (turn: unknown): Ports => {
    const scope = turn as TurnScope;
    const current = () => scope;
    const http = createCachedHttpPort({
      port: withSecrets(createHttpPort({ client: deps.httpClient, media: deps.media, scope: current }), {
        read: deps.secrets,
        scope: current,
        reveal: deps.reveal,
      }),
      sessions: deps.sessions,
      media: deps.media,
      scope: current,
    });
    return {
      ai: deps.ai.portFor(scope),
      http,
      handlers: createHandlerPort(deps.handlers, {
        http,
        media: deps.media,
        secrets: deps.secrets,
        reveal: deps.reveal,
        log: deps.log,
        scope: current,
      }),
      catalog: createCatalogPort(deps.catalog, () => scope.workspaceId),
    };
  };
}
