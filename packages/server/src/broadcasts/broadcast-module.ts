import type { RouteSpec } from '../api/route-spec';
import type { AudienceResolver } from '../contacts/segments';
import type { Logger } from '../conversation/logger';
import { createStatusBacklog } from '../conversation/status-backlog';
import type { DocumentStore } from '../ports/document-store';
import type { SessionStore } from '../ports/session-store';
import type { AuditLog } from '../records/audit-log';
import type { TemplateRepository } from '../templates/template-repository';
import type { WebhookItem } from '../webhook/parse-whatsapp-webhook';
import { createWhatsAppChannel, type WhatsAppChannelDeps } from '../whatsapp/whatsapp-channel';
import { createBroadcastAudience } from './broadcast-audience';
import { createBroadcastReplies } from './broadcast-replies';
import { CALLBACK_PREFIX, createBroadcastRepository } from './broadcast-repository';
import { broadcastRoutes } from './broadcast-routes';
import { type BroadcastSenderOptions, createBroadcastSender } from './broadcast-sender';

export interface BroadcastModuleDeps {
  documents: DocumentStore;
  sessions: SessionStore;
  templates: Pick<TemplateRepository, 'list'>;
  /** The contacts module's resolver of `{ tags?, segment? }`. */
  audiences: AudienceResolver;
  flowPublished(workspaceId: string, flowId: string): Promise<boolean>;
  audit: AuditLog;
  graphUrl: string;
  accessToken: WhatsAppChannelDeps['accessToken'];
  logger: Logger;
  clock?: () => number;
  options?: BroadcastSenderOptions;
}

/**
 * Broadcasts for the app: their routes, the sender that works through due ones, the webhook's
 * share (statuses of broadcast messages, replies to them).
 *
 * @example
 * const broadcasts = createBroadcastModule({ documents, sessions, templates, flowPublished, audit, graphUrl, accessToken, logger });
 * routes.push(...broadcasts.routes);
 * broadcasts.start();
 */
export function createBroadcastModule(deps: BroadcastModuleDeps) {
  const clock = deps.clock ?? Date.now;
  const broadcasts = createBroadcastRepository(deps.documents);
  const audience = createBroadcastAudience(deps.documents, deps.audiences);
  const replies = createBroadcastReplies(deps.sessions, broadcasts);
  // One try per send: a throughput error pauses the whole number instead of one send retrying alone.
  const channel = createWhatsAppChannel({
    graphUrl: deps.graphUrl,
    accessToken: deps.accessToken,
    logger: deps.logger,
    retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
  });
  const backlog = createStatusBacklog(clock(), clock);
  const sender = createBroadcastSender({
    backlog,
    broadcasts,
    audience,
    replies,
    sessions: deps.sessions,
    channel,
    logger: deps.logger,
    clock,
    ...(deps.options ? { options: deps.options } : {}),
  });
  const routes: RouteSpec[] = broadcastRoutes({
    broadcasts,
    audience,
    templates: deps.templates,
    flowPublished: deps.flowPublished,
    audit: deps.audit,
    clock,
  });
  return {
    routes,
    start: sender.start,
    stop: sender.stop,
    /** The webhook's `accept` with replies to broadcasts counted and routed to their flow. */
    withReplies: replies.withReplies,
    /** For the webhook's `sentElsewhere`: applies the statuses of broadcast messages. */
    async applyStatus(workspaceId: string, status: Extract<WebhookItem, { kind: 'status' }>): Promise<boolean> {
      const data = status.callbackData;
      if (!data?.startsWith(CALLBACK_PREFIX)) return false;
      backlog.saw(status.timestamp);
      const error = status.errors[0];
      const reason = error ? [error.title, error.details].filter(Boolean).join(': ') || 'failed' : undefined;
      await broadcasts.applyStatus(
        workspaceId,
        data.slice(CALLBACK_PREFIX.length),
        status.status,
        status.id,
        clock(),
        error ? { ...(error.code !== undefined ? { code: error.code } : {}), reason: reason ?? 'failed' } : undefined,
      );
      return true;
    },
  };
}
