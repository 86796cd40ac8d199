import { type DocumentStore, DuplicateKeyError } from '../ports/document-store';

export type BroadcastStatus = 'scheduled' | 'sending' | 'done' | 'cancelled';

/** What a broadcast sends: an approved template, its parameters per recipient (`{{contact.name}}`...). */
export interface BroadcastTemplate {
  name: string;
  language: string;
  /** Positional parameters in order, or named ones by name (a template made with named parameters). */
  params: string[] | Record<string, string>;
}

export interface BroadcastAudience {
  tags?: string[];
  segment?: string;
}

export interface BroadcastRecord {
  id: string;
  workspaceId: string;
  name: string;
  template: BroadcastTemplate;
  audience: BroadcastAudience;
  /** The flow a reply to the broadcast starts (or continues). */
  flowId?: string;
  /** Epoch ms; sending starts then (at once when it is past). */
  startAt: number;
  ratePerSecond: number;
  status: BroadcastStatus;
  /** Set once every recipient of the audience is recorded: a run resumed after a crash does not resolve it again. */
  recipientsReady?: boolean;
  createdAt: number;
  updatedAt: number;
  finishedAt?: number;
}

/**
 * Where one recipient is: `sending` while its send may be in flight (a crash leaves it so until a
 * status webhook says it went out), then `sent`, `delivered`, `read` as Meta reports, or `failed` /
 * `skipped` (not opted in, blocked, opted out at send time).
 */
export type RecipientStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed' | 'skipped';

export interface RecipientRecord {
  /** `<broadcastId>:<contactId>`: one per broadcast and contact, the send's idempotency key too. */
  id: string;
  workspaceId: string;
  broadcastId: string;
  contactId: string;
  /** The audience order: recipients are sent in it. */
  seq: number;
  status: RecipientStatus;
  /** The contact's name when the message went out (the parameter it got). */
  name?: string;
  providerMessageId?: string;
  /** Send attempts refused for a transient reason (throughput, a 5xx); retried until a limit. */
  attempts?: number;
  error?: { code?: number; reason: string };
  sentAt?: number;
  repliedAt?: number;
  updatedAt: number;
}

export interface BroadcastCounts {
  queued: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  skipped: number;
  replied: number;
}

/** The statuses a later one may replace: a late `delivered` never overwrites `read`, nothing overwrites `skipped`. */
const before: Record<'sent' | 'delivered' | 'read' | 'failed', RecipientStatus[]> = {
  sent: ['queued', 'sending'],
  delivered: ['queued', 'sending', 'sent'],
  read: ['queued', 'sending', 'sent', 'delivered'],
  failed: ['queued', 'sending', 'sent', 'delivered'],
};

/** The callback data (and idempotency key) of a broadcast's send: `broadcast:<recipient id>`. */
export const CALLBACK_PREFIX = 'broadcast:';

export function recipientId(broadcastId: string, contactId: string): string {
  return `${broadcastId}:${contactId}`;
}

