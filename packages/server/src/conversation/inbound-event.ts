import type { EngineEvent } from '@chatflow/engine';

/** Where a conversation talks: a WhatsApp business number, or a simulator session in the builder. */
export type ChannelRef = { kind: 'whatsapp'; phoneNumberId: string } | { kind: 'web'; sessionId: string };

/**
 * Starts the channel's flow without a customer message: the simulator opening a session, or a
 * host starting a conversation itself. Ignored for an opted-out or blocked contact and, without a
 * `flowId`, while a conversation is running (it never clobbers a live one); it opens no 24-hour window.
 */
export interface ConversationStart {
  type: 'conversation.start';
  now?: number;
  /**
   * A start from outside (`POST /api/flows/:id/start`): this flow's latest published version, with
   * these variables, replaces a running conversation unless an agent has it, and opens with
   * `template` (else the flow's outside-window template) when the customer is outside the window.
   */
  flowId?: string;
  vars?: Record<string, string | number | boolean>;
  template?: { name: string; language: string; params?: string[] };
}

/**
 * One event for one conversation, as accepted from a channel. `id` is the dedup key (the WhatsApp
 * message id, or one the web channel makes): an id seen before is never processed twice.
 */
export interface InboundEvent {
  id: string;
  workspaceId: string;
  channel: ChannelRef;
  /** The customer's address on the channel (WhatsApp `wa_id`, or the simulator session). */
  address: string;
  contactName?: string;
  event: EngineEvent | ConversationStart;
  receivedAt: number;
  /**
   * The flow this event starts instead of the channel's (a reply to a broadcast that names one):
   * a conversation already running it continues; one running another flow ends, unless an agent has it.
   */
  flowId?: string;
}
