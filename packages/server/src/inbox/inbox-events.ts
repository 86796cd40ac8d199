import { EventEmitter } from 'node:events';
import type { ConversationStatus } from '../records/conversation-repository';
import type { InboxAudience } from './inbox-visibility';

/** What the inbox UI hears about, as SSE `event:` names with their `data`. */
export type InboxEvent =
  /** A conversation was handed off and waits in its department's queue. */
  | { type: 'waiting'; conversationId: string; department?: string; note?: string; at: number }
  /** A customer wrote in a handed-off conversation. */
  | { type: 'message'; conversationId: string; direction: 'in' | 'out'; text: string; by?: string; at: number }
  | { type: 'assigned'; conversationId: string; agentId: string; agentName?: string; at: number }
  | { type: 'released'; conversationId: string; agentId: string; at: number }
  | { type: 'closed'; conversationId: string; agentId: string; at: number }
  /**
   * The bot's turn after the conversation left the agents is over (a hand-back, or no agent came
   * in time): its replies are in the transcript; `status` says where the conversation is now.
   */
  | { type: 'resumed'; conversationId: string; status: ConversationStatus; at: number };

export interface InboxEvents {
  /** `audience` is the conversation the event is about: each listener delivers it only to whom may see that. */
  publish(workspaceId: string, event: InboxEvent, audience: InboxAudience): void;
  /** Calls `listener` with the workspace's events until the returned function is called. */
  subscribe(workspaceId: string, listener: (event: InboxEvent, audience: InboxAudience) => void): () => void;
}

/**
 * The inbox's live updates, within this process. Several server processes behind a load balancer
 * would each see only their own events; that needs a shared bus (Redis pub/sub) in front of this.
 */
export function createInboxEvents(): InboxEvents {
  const emitter = new EventEmitter();
  // One listener per open inbox tab; many agents may watch at once.
  emitter.setMaxListeners(0);
  return {
    publish(workspaceId, event, audience) {
      emitter.emit(workspaceId, event, audience);
    },
    subscribe(workspaceId, listener) {
      emitter.on(workspaceId, listener);
      return () => emitter.off(workspaceId, listener);
    },
  };
}
