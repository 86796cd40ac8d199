import { randomUUID } from 'node:crypto';
import type { OutboundMessage, UserMessage } from '@chatflow/engine';
import { type DocumentStore, DuplicateKeyError } from '../ports/document-store';
import { createEarlyStatuses, type DeliveryStatus } from './early-statuses';

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

/** What a turn knows of a customer message it ran, to record it in the same write that marks it processed. */
export interface ReceivedMessage {
  message: UserMessage;
  conversationKey: string;
  receivedAt: number;
}

/** How far a status has come; a late `delivered` never overwrites `read`. */
const statusRank: Record<OutboundStatus, number> = { pending: 0, skipped: 1, sent: 2, delivered: 3, read: 4, failed: 5 };

export interface MessageRepository {
  /** Inserts an inbound message; false when its channel id was recorded before (a duplicate). */
  insertInbound(record: InboundMessageRecord): Promise<boolean>;
  findInbound(workspaceId: string, channelMessageId: string): Promise<InboundMessageRecord | undefined>;
  /**
   * Ties an inbound message to the conversation and contact whose turn ran it. With `received`,
   * the message is recorded whole (as `processed`) when no record of it exists yet: the pipeline
   * writes a customer message once, when its turn ran, rather than on arrival and again then.
   */
  markProcessed(
    workspaceId: string,
    channelMessageId: string,
    owner: { conversationId?: string; contactId: string; received?: ReceivedMessage },
    now: number,
  ): Promise<void>;
  /** Inserts a pending outbound message, or returns the one a replayed turn already recorded. */
  ensureOutbound(record: OutboundMessageRecord): Promise<OutboundMessageRecord>;
  /**
   * Records a message whose send is over (`sent` with the wamid, `skipped` or `failed`) in one
   * write, and applies any delivery status that reached us before it (see `applyStatus`). Returns
   * the stored record, or the one recorded before under the same key.
   */
  recordOutbound(record: OutboundMessageRecord): Promise<OutboundMessageRecord>;
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
   * so one never moves a message back (`failed` always wins). A status for a message not recorded
   * yet (Meta can answer before the send's record is written) is kept and applied when it is
   * (`recordOutbound`); false then. `idempotencyKey` is the key the status echoed back
   * (`biz_opaque_callback_data`): a status kept with it tells `sentEarlier` the message went out.
   */
  applyStatus(
    workspaceId: string,
    providerMessageId: string,
    status: 'sent' | 'delivered' | 'read' | 'failed',
    now: number,
    error?: { code?: number; reason: string },
    idempotencyKey?: string,
  ): Promise<boolean>;
  /**
   * The provider id of a message the provider reported (a status carrying its idempotency key)
   * while no record of it exists: a send that went out before its process died, unrecorded.
   */
  sentEarlier(workspaceId: string, idempotencyKey: string): Promise<string | undefined>;
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
  const early = createEarlyStatuses(documents);

  /** Moves a message's status forward, never back (`failed` always wins); returns it as stored. */
  async function advance(
    record: OutboundMessageRecord,
    change: { status: DeliveryStatus; at: number; error?: { code?: number; reason: string } },
  ): Promise<OutboundMessageRecord> {
    if (statusRank[change.status] <= statusRank[record.status]) return record;
    const set = { status: change.status, updatedAt: change.at, ...(change.error ? { error: change.error } : {}) };
    return (await outbound.update({ workspaceId: record.workspaceId, id: record.id }, set)) ?? { ...record, ...set };
  }

  /** Applies the statuses that arrived before the record got its wamid. */
  async function catchUp(record: OutboundMessageRecord, providerMessageId: string): Promise<OutboundMessageRecord> {
    let current = record;
    for (const status of await early.take(record.workspaceId, providerMessageId)) current = await advance(current, status);
    return current;
  }

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
      const key = `in:${channelMessageId}`;
      const processed = {
        status: 'processed' as const,
        contactId: owner.contactId,
        ...(owner.conversationId ? { conversationId: owner.conversationId } : {}),
        updatedAt: now,
      };
      const { received } = owner;
      if (received) {
        try {
          await inbound.insert({
            id: randomUUID(),
            workspaceId,
            key,
            conversationKey: received.conversationKey,
            direction: 'in',
            message: received.message,
            providerMessageId: channelMessageId,
            createdAt: received.receivedAt,
            ...processed,
          });
          return;
        } catch (error) {
          // Recorded before: a replayed turn, or a record written on arrival by an older version.
          if (!(error instanceof DuplicateKeyError)) throw error;
        }
      }
      await inbound.update({ workspaceId, key }, processed);
    },
    async recordOutbound(record) {
      let stored = record;
      try {
        await outbound.insert(record);
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        stored = (await outbound.findOne({ workspaceId: record.workspaceId, key: record.key })) ?? record;
      }
      return record.providerMessageId ? await catchUp(stored, record.providerMessageId) : stored;
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
      const settled = await outbound.update({ workspaceId, key: `out:${idempotencyKey}` }, { ...set, updatedAt: now });
      if (settled && set.providerMessageId) await catchUp(settled, set.providerMessageId);
    },
    async applyStatus(workspaceId, providerMessageId, status, now, error, idempotencyKey) {
      const found = await outbound.findOne({ workspaceId, providerMessageId });
      if (found) {
        await advance(found, { status, at: now, ...(error ? { error } : {}) });
        return true;
      }
      await early.keep({
        workspaceId,
        providerMessageId,
        status,
        at: now,
        ...(error ? { error } : {}),
        ...(idempotencyKey ? { idempotencyKey } : {}),
      });
      // The record may have been written between the read above and the keep: look again. The
      // writer stores its record before it looks for kept statuses, and this side keeps before it
      // looks again, so at least one of the two sees the other (both may: applying is idempotent).
      const written = await outbound.findOne({ workspaceId, providerMessageId });
      if (!written) return false;
      await catchUp(written, providerMessageId);
      return true;
    },
    sentEarlier: (workspaceId, idempotencyKey) => early.sentAs(workspaceId, idempotencyKey),
    async forConversation(workspaceId, conversationId) {
      const [received, sent] = await Promise.all([
        inbound.find({ workspaceId, conversationId }),
        outbound.find({ workspaceId, conversationId }),
      ]);
      return [...received, ...sent].sort(chronological);
    },
    async deleteForContact(workspaceId, contactId) {
      const [received, sent] = await Promise.all([
        inbound.delete({ workspaceId, contactId }, { erase: true }),
        outbound.delete({ workspaceId, contactId }, { erase: true }),
      ]);
      return received + sent;
    },
  };
}

/** Oldest first; a customer message before the replies its turn sent at the same millisecond. */
function chronological(a: MessageRecord, b: MessageRecord): number {
  return a.createdAt - b.createdAt || (a.direction === b.direction ? 0 : a.direction === 'in' ? -1 : 1) || (a.seq ?? 0) - (b.seq ?? 0);
}
