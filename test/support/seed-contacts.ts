import { createRecords } from '@chatflow/server/src/records/records';
import { openStores } from '@chatflow/server/src/stores/open-stores';

export interface SeededContact {
  address: string;
  name: string;
  tags: string[];
  optedIn?: boolean;
  blocked?: boolean;
}

/**
 * Writes contacts of a WhatsApp number into a data folder before a server opens it (the stores
 * it would open, through the contact repository): for audiences too large to create by webhooks.
 * Answers their ids by address.
 *
 * @example
 * await seedContacts(dataDir, 'default', PHONE_NUMBER_ID, [{ address: '15550001', name: 'Ada', tags: ['vip'], optedIn: true }]);
 */
export async function seedContacts(
  dataDir: string,
  workspaceId: string,
  phoneNumberId: string,
  contacts: SeededContact[],
): Promise<Map<string, string>> {
  const stores = await openStores({ dataDir });
  const ids = new Map<string, string>();
  try {
    const records = createRecords(stores.documents);
    const now = Date.now();
    for (const contact of contacts) {
      const created = await records.contacts.ensure(workspaceId, { kind: 'whatsapp', phoneNumberId }, contact.address, now, contact.name);
      await records.contacts.correct(
        workspaceId,
        created.id,
        { tags: contact.tags, optedIn: contact.optedIn ?? true, blocked: contact.blocked ?? false },
        now,
      );
      ids.set(contact.address, created.id);
    }
  } finally {
    await stores.close();
  }
  return ids;
}
