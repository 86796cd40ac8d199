import type { AudienceResolver } from '../contacts/segments';
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
 * A broadcast's view of its audience: the contacts's pages from the contacts module's resolver
 * (tags and segments), its size, and contacts read again by id just before their sends.
 */
export function createBroadcastAudience(documents: DocumentStore, resolver: AudienceResolver) {
  const contacts = documents.collection<ContactRecord>('contacts');
  return {
    /** The audience's contacts, a page at a time; throws `UnknownSegmentError` for a segment the workspace lacks. */
    pages: (workspaceId: string, audience: BroadcastAudience) => resolver.pages(workspaceId, audience),
    /** The audience's size, and how many of it a broadcast would reach now. */
    async size(workspaceId: string, audience: BroadcastAudience): Promise<{ contacts: number; reachable: number }> {
      let all = 0;
      let reachable = 0;
      for await (const page of resolver.pages(workspaceId, audience)) {
        all += page.length;
        reachable += page.filter((contact) => refusal(contact) === undefined).length;
      }
      return { contacts: all, reachable };
    },
    async byIds(workspaceId: string, ids: string[]): Promise<Map<string, ContactRecord>> {
      // By key, one each: cheaper than matching a list of ids against every contact.
      const found = await Promise.all(ids.map((id) => contacts.findOne({ workspaceId, id })));
      return new Map(found.flatMap((contact) => (contact ? [[contact.id, contact] as const] : [])));
    },
  };
}

export type BroadcastAudienceResolver = ReturnType<typeof createBroadcastAudience>;
