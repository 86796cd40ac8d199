import type { DocumentStore } from '../ports/document-store';

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';

/** A delivery status that arrived before the record of the message it is about. */
export interface EarlyStatus {
  id: string;
  workspaceId: string;
  providerMessageId: string;
  status: DeliveryStatus;
  error?: { code?: number; reason: string };
  at: number;
  /** The idempotency key the message was sent with, when the status echoed it (`biz_opaque_callback_data`). */
  idempotencyKey?: string;
}

export interface EarlyStatuses {
  /** Keeps a status until the message's record is written. */
  keep(status: Omit<EarlyStatus, 'id'>): Promise<void>;
  /** The statuses kept for a message, removed as they are handed over. */
  take(workspaceId: string, providerMessageId: string): Promise<EarlyStatus[]>;
  /** The provider id of the message sent with `idempotencyKey`, when one of its statuses came before its record. */
  sentAs(workspaceId: string, idempotencyKey: string): Promise<string | undefined>;
}

/** Statuses of messages never recorded here (sent by another tool on the same number) are dropped after this. */
const KEEP_MS = 24 * 60 * 60 * 1000;
const PURGE_EVERY_MS = 60 * 60 * 1000;

/**
 * Delivery statuses kept until their message's record exists. Meta can answer a send with its
 * `sent` (or a `failed`) webhook before the sender wrote the record holding the wamid; such a
 * status used to be logged and lost. One document per message and status (so two copies of the
 * webhook store one), scoped by workspace; older than a day they are purged, at most hourly.
 */
export function createEarlyStatuses(documents: DocumentStore): EarlyStatuses {
  const early = documents.collection<EarlyStatus>('early_statuses', {
    indexes: [
      ['workspaceId', 'providerMessageId'],
      ['workspaceId', 'at'],
      ['workspaceId', 'idempotencyKey'],
    ],
  });
  const purgedAt = new Map<string, number>();
  return {
    async keep(status) {
      await early.upsert({ ...status, id: `${status.providerMessageId}:${status.status}` });
      const last = purgedAt.get(status.workspaceId) ?? 0;
      if (status.at - last < PURGE_EVERY_MS) return;
      purgedAt.set(status.workspaceId, status.at);
      await early.delete({ workspaceId: status.workspaceId, at: { $lt: status.at - KEEP_MS } });
    },
    async take(workspaceId, providerMessageId) {
      const kept = await early.find({ workspaceId, providerMessageId });
      if (kept.length > 0) await early.delete({ workspaceId, providerMessageId });
      return kept;
    },
    sentAs: async (workspaceId, idempotencyKey) => (await early.findOne({ workspaceId, idempotencyKey }))?.providerMessageId,
  };
}
