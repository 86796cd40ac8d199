import type { OrderDraft } from '@chatflow/engine';
import { HttpError } from '../api/http-error';
import { type DocumentStore, DuplicateKeyError } from '../ports/document-store';
import { canMove, type OrderOrigin, type OrderRecord, type OrderStatus, pricedLines } from './order';

export interface OrderQuery {
  status?: OrderStatus;
  contactId?: string;
  conversationId?: string;
  /** At most this many; every match when absent (a contact's data export). */
  limit?: number;
}

export interface OrderService {
  /**
   * Stores the order a flow captured (the engine's `order.create` effect), numbered and with its
   * totals recomputed exactly, in `status` (`new` unless given); a second call with the same id
   * returns the stored order.
   */
  createOrderFromDraft(origin: OrderOrigin, draft: OrderDraft, status?: OrderStatus): Promise<OrderRecord>;
  /** Newest first. */
  list(workspaceId: string, query?: OrderQuery): Promise<OrderRecord[]>;
  get(workspaceId: string, id: string): Promise<OrderRecord>;
  /** Moves an order on (or cancels it), recording who and when; 409 when the move is not allowed. */
  setStatus(workspaceId: string, id: string, status: OrderStatus, by: string, note?: string): Promise<OrderRecord>;
  /** Deletes a contact's orders (on a deletion request); returns how many. */
  deleteForContact(workspaceId: string, contactId: string): Promise<number>;
}

/** How often numbering is retried when another process took the same number at the same time. */
const NUMBER_ATTEMPTS = 20;

/**
 * Orders on the document store (collection `orders`, shared with the conversation records'
 * export and deletion); every query is scoped by workspace.
 *
 * @example
 * const orders = createOrderService(documents);
 * await orders.createOrderFromDraft({ id: `${eventId}:${i}`, workspaceId, conversationId, contactId, createdAt: now }, effect.order);
 */
export function createOrderService(documents: DocumentStore, clock: () => number = Date.now): OrderService {
  const orders = documents.collection<OrderRecord>('orders', {
    unique: [['workspaceId', 'number']],
    indexes: [
      ['workspaceId', 'contactId'],
      ['workspaceId', 'status', 'createdAt'],
      ['workspaceId', 'createdAt'],
    ],
  });
  const service: OrderService = {
    async createOrderFromDraft(origin, draft, status = 'new') {
      const found = await orders.findOne({ workspaceId: origin.workspaceId, id: origin.id });
      if (found) return found;
      const priced = pricedLines(draft);
      for (let attempt = 0; attempt < NUMBER_ATTEMPTS; attempt += 1) {
        const [last] = await orders.find(
          { workspaceId: origin.workspaceId, number: { $exists: true } },
          { sort: { number: -1 }, limit: 1 },
        );
        const record: OrderRecord = {
          ...origin,
          number: (last?.number ?? 0) + 1,
          ...priced,
          currency: draft.currency,
          delivery: draft.delivery,
          status,
          history: [{ status, at: origin.createdAt, by: 'flow' }],
          updatedAt: origin.createdAt,
        };
        try {
          return await orders.insert(record);
        } catch (error) {
          if (!(error instanceof DuplicateKeyError)) throw error;
          // Either this turn's order was stored meanwhile (a replay), or another order took the number.
          const stored = await orders.findOne({ workspaceId: origin.workspaceId, id: origin.id });
          if (stored) return stored;
        }
      }
      throw new Error(`could not number order ${origin.id} after ${NUMBER_ATTEMPTS} attempts`);
    },
    list: (workspaceId, query = {}) =>
      orders.find(
        {
          workspaceId,
          ...(query.status ? { status: query.status } : {}),
          ...(query.contactId ? { contactId: query.contactId } : {}),
          ...(query.conversationId ? { conversationId: query.conversationId } : {}),
        },
        { sort: { createdAt: -1, number: -1 }, ...(query.limit === undefined ? {} : { limit: query.limit }) },
      ),
    async get(workspaceId, id) {
      const order = await orders.findOne({ workspaceId, id });
      if (!order) throw new HttpError(404, `order "${id}" not found`, { path: 'id' });
      return order;
    },
    async setStatus(workspaceId, id, status, by, note) {
      const order = await service.get(workspaceId, id);
      if (order.status === status) return order;
      if (!canMove(order.status, status)) {
        throw new HttpError(409, `order #${order.number} is ${order.status}; it cannot become ${status}`, { path: 'status' });
      }
      const at = clock();
      const updated = await orders.update(
        { workspaceId, id, status: order.status },
        { status, updatedAt: at, history: [...order.history, { status, at, by, ...(note ? { note } : {}) }] },
      );
      // Someone else moved it between our read and write: report the conflict rather than overwrite.
      if (!updated) throw new HttpError(409, `order #${order.number} changed meanwhile; reload it`, { path: 'status' });
      return updated;
    },
    deleteForContact: (workspaceId, contactId) => orders.delete({ workspaceId, contactId }, { erase: true }),
  };
  return service;
}