/** Broadcasts and their recipients on the document store; every query is scoped by workspace. */
export function createBroadcastRepository(documents: DocumentStore) {
  const broadcasts = documents.collection<BroadcastRecord>('broadcasts', { indexes: [['workspaceId', 'createdAt'], ['status']] });
  const recipients = documents.collection<RecipientRecord>('broadcast_recipients', {
    indexes: [
      ['workspaceId', 'broadcastId', 'status'],
      ['workspaceId', 'broadcastId', 'seq'],
    ],
  });
  const count = (workspaceId: string, broadcastId: string, status: RecipientStatus | RecipientStatus[]) =>
    recipients.count({ workspaceId, broadcastId, status: Array.isArray(status) ? { $in: status } : status });

  return {
    create: (record: BroadcastRecord) => broadcasts.insert(record),
    get: (workspaceId: string, id: string) => broadcasts.findOne({ workspaceId, id }),
    list: (workspaceId: string) => broadcasts.find({ workspaceId }, { sort: { createdAt: -1 }, limit: 200 }),
    /** Broadcasts of every workspace that may have work: for the sender's poller only. */
    unfinished: () => broadcasts.find({ status: { $in: ['scheduled', 'sending'] } }, { sort: { startAt: 1 }, limit: 100 }),
    update: (workspaceId: string, id: string, set: Partial<BroadcastRecord>, onlyIf: BroadcastStatus[]) =>
      broadcasts.update({ workspaceId, id, status: { $in: onlyIf } }, set),

    /** Records one recipient; a second call for the same contact (a resumed run) changes nothing. */
    async addRecipient(record: RecipientRecord): Promise<void> {
      try {
        await recipients.insert(record);
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
    },
    queued: (workspaceId: string, broadcastId: string, limit: number) =>
      recipients.find({ workspaceId, broadcastId, status: 'queued' }, { sort: { seq: 1 }, limit }),
    inFlight: (workspaceId: string, broadcastId: string) => recipients.find({ workspaceId, broadcastId, status: 'sending' }),
    recipients: (workspaceId: string, broadcastId: string, options: { status?: RecipientStatus; limit: number; skip: number }) =>
      recipients.find(
        { workspaceId, broadcastId, ...(options.status ? { status: options.status } : {}) },
        { sort: { seq: 1 }, limit: options.limit, skip: options.skip },
      ),
    /**
     * Marks recipients as being sent, once each. One update per recipient by its key: a filter on
     * a list of ids would be matched against every queued recipient of the broadcast.
     */
    async claim(workspaceId: string, ids: string[], now: number): Promise<void> {
      await Promise.all(ids.map((id) => recipients.update({ workspaceId, id, status: 'queued' }, { status: 'sending', updatedAt: now })));
    },
    /** A send's own outcome: it never overwrites what a status webhook already said. */
    settle: (workspaceId: string, id: string, set: Partial<RecipientRecord> & { status: RecipientStatus }) =>
      recipients.update({ workspaceId, id, status: { $in: ['queued', 'sending'] } }, set),
    /** Adds facts to a recipient whatever its status (the time and name of a send a status webhook settled first). */
    annotate: (workspaceId: string, id: string, set: Pick<RecipientRecord, 'updatedAt' | 'sentAt' | 'name'>) =>
      recipients.update({ workspaceId, id }, set),
    /** Puts an uncertain or throttled send back in line. */
    requeue: (workspaceId: string, id: string, set: Partial<RecipientRecord>) =>
      recipients.update({ workspaceId, id, status: 'sending' }, { ...set, status: 'queued' }),

    /** A delivery status webhook of a broadcast's message; false when no recipient matches. */
    async applyStatus(
      workspaceId: string,
      id: string,
      status: 'sent' | 'delivered' | 'read' | 'failed',
      providerMessageId: string,
      now: number,
      error?: { code?: number; reason: string },
    ): Promise<boolean> {
      const changed = await recipients.update(
        { workspaceId, id, status: { $in: before[status] } },
        { status, providerMessageId, updatedAt: now, ...(error ? { error } : {}) },
      );
      return changed !== undefined || (await recipients.count({ workspaceId, id })) > 0;
    },
    /** The first reply of a recipient; false when it had replied before. */
    replied: async (workspaceId: string, id: string, now: number) =>
      (await recipients.update({ workspaceId, id, repliedAt: { $exists: false } }, { repliedAt: now })) !== undefined,

    async counts(workspaceId: string, broadcastId: string): Promise<BroadcastCounts> {
      const [queued, sent, delivered, read, failed, skipped, replied] = await Promise.all([
        count(workspaceId, broadcastId, ['queued', 'sending']),
        count(workspaceId, broadcastId, ['sent', 'delivered', 'read']),
        count(workspaceId, broadcastId, ['delivered', 'read']),
        count(workspaceId, broadcastId, 'read'),
        count(workspaceId, broadcastId, 'failed'),
        count(workspaceId, broadcastId, 'skipped'),
        recipients.count({ workspaceId, broadcastId, repliedAt: { $exists: true } }),
      ]);
      return { queued, sent, delivered, read, failed, skipped, replied };
    },
  };
}

export type BroadcastRepository = ReturnType<typeof createBroadcastRepository>;
