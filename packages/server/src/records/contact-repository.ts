import { randomUUID } from 'node:crypto';
import type { ChannelRef } from '../conversation/inbound-event';
import { type DocumentStore, DuplicateKeyError } from '../ports/document-store';

/** A customer on one channel. `address` (the WhatsApp `wa_id`) is personal data; it never leaves the server. */
export interface ContactRecord {
  id: string;
  workspaceId: string;
  /** `whatsapp:<phoneNumberId>` or `web:<sessionId>`: which of the business's numbers they write to. */
  channelKey: string;
  channel: ChannelRef;
  address: string;
  name?: string;
  /** Set when the business corrected the name: the WhatsApp profile name no longer replaces it. */
  nameCorrected?: boolean;
  /** What the business keeps about the contact beyond the name (tier, customer number...), set through the API. */
  attributes?: ContactAttributes;
  /** Labels the business groups contacts by (audiences of broadcasts). */
  tags?: string[];
  /** Set by the business: the bot answers nothing and no broadcast reaches them; their messages are still recorded. */
  blocked?: boolean;
  /** Set by the business when the contact agreed to receive its messages (required for broadcasts). */
  optedIn?: boolean;
  /** Set by an opt-out keyword: no bot message reaches them until they opt in again. */
  optedOut: boolean;
  /** Their last inbound message (epoch ms); opens WhatsApp's 24-hour customer-service window. */
  lastInboundAt?: number;
  createdAt: number;
  updatedAt: number;
}

export type ContactAttributes = Record<string, string | number | boolean>;

/** A correction of a contact by the business: a new name, attributes and tags replaced whole, blocking and opt-in. */
export interface ContactCorrection {
  name?: string;
  attributes?: ContactAttributes;
  tags?: string[];
  blocked?: boolean;
  optedIn?: boolean;
}

export interface ContactRepository {
  get(workspaceId: string, id: string): Promise<ContactRecord | undefined>;
  /** The workspace's contacts with this address (digits only), one per channel they wrote to. */
  findByAddress(workspaceId: string, address: string): Promise<ContactRecord[]>;
  /** Applies a correction; returns the updated contact, or undefined when there is none. */
  correct(workspaceId: string, id: string, correction: ContactCorrection, now: number): Promise<ContactRecord | undefined>;
  /**
   * The contact of an address on a channel, created on first contact (races resolve to one record),
   * then with `lastInboundAt` when the first contact is a message (one write instead of two).
   */
  ensure(
    workspaceId: string,
    channel: ChannelRef,
    address: string,
    now: number,
    name?: string,
    lastInboundAt?: number,
  ): Promise<ContactRecord>;
  /** Records an inbound message's time (and a changed profile name); returns the updated contact. */
  touchInbound(workspaceId: string, id: string, at: number, name?: string): Promise<ContactRecord | undefined>;
  setOptedOut(workspaceId: string, id: string, optedOut: boolean, now: number): Promise<void>;
  delete(workspaceId: string, id: string): Promise<boolean>;
}

/** The key that names a channel in records and session keys. */
export function channelKey(channel: ChannelRef): string {
  return channel.kind === 'whatsapp' ? `whatsapp:${channel.phoneNumberId}` : `web:${channel.sessionId}`;
}

/** Contacts on the document store; every query is scoped by workspace. */
export function createContactRepository(documents: DocumentStore): ContactRepository {
  const contacts = documents.collection<ContactRecord>('contacts', {
    unique: [['workspaceId', 'channelKey', 'address']],
    indexes: [['workspaceId', 'address']],
  });
  return {
    get: (workspaceId, id) => contacts.findOne({ workspaceId, id }),
    findByAddress: (workspaceId, address) => contacts.find({ workspaceId, address }, { sort: { createdAt: 1 } }),
    correct: (workspaceId, id, correction, now) =>
      contacts.update(
        { workspaceId, id },
        {
          ...(correction.name !== undefined ? { name: correction.name, nameCorrected: true } : {}),
          ...(correction.attributes !== undefined ? { attributes: correction.attributes } : {}),
          ...(correction.tags !== undefined ? { tags: [...new Set(correction.tags)] } : {}),
          ...(correction.blocked !== undefined ? { blocked: correction.blocked } : {}),
          ...(correction.optedIn !== undefined ? { optedIn: correction.optedIn } : {}),
          updatedAt: now,
        },
      ),
    async ensure(workspaceId, channel, address, now, name, lastInboundAt) {
      const key = channelKey(channel);
      const found = await contacts.findOne({ workspaceId, channelKey: key, address });
      if (found) return found;
      const record: ContactRecord = {
        id: randomUUID(),
        workspaceId,
        channelKey: key,
        channel,
        address,
        ...(name ? { name } : {}),
        optedOut: false,
        ...(lastInboundAt !== undefined ? { lastInboundAt } : {}),
        createdAt: now,
        updatedAt: now,
      };
      try {
        return await contacts.insert(record);
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        const winner = await contacts.findOne({ workspaceId, channelKey: key, address });
        if (!winner) throw error;
        return winner;
      }
    },
    touchInbound: (workspaceId, id, at, name) =>
      contacts.update({ workspaceId, id }, { lastInboundAt: at, updatedAt: at, ...(name ? { name } : {}) }),
    async setOptedOut(workspaceId, id, optedOut, now) {
      await contacts.update({ workspaceId, id }, { optedOut, updatedAt: now });
    },
    delete: async (workspaceId, id) => (await contacts.delete({ workspaceId, id }, { erase: true })) > 0,
  };
}
