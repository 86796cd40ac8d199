import type { OutboundMessage, UserMessage } from '@chatflow/engine';
import { type DocumentStore, DuplicateKeyError } from '../ports/document-store';

export type InboundStatus = 'received' | 'processed';
export type OutboundStatus = 'pending' | 'sent' | 'delivered' | 'read' | 'failed' | 'skipped';

interface MessageBase {
  id: string;
  workspaceId: string;
  /**
   * Unique per workspace: `in:<channel message id>` or `out:<idempotency key>`. The unique index
   * on it is what makes a webhook retry or a replayed turn a no-op.
   */
  key: string;
  conversationKey: string;
  /** Set once a turn ran the message (inbound) or created it (outbound). */
  conversationId?: string;
  contactId?: string;
  /** The WhatsApp message id (`wamid.…`) of an inbound message, or of a sent outbound one. */
  providerMessageId?: string;
  createdAt: number;
  /** Orders the messages of one turn, which share `createdAt`. */
  seq?: number;
  updatedAt: number;
}

export interface InboundMessageRecord extends MessageBase {
  direction: 'in';
  status: InboundStatus;
  message: UserMessage;
}

export interface OutboundMessageRecord extends MessageBase {
  direction: 'out';
  status: OutboundStatus;
  message: OutboundMessage;
  /** `<inbound event id>:<effect index>`: the same turn replayed after a crash reuses it. */
  idempotencyKey: string;
  nodeId?: string;
  /** The agent who wrote it from the inbox; absent for the bot's messages. */
  agent?: { id: string; name?: string };
  /** Why the message was skipped or failed; for `failed`, the provider's error code when it gave one. */
  error?: { code?: number; reason: string };
}

export type MessageRecord = InboundMessageRecord | OutboundMessageRecord;

/** How far a status has come; a late `delivered` never overwrites `read`. */
const statusRank: Record<OutboundStatus, number> = { pending: 0, skipped: 1, sent: 2, delivered: 3, read: 4, failed: 5 };

export interface MessageRepository {
  /** Inserts an inbound message; false when its channel id was recorded before (a duplicate). */
  insertInbound(record: InboundMessageRecord): Promise<boolean>;
  findInbound(workspaceId: string, channelMessageId: string): Promise<InboundMessageRecord | undefined>;
  /** Ties an inbound message to the conversation and contact whose turn ran it. */
  markProcessed(
    workspaceId: string,
    channelMessageId: string,
    owner: { conversationId?: string; contactId: string },
    now: number,
  ): Promise<void>;
  /** Inserts a pending outbound message, or returns the one a replayed turn already recorded. */
  ensureOutbound(record: OutboundMessageRecord): Promise<OutboundMessageRecord>;
  findOutbound(workspaceId: string, idempotencyKey: string): Promise<OutboundMessageRecord | undefined>;
  /** An outbound message by the provider's id (`wamid.…`) it got when sent. */
  findByProviderId(workspaceId: string, providerMessageId: string): Promise<OutboundMessageRecord | undefined>;
  /** Records the outcome of a send attempt. */
  settleOutbound(
    workspaceId: string,
    idempotencyKey: string,
    set: { status: OutboundStatus; providerMessageId?: string; error?: { code?: number; reason: string } },
    now: number,
  ): Promise<void>;
  /**
   * Applies a delivery status from the provider by its message id; statuses arrive out of order,
   * so one never moves a message back (`failed` always wins). False when no message has that id.
   */
  applyStatus(
    workspaceId: string,
    providerMessageId: string,
    status: 'sent' | 'delivered' | 'read' | 'failed',
    now: number,
    error?: { code?: number; reason: string },
  ): Promise<boolean>;
  /** A conversation's messages, oldest first. */
  forConversation(workspaceId: string, conversationId: string): Promise<MessageRecord[]>;
  deleteForContact(workspaceId: string, contactId: string): Promise<number>;
}

/**
 * Messages both ways on the document store; every query is scoped by workspace. Inbound and
 * outbound messages live in two collections (`inbound_messages`, `outbound_messages`): they are
 * looked up by different keys, and a webhook's insert then never waits behind the writes of the
 * replies being sent (the embedded store writes one collection at a time).
 */
export function createMessageRepository(documents: DocumentStore): MessageRepository {
  const inbound = documents.collection<InboundMessageRecord>('inbound_messages', {
    unique: [['workspaceId', 'key']],
    indexes: [
      ['workspaceId', 'conversationId'],
      ['workspaceId', 'contactId'],
    ],
  });
  const outbound = documents.collection<OutboundMessageRecord>('outbound_messages', {
    unique: [['workspaceId', 'key']],
    indexes: [
      ['workspaceId', 'providerMessageId'],
      ['workspaceId', 'conversationId'],
      ['workspaceId', 'contactId'],
    ],
  });
  return {
    async insertInbound(record) {
      try {
        await inbound.insert(record);
        return true;
      } catch (error) {
        if (error instanceof DuplicateKeyError) return false;
        throw error;
      }
    },
    findInbound: (workspaceId, channelMessageId) => inbound.findOne({ workspaceId, key: `in:${channelMessageId}` }),
    async markProcessed(workspaceId, channelMessageId, owner, now) {
      await inbound.update(
        { workspaceId, key: `in:${channelMessageId}` },
        {
          status: 'processed',
          contactId: owner.contactId,
          ...(owner.conversationId ? { conversationId: owner.conversationId } : {}),
          updatedAt: now,
        },
      );
    },
    async ensureOutbound(record) {
      try {
        await outbound.insert(record);
        return record;
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        const found = await outbound.findOne({ workspaceId: record.workspaceId, key: record.key });
        if (!found) throw error;
        return found;
      }
    },
    findOutbound: (workspaceId, idempotencyKey) => outbound.findOne({ workspaceId, key: `out:${idempotencyKey}` }),
    findByProviderId: (workspaceId, providerMessageId) => outbound.findOne({ workspaceId, providerMessageId }),
    async settleOutbound(workspaceId, idempotencyKey, set, now) {
      await outbound.update({ workspaceId, key: `out:${idempotencyKey}` }, { ...set, updatedAt: now });
    },
    async applyStatus(workspaceId, providerMessageId, status, now, error) {
      const found = await outbound.findOne({ workspaceId, providerMessageId });
      if (!found) return false;
      if (statusRank[status] <= statusRank[found.status]) return true;
      await outbound.update({ workspaceId, id: found.id }, { status, updatedAt: now, ...(error ? { error } : {}) });
      return true;
    },
    async forConversation(workspaceId, conversationId) {
      const [received, sent] = await Promise.all([
        inbound.find({ workspaceId, conversationId }),
        outbound.find({ workspaceId, conversationId }),
      ]);
      return [...received, ...sent].sort(chronological);
    },
    async deleteForContact(workspaceId, contactId) {
      const [received, sent] = await Promise.all([inbound.delete({ workspaceId, contactId }), outbound.delete({ workspaceId, contactId })]);
      return received + sent;
    },
  };
}

/** Oldest first; a customer message before the replies its turn sent at the same millisecond. */
function chronological(a: MessageRecord, b: MessageRecord): number {
  return a.createdAt - b.createdAt || (a.direction === b.direction ? 0 : a.direction === 'in' ? -1 : 1) || (a.seq ?? 0) - (b.seq ?? 0);
}
