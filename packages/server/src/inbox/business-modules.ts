import type { Request, RequestHandler } from 'express';
import { createAiMemoryRepository } from '../ai/ai-memory-repository';
import { aiUsageRoutes } from '../ai/ai-usage-routes';
import type { RouteSpec } from '../api/route-spec';
import type { Channel } from '../conversation/channel';
import type { ChannelRef, InboundEvent } from '../conversation/inbound-event';
import { orderRoutes } from '../orders/order-routes';
import { createOrderService } from '../orders/order-service';
import type { DocumentStore } from '../ports/document-store';
import type { SessionStore } from '../ports/session-store';
import type { Records } from '../records/records';
import { type AuthService, createAuthService } from '../users/auth-service';
import { type AuthenticateOptions, authenticate } from '../users/authenticate';
import type { LoginLimits } from '../users/login-throttle';
import { streamTicketRoutes } from '../users/stream-ticket-routes';
import { createStreamTickets } from '../users/stream-tickets';
import { createUserRepository } from '../users/user-repository';
import { userRoutes } from '../users/user-routes';
import { createAssignmentRepository } from './assignment-repository';
import { createInboxEvents } from './inbox-events';
import { inboxRoutes } from './inbox-routes';
import { createInboxService } from './inbox-service';
import { inboxTurnListener } from './inbox-turn-listener';
import { withInboxEvents } from './records-inbox-adapter';
import { withTakeoverAudit } from './takeover-audit';

/** What the workspaces module adds to authentication. */
export interface WorkspaceAccess {
  credentials: Pick<AuthService, 'authenticate'>;
  admit: NonNullable<AuthenticateOptions['admit']>;
  isPublic: NonNullable<AuthenticateOptions['isPublic']>;
}

export interface BusinessModulesDeps {
  documents: DocumentStore;
  sessions: SessionStore;
  /** SHA-256 (hex) of the ADMIN_TOKEN: it stays an admin next to users' session tokens. */
  adminTokenHash: string;
  /** Whether a workspace's AI nodes can call Claude, for the builder to warn on AI nodes when they cannot; no by default. */
  aiConfigured?: (workspaceId: string) => Promise<boolean>;
  /** How long a sign-in lasts; 12 hours by default. */
  sessionTtlMs?: number;
  loginLimits?: LoginLimits;
  clock?: () => number;
}

/**
 * Orders, users and roles, and the agent inbox, composed for the app in one place so the app
 * shell wires them with a few lines: the records they decorate, the authentication that replaces
 * the ADMIN_TOKEN-only check, and their routes once the conversation service exists.
 *
 * @example
 * const business = createBusinessModules({ documents, sessions, adminTokenHash });
 * const records = business.records(createRecords(documents));
 * const service = createConversationService({ ..., records });
 * routes.push(...business.routes({ accept: service.accept, channels }));
 */
export function createBusinessModules(deps: BusinessModulesDeps) {
  const clock = deps.clock ?? Date.now;
  const orders = createOrderService(deps.documents, clock);
  const auth = createAuthService(createUserRepository(deps.documents), {
    clock,
    ...(deps.sessionTtlMs ? { sessionTtlMs: deps.sessionTtlMs } : {}),
  });
  const events = createInboxEvents();
  const tickets = createStreamTickets(deps.sessions, clock);
  return {
    orders,
    auth,
    events,
    /** For the conversation service's `onTurnDone`: tells the inbox when the bot took a conversation back. */
    turnDone: inboxTurnListener(events, clock),
    /** The conversation records with the inbox listening. */
    records: (base: Records): Records => withInboxEvents(base, events),
    /**
     * Bearer authentication for `/api`: the ADMIN_TOKEN or a user's session; agents kept to the
     * inbox. `workspaces` widens it to sessions switched to other workspaces and API keys.
     */
    authenticate: (isStream: (req: Request) => boolean, workspaces?: WorkspaceAccess): RequestHandler =>
      authenticate({
        adminTokenHashes: [deps.adminTokenHash],
        auth: workspaces?.credentials ?? auth,
        isStream,
        tickets,
        ...(workspaces ? { admit: workspaces.admit, isPublic: workspaces.isPublic } : {}),
      }),
    /** `/api/orders`, `/api/auth`, `/api/users`, `/api/inbox` and `/api/ai/usage`. */
    routes(conversation: {
      records: Records;
      accept: (events: InboundEvent[]) => Promise<void>;
      channels: (ref: ChannelRef) => Channel;
    }): RouteSpec[] {
      const inbox = withTakeoverAudit(
        createInboxService({
          records: conversation.records,
          assignments: createAssignmentRepository(deps.documents),
          events,
          channels: conversation.channels,
          accept: conversation.accept,
          sessions: deps.sessions,
          clock,
        }),
        conversation.records.audit,
        clock,
      );
      return [
        ...orderRoutes(orders),
        ...userRoutes(auth, deps.sessions, { audit: conversation.records.audit, clock }, deps.loginLimits),
        ...streamTicketRoutes(tickets),
        ...inboxRoutes(inbox, events),
        ...aiUsageRoutes(createAiMemoryRepository(deps.documents), { configured: deps.aiConfigured ?? (async () => false) }),
      ];
    },
  };
}
