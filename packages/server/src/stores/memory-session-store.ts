import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Lock, SessionStore } from '../ports/session-store';
import { AppendOnlyLog } from './append-only-log';
import { toMilliseconds, toSeconds } from './session-durations';
import { TimerQueue } from './timer-queue';

export interface MemorySessionStoreOptions {
  /** The log is rewritten once it has more lines than this and than twice the live entries. */
  minCompactLines?: number;
  /** How often expired snapshots, dedup marks, locks and counters are dropped from memory. */
  sweepIntervalMs?: number;
}

/**
 * One line of the log. Short tags keep the file small: S/s set/delete a snapshot, D remembers a
 * dedup key, Q/A enqueue/ack, T/t schedule/cancel-or-claim a timer. Expiry times are wall-clock ms,
 * so a mark replayed after a restart still expires when it should.
 */
type LogRecord =
  | ['S', string, string, number]
  | ['s', string]
  | ['D', string, number]
  | ['Q', string, string]
  | ['A', string]
  | ['T', string, number, string]
  | ['t', string];

/**
 * The session store of a single server process without Redis. Everything is served from memory;
 * snapshots, dedup marks, queues and timers are also appended to `<dataDir>/session-store.log`
 * before a call resolves, so a restart resumes accepted messages, fires timers and still
 * recognises webhooks Meta redelivers. Locks and rate counters live only in memory: they protect
 * a process that is running.
 *
 * @example
 * const sessions = await MemorySessionStore.open('./data');
 */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, { value: string; expiresAt: number }>();
  private readonly dedup = new Map<string, number>();
  private readonly locks = new Map<string, { token: string; expiresAt: number }>();
  private readonly hits = new Map<string, { count: number; resetAt: number }>();
  /** Insertion order is readiness order: a queue moved behind the others is deleted and set again. */
  private readonly queues = new Map<string, string[]>();
  private queuedItems = 0;
  private readonly timers = new TimerQueue();
  private log!: AppendOnlyLog;
  private sweeper: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(private readonly minCompactLines: number) {}

  /** Opens the store on `dataDir`, replaying its log. */
  static async open(dataDir: string, options: MemorySessionStoreOptions = {}): Promise<MemorySessionStore> {
    const store = new MemorySessionStore(options.minCompactLines ?? 10_000);
    const { log, damaged } = await AppendOnlyLog.open(join(dataDir, 'session-store.log'), (record) => store.replay(record));
    store.log = log;
    if (damaged) await store.compact();
    else await store.compactIfStale();
    store.sweeper = setInterval(() => store.sweep(), options.sweepIntervalMs ?? 60_000);
    store.sweeper.unref();
    return store;
  }

  async getSession(key: string): Promise<string | undefined> {
    this.checkOpen();
    const session = this.sessions.get(key);
    if (!session) return undefined;
    if (session.expiresAt > Date.now()) return session.value;
    this.sessions.delete(key);
    return undefined;
  }

  async setSession(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.checkOpen();
    const expiresAt = Date.now() + toSeconds(ttlSeconds) * 1000;
    this.sessions.set(key, { value, expiresAt });
    await this.write(['S', key, value, expiresAt]);
  }

  async deleteSession(key: string): Promise<void> {
    this.checkOpen();
    if (this.sessions.delete(key)) await this.write(['s', key]);
  }

  async remember(key: string, ttlSeconds: number): Promise<boolean> {
    this.checkOpen();
    const expiresAt = Date.now() + toSeconds(ttlSeconds) * 1000;
    if ((this.dedup.get(key) ?? 0) > Date.now()) return false;
    this.dedup.set(key, expiresAt);
    await this.write(['D', key, expiresAt]);
    return true;
  }

  async tryLock(key: string, ttlMs: number): Promise<Lock | undefined> {
    this.checkOpen();
    const ttl = toMilliseconds(ttlMs);
    const held = this.locks.get(key);
    if (held && held.expiresAt > Date.now()) return undefined;
    const token = randomBytes(12).toString('base64url');
    this.locks.set(key, { token, expiresAt: Date.now() + ttl });
    const isHeld = () => {
      const current = this.locks.get(key);
      return current?.token === token && current.expiresAt > Date.now();
    };
    return {
      extend: async (nextTtlMs) => {
        const next = toMilliseconds(nextTtlMs);
        if (!isHeld()) return false;
        this.locks.set(key, { token, expiresAt: Date.now() + next });
        return true;
      },
      release: async () => {
        if (this.locks.get(key)?.token === token) this.locks.delete(key);
      },
    };
  }

  async enqueue(queue: string, item: string): Promise<void> {
    this.checkOpen();
    this.applyEnqueue(queue, item);
    await this.write(['Q', queue, item]);
  }

  async rememberAndEnqueue(key: string, ttlSeconds: number, queue: string, item: string): Promise<boolean> {
    this.checkOpen();
    const expiresAt = Date.now() + toSeconds(ttlSeconds) * 1000;
    if ((this.dedup.get(key) ?? 0) > Date.now()) return false;
    this.dedup.set(key, expiresAt);
    this.applyEnqueue(queue, item);
    // Both lines go out in one write (the log's group commit). A crash that tears it can keep the
    // mark without the item: Meta's retry of the webhook then finds the message unprocessed and
    // enqueues it again (see the service's accept).
    await Promise.all([this.write(['D', key, expiresAt]), this.write(['Q', queue, item])]);
    return true;
  }

  async peek(queue: string): Promise<string | undefined> {
    this.checkOpen();
    return this.queues.get(queue)?.[0];
  }

  async ack(queue: string): Promise<void> {
    this.checkOpen();
    if (this.applyAck(queue)) await this.write(['A', queue]);
  }

  async readyQueues(limit: number): Promise<string[]> {
    this.checkOpen();
    const ready: string[] = [];
    for (const name of this.queues.keys()) {
      if (ready.length >= limit) break;
      ready.push(name);
    }
    return ready;
  }

  async scheduleTimer(id: string, dueAt: number, payload: string): Promise<void> {
    this.checkOpen();
    if (!Number.isFinite(dueAt)) throw new RangeError(`Session store: timer "${id}" needs a finite dueAt, got ${dueAt}`);
    this.timers.schedule(id, dueAt, payload);
    await this.write(['T', id, dueAt, payload]);
  }

  async cancelTimer(id: string): Promise<void> {
    this.checkOpen();
    if (this.timers.cancel(id)) await this.write(['t', id]);
  }

  async claimDueTimers(now: number, limit: number): Promise<{ id: string; payload: string }[]> {
    this.checkOpen();
    // Claimed synchronously, so concurrent callers in this process can never share a timer.
    const claimed = this.timers.claimDue(now, limit);
    await Promise.all(claimed.map((timer) => this.write(['t', timer.id])));
    return claimed;
  }

  async hit(key: string, limit: number, windowMs: number): Promise<boolean> {
    this.checkOpen();
    const window = toMilliseconds(windowMs);
    const now = Date.now();
    const counter = this.hits.get(key);
    if (!counter || counter.resetAt <= now) {
      this.hits.set(key, { count: 1, resetAt: now + window });
      return limit >= 1;
    }
    counter.count += 1;
    return counter.count <= limit;
  }

  async deletePrefix(prefix: string): Promise<void> {
    this.checkOpen();
    for (const key of [...this.sessions.keys()]) if (key.startsWith(prefix)) this.sessions.delete(key);
    for (const key of [...this.dedup.keys()]) if (key.startsWith(prefix)) this.dedup.delete(key);
    for (const [queue, items] of [...this.queues]) {
      if (!queue.startsWith(prefix)) continue;
      this.queues.delete(queue);
      this.queuedItems -= items.length;
    }
    // The log's older lines still hold what went: rewritten now, twice, since the first call may
    // only join a rewrite that began before the deletes.
    await this.compact();
    await this.compact();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweeper);
    // Rewrites run beside the appends, so a busy store can stop with lines outdated meanwhile: a
    // last rewrite makes the next start quicker. The first call may only join a rewrite already
    // running (whose file then still holds what was appended during it); the second starts afresh.
    await this.compactIfStale().catch(reportCompactionFailure);
    await this.compactIfStale().catch(reportCompactionFailure);
    await this.log.close();
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('Session store is closed');
  }

  private applyEnqueue(queue: string, item: string): void {
    const items = this.queues.get(queue);
    if (items) items.push(item);
    else this.queues.set(queue, [item]);
    this.queuedItems += 1;
  }

  /** Removes the oldest item; false when there was none. */
  private applyAck(queue: string): boolean {
    const items = this.queues.get(queue);
    if (!items || items.length === 0) return false;
    items.shift();
    this.queuedItems -= 1;
    this.queues.delete(queue);
    if (items.length > 0) this.queues.set(queue, items);
    return true;
  }

  private replay(record: unknown): void {
    if (!Array.isArray(record)) return;
    const [tag, a, b, c] = record;
    if (typeof a !== 'string') return;
    if (tag === 'S' && typeof b === 'string' && typeof c === 'number') this.sessions.set(a, { value: b, expiresAt: c });
    else if (tag === 's') this.sessions.delete(a);
    else if (tag === 'D' && typeof b === 'number') this.dedup.set(a, b);
    else if (tag === 'Q' && typeof b === 'string') this.applyEnqueue(a, b);
    else if (tag === 'A') this.applyAck(a);
    else if (tag === 'T' && typeof b === 'number' && typeof c === 'string') this.timers.schedule(a, b, c);
    else if (tag === 't') this.timers.cancel(a);
  }

  /** Resolves once the record is in the log; a compaction it triggers runs without holding it up. */
  private async write(record: LogRecord): Promise<void> {
    const written = this.log.append(record);
    this.compactIfStale().catch(reportCompactionFailure);
    await written;
  }

  private liveEntries(): number {
    return this.sessions.size + this.dedup.size + this.queuedItems + this.timers.size;
  }

  private async compactIfStale(): Promise<void> {
    if (this.log.lineCount > Math.max(this.minCompactLines, 2 * this.liveEntries())) await this.compact();
  }

  /** Rewrites the log from memory, leaving out whatever expired. */
  private compact(): Promise<void> {
    const now = Date.now();
    const records: LogRecord[] = [];
    for (const [key, { value, expiresAt }] of this.sessions) if (expiresAt > now) records.push(['S', key, value, expiresAt]);
    for (const [key, expiresAt] of this.dedup) if (expiresAt > now) records.push(['D', key, expiresAt]);
    for (const [queue, items] of this.queues) for (const item of items) records.push(['Q', queue, item]);
    for (const [id, { dueAt, payload }] of this.timers.entries()) records.push(['T', id, dueAt, payload]);
    return this.log.rewrite(records);
  }

  /** Drops what expired, so memory follows the live conversations. */
  private sweep(): void {
    const now = Date.now();
    for (const [key, { expiresAt }] of this.sessions) if (expiresAt <= now) this.sessions.delete(key);
    for (const [key, expiresAt] of this.dedup) if (expiresAt <= now) this.dedup.delete(key);
    for (const [key, { expiresAt }] of this.locks) if (expiresAt <= now) this.locks.delete(key);
    for (const [key, { resetAt }] of this.hits) if (resetAt <= now) this.hits.delete(key);
    this.compactIfStale().catch(reportCompactionFailure);
  }
}

/** A failed rewrite leaves the old log, still complete, in place; the next check tries again. */
function reportCompactionFailure(error: unknown): void {
  console.error(`Session store compaction failed: ${error instanceof Error ? error.message : String(error)}`);
}
