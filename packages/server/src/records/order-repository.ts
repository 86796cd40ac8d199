import type { CapturedOrder, OrderRecord } from '../orders/order';
import { createOrderService } from '../orders/order-service';
import type { DocumentStore } from '../ports/document-store';

export type { CapturedOrder, OrderRecord } from '../orders/order';

/** The conversation records' view of orders: what a turn captured, a contact's export and erasure. */
export interface OrderRepository {
  /** Stores a captured order once, numbered and exactly totalled; a second call with the same id returns the stored one. */
  create(order: CapturedOrder): Promise<OrderRecord>;
  /** Newest first. */
  list(workspaceId: string, filter?: { contactId?: string; conversationId?: string }): Promise<OrderRecord[]>;
  deleteForContact(workspaceId: string, contactId: string): Promise<number>;
}

/**
 * Orders on the document store, through the order service: the `orders` collection has one
 * record type (`orders/order.ts`), whoever writes it. Every query is scoped by workspace.
 */
export function createOrderRepository(documents: DocumentStore): OrderRepository {
  const orders = createOrderService(documents);
  return {
    create: ({ id, workspaceId, conversationId, contactId, createdAt, status, ...draft }) =>
      orders.createOrderFromDraft({ id, workspaceId, conversationId, contactId, createdAt }, draft, status),
    list: (workspaceId, filter = {}) => orders.list(workspaceId, filter),
    deleteForContact: (workspaceId, contactId) => orders.deleteForContact(workspaceId, contactId),
  };
}
