import type { DocumentStore } from '../ports/document-store';
import { type AuditLog, createAuditLog } from './audit-log';
import { type ContactRepository, createContactRepository } from './contact-repository';
import { type ConversationRepository, createConversationRepository } from './conversation-repository';
import { createMessageRepository, type MessageRepository } from './message-repository';
import { createOrderRepository, type OrderRepository } from './order-repository';

/** Every repository of the conversation records, over one document store. */
export interface Records {
  contacts: ContactRepository;
  conversations: ConversationRepository;
  messages: MessageRepository;
  orders: OrderRepository;
  audit: AuditLog;
}

/**
 * Opens the conversation records on a document store.
 *
 * @example
 * const records = createRecords(stores.documents);
 * const conversation = await records.conversations.get(workspaceId, id);
 */
export function createRecords(documents: DocumentStore): Records {
  return {
    contacts: createContactRepository(documents),
    conversations: createConversationRepository(documents),
    messages: createMessageRepository(documents),
    orders: createOrderRepository(documents),
    audit: createAuditLog(documents),
  };
}
