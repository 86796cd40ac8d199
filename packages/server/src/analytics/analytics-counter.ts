import { randomUUID } from 'node:crypto';
import type { DocumentStore } from '../ports/document-store';
import { type AnalyticsBucket, addBucket, emptyCounts, HOUR_MS, RESPONSE_BINS_MS } from './analytics-bucket';

export type BucketKey = Pick<AnalyticsBucket, 'workspaceId' | 'flowId' | 'flowVersion' | 'channel' | 'department'>;
export type BucketDelta = Pick<AnalyticsBucket, 'counts' | 'nodes' | 'botResponse'>;

export interface AnalyticsCounter {
  /** Adds one turn's counts to its hour. Kept in memory until the next flush. */
  add(key: BucketKey, at: number, delta: BucketDelta): void;
  /** Writes what was added since the last flush; queries call it first, so they see every turn. */
  flush(): Promise<void>;
  buckets(workspaceId: string, from: number, to: number, flowId?: string): Promise<AnalyticsBucket[]>;
  stop(): Promise<void>;
}

export function emptyDelta(): BucketDelta {
  return { counts: emptyCounts(), nodes: {}, botResponse: new Array<number>(RESPONSE_BINS_MS.length + 1).fill(0) };
}

/**
 * Per-hour counters written as the turns happen, never computed by reading messages. Each process
 * writes only its own documents (one per hour and flow version, named with the process's id), so
 * processes never race on a counter and the port needs no atomic increment; a query adds them up.
 * A process that dies loses at most the last second of counts.
 */
export function createAnalyticsCounter(documents: DocumentStore, flushMs = 1000): AnalyticsCounter {
  const buckets = documents.collection<AnalyticsBucket>('analytics_buckets', { indexes: [['workspaceId', 'hour']] });
  const process = randomUUID();
  let pending = new Map<string, AnalyticsBucket>();
  let writing: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    const batch = pending;
    pending = new Map();
    writing = writing.then(async () => {
      for (const bucket of batch.values()) {
        const stored = await buckets.findOne({ workspaceId: bucket.workspaceId, id: bucket.id });
        if (stored) addBucket(bucket, stored);
        await buckets.upsert(bucket);
      }
    });
    return writing;
  };
  const timer = setInterval(() => void flush().catch(() => undefined), flushMs);
  timer.unref();

  return {
    add(key, at, delta) {
      const hour = Math.floor(at / HOUR_MS) * HOUR_MS;
      const id = [key.workspaceId, hour, key.flowId, key.flowVersion, key.channel, key.department, process].join('|');
      let bucket = pending.get(id);
      if (!bucket) {
        bucket = { id, ...key, hour, ...emptyDelta() };
        pending.set(id, bucket);
      }
      addBucket(bucket, delta);
    },
    flush,
    async buckets(workspaceId, from, to, flowId) {
      await flush();
      const hourFrom = Math.floor(from / HOUR_MS) * HOUR_MS;
      return buckets.find({ workspaceId, hour: { $gte: hourFrom, $lt: to }, ...(flowId ? { flowId } : {}) });
    },
    async stop() {
      clearInterval(timer);
      await flush();
    },
  };
}
