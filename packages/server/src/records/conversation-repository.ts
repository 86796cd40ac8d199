import type { ChannelRef } from '../conversation/inbound-event';
import type { DocumentStore, FindOptions } from '../ports/document-store';

export type ConversationStatus = 'active' | 'handoff' | 'ended' | 'expired';

/** One run of a flow with one contact, from its start to its end (or its session's expiry). */
export interface ConversationRecord {
  id: string;
  workspaceId: string;
  /** Names the contact on the channel; stable across the contact's successive conversations. */
  conversationKey: string;
  contactId: string;
  channel: ChannelRef;
  flowId: string;
  flowVersion: number;
  status: ConversationStatus;
  nodeId: string;
  vars: Record<string, unknown>;
  department?: string;
  handoffNote?: string;
  outcome?: string;
  /** The last node that left by its `error` exit in this conversation, and why, for the admin. */
  lastFailure?: NodeFailure;
  startedAt: number;
  updatedAt: number;
  endedAt?: number;
}

/** A node's failure as the admin reads it; `at` in epoch ms. */
export interface NodeFailure {
  nodeId: string;
  reason: string;
  at: number;
}

export interface ConversationQuery {
  status?: ConversationStatus;
  contactId?: string;
}

/** Which conversations to count: by status, flow version, node and last activity (`updatedFrom` ≤ updatedAt < `updatedTo`). */
export interface ConversationCount {
  statuses: ConversationStatus[];
  flowId?: string;
  flowVersion?: number;
  nodeId?: string;
  updatedFrom?: number;
  updatedTo?: number;
}

export interface ConversationRepository {
  insert(record: ConversationRecord): Promise<ConversationRecord>;
  /** Writes the whole record (the turn that changed it replays to the same result). */
  upsert(record: ConversationRecord): Promise<ConversationRecord>;
  get(workspaceId: string, id: string): Promise<ConversationRecord | undefined>;
  count(workspaceId: string, query: ConversationCount): Promise<number>;
  /** Newest first. */
  list(workspaceId: string, query?: ConversationQuery, options?: FindOptions): Promise<ConversationRecord[]>;
  update(workspaceId: string, id: string, set: Partial<ConversationRecord>): Promise<ConversationRecord | undefined>;
  /** Marks conversations of a key still open (their session expired) as `expired`. */
  expireOpen(workspaceId: string, conversationKey: string, now: number): Promise<number>;
  deleteForContact(workspaceId: string, contactId: string): Promise<number>;
}

/** Conversations on the document store; every query is scoped by workspace. */
export function createConversationRepository(documents: DocumentStore): ConversationRepository {
  const conversations = documents.collection<ConversationRecord>('conversations', {
    indexes: [
      ['workspaceId', 'conversationKey'],
      ['workspaceId', 'contactId'],
      ['workspaceId', 'updatedAt'],
      // The dashboard's and the canvas's counts of conversations by status and by the node they are at.
      ['workspaceId', 'status'],
      ['workspaceId', 'flowId', 'nodeId', 'status'],
    ],
  });
  return {
    insert: (record) => conversations.insert(record),
    upsert: (record) => conversations.upsert(record),
    get: (workspaceId, id) => conversations.findOne({ workspaceId, id }),
    async count(workspaceId, query) {
      const range =
        query.updatedFrom !== undefined || query.updatedTo !== undefined
          ? {
              updatedAt: {
                ...(query.updatedFrom !== undefined ? { $gte: query.updatedFrom } : {}),
                ...(query.updatedTo !== undefined ? { $lt: query.updatedTo } : {}),
              },
            }
          : {};
      const where = {
        workspaceId,
        ...(query.flowId ? { flowId: query.flowId } : {}),
        ...(query.flowVersion !== undefined ? { flowVersion: query.flowVersion } : {}),
        ...(query.nodeId ? { nodeId: query.nodeId } : {}),
        ...range,
      };
      // One count per status: an equality each, so the (workspace, status) index serves it.
      const counts = await Promise.all(query.statuses.map((status) => conversations.count({ ...where, status })));
      return counts.reduce((sum, n) => sum + n, 0);
    },
    list: (workspaceId, query = {}, options = {}) =>
      conversations.find(
        {
          workspaceId,
          ...(query.status ? { status: query.status } : {}),
          ...(query.contactId ? { contactId: query.contactId } : {}),
        },
        { sort: { updatedAt: -1 }, ...options },
      ),
    update: (workspaceId, id, set) => conversations.update({ workspaceId, id }, set),
    expireOpen: (workspaceId, conversationKey, now) =>
      conversations.updateMany(
        { workspaceId, conversationKey, status: { $in: ['active', 'handoff'] } },
        { status: 'expired', endedAt: now, updatedAt: now },
      ),
    deleteForContact: (workspaceId, contactId) => conversations.delete({ workspaceId, contactId }, { erase: true }),
  };
}
