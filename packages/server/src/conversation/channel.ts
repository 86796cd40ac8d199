import type { OutboundMessage } from '@chatflow/engine';
import type { ChannelRef } from './inbound-event';

export interface SendTarget {
  workspaceId: string;
  channel: ChannelRef;
  address: string;
  /** The contact's last inbound message (epoch ms): WhatsApp's 24-hour service window runs from it. */
  lastInboundAt?: number;
}

/** The `skipped` reason of a plain message outside WhatsApp's 24-hour window: only a template can go. */
export const OUTSIDE_WINDOW = 'outside-window';

export type SendResult =
  | { status: 'sent'; providerMessageId?: string }
  /** Not attempted, with the reason (outside the 24-hour window without a template, opted out...). */
  | { status: 'skipped'; reason: string }
  /** Failed for good (a 4xx); recorded on the message. Transient failures are retried inside `send`. */
  | { status: 'failed'; code?: number; reason: string };

/**
 * Carries an engine message to a customer. `idempotencyKey` is derived from the inbound event and
 * the effect's position, so a retry after a crash never sends twice.
 */
export interface Channel {
  readonly kind: ChannelRef['kind'];
  send(target: SendTarget, message: OutboundMessage, idempotencyKey: string): Promise<SendResult>;
  /**
   * Marks the customer's message read (and the earlier ones) and, with `indicator`, shows that a
   * reply is coming (WhatsApp: the typing indicator). Best effort: a failure is logged, never retried.
   */
  typing?(target: SendTarget, channelMessageId: string, indicator?: boolean): Promise<void>;
}
