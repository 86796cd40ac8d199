import type { InboundEvent } from './inbound-event';

/** An event as it waits in its conversation's queue. */
export interface QueueItem extends InboundEvent {
  /** Enqueued again by a webhook retry of a message not yet processed: the turn checks its record first. */
  redelivery?: true;
  /** For a timer: the conversation that scheduled it, so a timer of an earlier conversation is ignored. */
  conversationId?: string;
}
