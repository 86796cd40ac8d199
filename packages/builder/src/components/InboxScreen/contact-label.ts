import type { QueueItem } from '../../api/inbox-api';

/** What to call the customer: their WhatsApp profile name, else a short form of their contact id. */
export function contactLabel(item: Pick<QueueItem, 'contactName' | 'contactId'>): string {
  return item.contactName?.trim() || `Customer ${item.contactId.slice(0, 6)}`;
}
