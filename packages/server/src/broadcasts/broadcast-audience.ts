import type { DocumentStore } from '../ports/document-store';
import type { ContactRecord } from '../records/contact-repository';
import type { BroadcastAudience } from './broadcast-repository';

/** Why a contact gets no broadcast, checked when its message is about to go out; undefined when it may. */
export function refusal(contact: ContactRecord | undefined): string | undefined {
  if (!contact) return 'contact deleted';
  if (contact.channel.kind !== 'whatsapp') return 'not a WhatsApp contact';
  if (contact.blocked) return 'blocked';
  if (contact.optedOut) return 'opted out';
  if (contact.optedIn !== true) return 'not opted in';
  return undefined;
}

/**
 * The contacts of a broadcast's audience: WhatsApp contacts with any of its tags, in the order they
 * first wrote. Whether each may be sent to is decided at send time (`refusal`), not here.
 */
export function createBroadcastAudience(documents: DocumentStore) {
  const contacts = documents.collection<ContactRecord>('contacts');
  return {
    async resolve(workspaceId: string, audience: BroadcastAudience): Promise<ContactRecord[]> {
      const tags = audience.tags ?? [];
      if (tags.length === 0) return [];
      const found = await contacts.find({ workspaceId, tags: { $in: tags } }, { sort: { createdAt: 1 } });
      return found.filter((contact) => contact.channel.kind === 'whatsapp');
    },
    /** The audience's size, and how many of it a broadcast would reach now. */
    async size(workspaceId: string, audience: BroadcastAudience): Promise<{ contacts: number; reachable: number }> {
      const all = await this.resolve(workspaceId, audience);
      return { contacts: all.length, reachable: all.filter((contact) => refusal(contact) === undefined).length };
    },
    async byIds(workspaceId: string, ids: string[]): Promise<Map<string, ContactRecord>> {
      // By key, one each: cheaper than matching a list of ids against every contact.
      const found = await Promise.all(ids.map((id) => contacts.findOne({ workspaceId, id })));
      return new Map(found.flatMap((contact) => (contact ? [[contact.id, contact] as const] : [])));
    },
  };
}

export type BroadcastAudienceResolver = ReturnType<typeof createBroadcastAudience>;
