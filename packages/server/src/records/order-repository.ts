import type { OrderDraft } from '@chatflow/engine';
import { type DocumentStore, DuplicateKeyError } from '../ports/document-store';

/** An order a flow captured, as the business sees it. */
export interface OrderRecord extends OrderDraft {
  /** Derived from the turn and effect that created it, so a replayed turn stores it once. */
  id: string;
  workspaceId: string;
  conversationId: string;
  contactId: string;
  status: 'new' | 'confirmed' | 'cancelled';
  createdAt: number;
}

export interface OrderRepository {
  /** Stores an order once; a second call with the same id is a no-op. */
  create(record: OrderRecord): Promise<OrderRecord>;
  list(workspaceId: string, filter?: { contactId?: string; conversationId?: string }): Promise<OrderRecord[]>;
  deleteForContact(workspaceId: string, contactId: string): Promise<number>;
}

/** Orders on the document store; every query is scoped by workspace. */
export function createOrderRepository(documents: DocumentStore): OrderRepository {
  const orders = documents.collection<OrderRecord>('orders', {
    unique: [['workspaceId', 'id']],
    indexes: [['workspaceId', 'contactId']],
  });
  return {
    async create(record) {
      try {
        return await orders.insert(record);
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        return (await orders.findOne({ workspaceId: record.workspaceId, id: record.id })) ?? record;
      }
    },
    list: (workspaceId, filter = {}) => orders.find({ workspaceId, ...filter }, { sort: { createdAt: -1 } }),
    deleteForContact: (workspaceId, contactId) => orders.delete({ workspaceId, contactId }),
  };
}
