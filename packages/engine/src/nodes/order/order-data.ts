import type { NodeEvent } from '../../define-node-type';
import type { ConversationContext } from '../../runtime/conversation-context';
import { matchOption } from '../../runtime/match-option';
import type { MenuOption, OutboundMessage } from '../../runtime/outbound-message';
import type { Product } from '../../runtime/ports';
import type { OrderItemInput, UserMessage } from '../../runtime/user-message';

/** Where the customer is browsing: a category, a search, or everything; and which page. */
export interface BrowseQuery {
  category?: string;
  search?: string;
  offset: number;
  pageSize: number;
}

/** The order node's scratch state while the conversation is in it (plain JSON in the snapshot). */
export interface OrderData {
  categories?: string[];
  categoryPage?: number;
  query?: BrowseQuery;
  /** The options of the last list or buttons, so a typed label or number picks one. */
  options?: MenuOption[];
  /** The last question asked, sent again after an answer that was not understood. */
  prompt?: OutboundMessage[];
  /** The id of the product tapped, while it is looked up. */
  productId?: string;
  /** The product being chosen, as the catalog last returned it. */
  product?: Product;
  variantId?: string;
  delivery?: Record<string, string>;
  /** Ids of the delivery fields still to ask, the current one first. */
  pending?: string[];
  /** Items of a cart the customer sent from the channel's catalog, being looked up. */
  items?: OrderItemInput[];
}

/** The node's scratch state; only this node's own actions write it. */
export function orderData(context: ConversationContext): OrderData {
  return context.node.data as OrderData;
}

/** The user message an event carries, if it is one. */
export function messageOf(event: NodeEvent): UserMessage | undefined {
  return event.type === 'user.message' && 'message' in event ? event.message : undefined;
}

/** The output of an invoked catalog actor, carried by its done event. */
export function outputOf<T>(event: NodeEvent): T | undefined {
  return 'output' in event ? (event.output as T) : undefined;
}

/**
 * The option id a message picks: a tapped row or button by its id (also from an older list, so
 * a product tapped further up the chat still works), or a typed label or number of the last list.
 */
export function chosen(event: NodeEvent, context: ConversationContext): string | undefined {
  const message = messageOf(event);
  if (!message) return undefined;
  if (message.kind === 'choice') return message.id;
  return matchOption(message, orderData(context).options ?? [])?.id;
}
