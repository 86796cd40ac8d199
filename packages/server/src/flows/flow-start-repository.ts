import type { ChannelRef, ConversationStart } from '../conversation/inbound-event';
import { type DocumentStore, DuplicateKeyError } from '../ports/document-store';

/** A flow started from outside under an `Idempotency-Key`: what was asked, and what was answered. */
export interface FlowStartRecord {
  id: string;
  workspaceId: string;
  idempotencyKey: string;
  /** A digest of the request, so a key reused for another request is refused rather than answered wrongly. */
  requestHash: string;
  /** The answer given, returned again for the same key. */
  answer: Record<string, unknown>;
  /** The conversation event it enqueues (again on a retry, which the queue's dedup makes harmless). */
  start: { channel: Extract<ChannelRef, { kind: 'whatsapp' }>; address: string; event: ConversationStart };
  /**
   * Set once its event is on the conversation's queue. Until then a retry enqueues it again (the
   * queue's dedup mark makes that harmless); after, never: a mark expires, this does not.
   */
  enqueued?: true;
  createdAt: number;
}

export interface FlowStartRepository {
  byKey(workspaceId: string, idempotencyKey: string): Promise<FlowStartRecord | undefined>;
  /** Stores the start; when another request claimed the key first, returns that one's record instead. */
  claim(record: FlowStartRecord): Promise<{ record: FlowStartRecord; mine: boolean }>;
  markEnqueued(workspaceId: string, id: string): Promise<void>;
}

/** Starts on the document store (`flow-starts`), one per workspace and key, kept across restarts. */
export function createFlowStartRepository(documents: DocumentStore): FlowStartRepository {
  const starts = documents.collection<FlowStartRecord>('flow-starts', { unique: [['workspaceId', 'idempotencyKey']] });
  const byKey = (workspaceId: string, idempotencyKey: string) => starts.findOne({ workspaceId, idempotencyKey });
  return {
    byKey,
    async claim(record) {
      try {
        return { record: await starts.insert(record), mine: true };
      } catch (error) {
        const winner = error instanceof DuplicateKeyError ? await byKey(record.workspaceId, record.idempotencyKey) : undefined;
        if (!winner) throw error;
        return { record: winner, mine: false };
      }
    },
    async markEnqueued(workspaceId, id) {
      await starts.update({ workspaceId, id }, { enqueued: true });
    },
  };
}
