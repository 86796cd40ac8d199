import type { OutboundMessage } from './outbound-message';

/** An order the flow captured; the host stores it and assigns its number. */
export interface OrderDraft {
  /** `variant` is the variant's name as the customer saw it, `variantId` its catalog id; prices in major units. */
  lines: { productId: string; name: string; variant?: string; variantId?: string; quantity: number; unitPrice: number }[];
  /** ISO 4217 code of every price in the order. */
  currency: string;
  /** The exact sum of quantity × unit price (computed in minor units). */
  total: number;
  /** The delivery details the customer gave, by field id (e.g. `name`, `address`). */
  delivery: Record<string, string>;
}

/**
 * What a conversation asks its host to do. The engine never performs I/O: every side effect
 * leaves the machine as one of these, and the host carries it out (idempotently).
 */
export type Effect =
  | { type: 'message.send'; nodeId: string; message: OutboundMessage }
  | { type: 'timer.schedule'; nodeId: string; timerId: string; delayMs: number }
  | { type: 'timer.cancel'; nodeId: string; timerId: string }
  | { type: 'handoff'; nodeId: string; department: string; note?: string }
  | { type: 'variable.set'; nodeId: string; name: string; value: unknown }
  | { type: 'order.create'; nodeId: string; order: OrderDraft }
  | { type: 'flow.jump'; nodeId: string; flowId: string }
  | { type: 'ai.usage'; nodeId: string; model: string; inputTokens: number; outputTokens: number }
  /** A node left by its `error` exit; `reason` is for the admin (test chat, conversation record), never the customer. */
  | { type: 'node.failed'; nodeId: string; reason: string }
  | { type: 'conversation.end'; nodeId: string; outcome?: string }
  /** The conversation reached a node (reported for per-node counts; nothing to carry out). */
  | { type: 'node.enter'; nodeId: string }
  /** The conversation left a node by `exit` (reported for per-node counts; nothing to carry out). */
  | { type: 'node.exit'; nodeId: string; exit: string };

export type EffectType = Effect['type'];
