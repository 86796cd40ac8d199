import { customNodeTypes, type HandlerPort, type HttpPort, type NodeHandler, runsOnServer } from '@chatflow/engine';
import type { TurnScope } from '../ai/turn-scope';
import type { MediaStore } from '../media/media-store';
import type { Logger } from '../observability/logger';
import { OutboundError } from '../outbound/outbound-error';
import type { SecretReader } from '../secrets/with-secrets';

export interface HandlerPortDeps {
  /** The http node's port: the same SSRF rules, caps and `{{secrets.NAME}}` filling. */
  http: HttpPort;
  media: MediaStore;
  secrets: SecretReader;
  /** Told every secret a handler reads, so the logger masks it from then on. */
  reveal: (value: string) => void;
  log: Logger;
  scope: () => TurnScope | undefined;
}

/** The custom node types' handlers, by type. */
export type Handlers = ReadonlyMap<string, NodeHandler>;

/**
 * Loads the handler of every custom node type made with `defineServerNodeType`: the file
 * `packages/engine/src/custom/<type>/handler.ts` (the builder never imports it).
 */
export async function loadHandlers(): Promise<Handlers> {
  const handlers = new Map<string, NodeHandler>();
  for (const type of customNodeTypes.filter(runsOnServer)) {
    const module = (await import(`../../../engine/src/custom/${type.type}/handler.ts`)) as { handler: NodeHandler };
    handlers.set(type.type, module.handler);
  }
  return handlers;
}

/** Runs the loaded handlers with the conversation's workspace services and the node's deadline. */
export function createHandlerPort(handlers: Handlers, deps: HandlerPortDeps): HandlerPort {
  return {
    async run(request) {
      const handler = handlers.get(request.type);
      const scope = deps.scope();
      if (!handler || !scope) throw new OutboundError(`the ${request.type} node has no server handler`);
      const { workspaceId } = scope;
      const read: string[] = [];
      const log = deps.log.child({ nodeId: request.nodeId, nodeType: request.type });
      const services = {
        http: deps.http,
        media: {
          get: (id: string) => deps.media.get(workspaceId, id),
          put: (bytes: Uint8Array, meta: { mimeType: string; filename?: string }) =>
            deps.media.put(workspaceId, bytes, { ...meta, contactId: scope.contactId }),
        },
        secrets: {
          read: async (name: string) => {
            const value = await deps.secrets(workspaceId, name);
            if (value !== undefined) {
              deps.reveal(value);
              read.push(value);
            }
            return value;
          },
        },
        log,
      };
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new OutboundError(`the handler took longer than ${request.timeoutMs / 1000} s`)),
          request.timeoutMs,
        );
      });
      try {
        return await Promise.race([handler({ config: request.config, nodeId: request.nodeId }, services), deadline]);
      } catch (error) {
        log.warn('custom node handler failed', { error });
        const reason = error instanceof Error && error.message ? error.message : 'the handler failed';
        throw new OutboundError(read.reduce((text, secret) => text.split(secret).join('[secret]'), reason));
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
