import type { EngineEvent } from '@chatflow/engine';

/** Where a conversation talks: a WhatsApp business number, or a simulator session in the builder. */
export type ChannelRef = { kind: 'whatsapp'; phoneNumberId: string } | { kind: 'web'; sessionId: string };

/**
 * Starts the channel's flow without a customer message: the simulator opening a session, or a
 * host starting a conversation itself. Ignored while a conversation is running (a start never
 * clobbers a live conversation) and for an opted-out contact; it opens no 24-hour window.
 */
export interface ConversationStart {
  type: 'conversation.start';
  now?: number;
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
