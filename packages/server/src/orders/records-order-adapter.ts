import type { OrderRepository } from '../records/order-repository';
import type { OrderService } from './order-service';

/**
 * The conversation records' order repository with its `create` going through the order service,
 * so orders the pipeline stores from `order.create` effects are numbered, exactly totalled and
 * given a status history. Reading and deleting (export, erasure) stay as they are: both work on
 * the same `orders` documents.
 *
 * @example
 * const base = createRecords(documents);
 * const records = { ...base, orders: withOrderService(base.orders, orders) };
 */
export function withOrderService(repository: OrderRepository, orders: OrderService): OrderRepository {
  return {
    ...repository,
    async create(record) {
      const { id, workspaceId, conversationId, contactId, createdAt, lines, currency, total, delivery } = record;
      await orders.createOrderFromDraft({ id, workspaceId, conversationId, contactId, createdAt }, { lines, currency, total, delivery });
      return record;
    },
  };
}
