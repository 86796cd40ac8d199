/**
 * Fast, shared conversation state: snapshots, turn locks, dedup keys, per-conversation inbound
 * queues, durable timers and rate limits. Redis (ioredis) when REDIS_URL is set; in-process
 * otherwise, with snapshots, queues and timers persisted in DATA_DIR so a restart loses nothing.
 * Both pass `session-store.contract.ts`.
 */
export interface SessionStore {
  getSession(key: string): Promise<string | undefined>;
  /** Stores a conversation snapshot; it expires after `ttlSeconds` without a write. */
  setSession(key: string, value: string, ttlSeconds: number): Promise<void>;
  deleteSession(key: string): Promise<void>;

  /** Records `key` once: true the first time, false while it is remembered (dedup of webhook ids). */
  remember(key: string, ttlSeconds: number): Promise<boolean>;

  /**
   * The exclusive turn of one conversation across every server process. Resolves undefined when
   * another holder has it. A lock not released or extended expires after `ttlMs`.
   */
  tryLock(key: string, ttlMs: number): Promise<Lock | undefined>;

  /** Appends to a conversation's durable FIFO queue and marks the queue ready. */
  enqueue(queue: string, item: string): Promise<void>;
  /** The oldest item, without removing it. */
  peek(queue: string): Promise<string | undefined>;
  /** Removes the oldest item, once it is fully processed. */
  ack(queue: string): Promise<void>;
  /** Queues that may hold items, oldest-ready first; a queue found empty is dropped from the set. */
  readyQueues(limit: number): Promise<string[]>;

  /** Schedules (or reschedules) a durable timer. */
  scheduleTimer(id: string, dueAt: number, payload: string): Promise<void>;
  cancelTimer(id: string): Promise<void>;
  /** Removes and returns timers due at `now`; each is returned to exactly one caller. */
  claimDueTimers(now: number, limit: number): Promise<{ id: string; payload: string }[]>;

  /** Counts a hit in a fixed window; false once `limit` hits were counted in the window. */
  hit(key: string, limit: number, windowMs: number): Promise<boolean>;

  close(): Promise<void>;
}

export interface Lock {
  /** Extends the lock's ttl; false if it was lost meanwhile. */
  extend(ttlMs: number): Promise<boolean>;
  release(): Promise<void>;
}
