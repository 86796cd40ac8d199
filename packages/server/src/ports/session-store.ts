/**
 * Fast, shared conversation state: snapshots, turn locks, dedup keys, per-conversation inbound
 * queues, durable timers and rate limits. Redis (ioredis) when REDIS_URL is set; in-process
 * otherwise, with snapshots, queues and timers persisted in DATA_DIR so a restart loses nothing.
 * Both pass `session-store.contract.ts`.
 *
 * Durations must be positive; they are rounded up to whole seconds (`ttlSeconds`) or milliseconds.
 */
export interface SessionStore {
  /** The stored snapshot, or undefined when none was stored or it expired. */
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
  /**
   * `remember(key)` and, only when that is true, `enqueue(queue, item)`, as one step (one round
   * trip on a webhook's answer path): true when the item was enqueued.
   */
  rememberAndEnqueue(key: string, ttlSeconds: number, queue: string, item: string): Promise<boolean>;
  /** The oldest item, without removing it. */
  peek(queue: string): Promise<string | undefined>;
  /** Removes the oldest item, once it is fully processed; nothing happens on an empty queue. */
  ack(queue: string): Promise<void>;
  /**
   * Queues that may hold items, oldest-ready first; a queue found empty is dropped from the set.
   * A queue becomes ready when an item arrives in it empty, and again (behind the others) when an
   * `ack` leaves items in it, so one busy conversation cannot starve the rest.
   */
  readyQueues(limit: number): Promise<string[]>;

  /** Schedules (or reschedules, replacing `dueAt` and `payload`) a durable timer; `dueAt` in epoch ms. */
  scheduleTimer(id: string, dueAt: number, payload: string): Promise<void>;
  /** Cancels a timer; nothing happens when it is unknown or already claimed. */
  cancelTimer(id: string): Promise<void>;
  /**
   * Removes and returns up to `limit` timers with `dueAt <= now`, earliest first; each is returned to
   * exactly one caller, across every server process.
   */
  claimDueTimers(now: number, limit: number): Promise<{ id: string; payload: string }[]>;

  /**
   * Counts a hit in a fixed window that starts with the key's first hit and lasts `windowMs`: true
   * for the first `limit` hits of the window, false after that until the window ends.
   */
  hit(key: string, limit: number, windowMs: number): Promise<boolean>;

  /**
   * Deletes every snapshot, dedup mark and queue whose key starts with `prefix` (a workspace's
   * `<workspaceId>:` when the workspace is deleted); the embedded store then rewrites its log, so
   * no file keeps them. Locks, rate counters and timers are left to expire or be cancelled by id.
   */
  deletePrefix(prefix: string): Promise<void>;

  close(): Promise<void>;
}

export interface Lock {
  /** Extends the lock's ttl; false if it was lost meanwhile (expired, whether or not taken since). */
  extend(ttlMs: number): Promise<boolean>;
  /** Releases the lock if this holder still has it; never releases another holder's lock. */
  release(): Promise<void>;
}
