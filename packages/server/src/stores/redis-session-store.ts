import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Lock, SessionStore } from '../ports/session-store';
import { RedisScript } from './redis-script';
import { toMilliseconds, toSeconds } from './session-durations';

export interface RedisSessionStoreOptions {
  /** Prepended to every key, so several deployments (or tests) can share one Redis. Default `cf:`. */
  keyPrefix?: string;
}

/** Frees the lock only for the holder whose token is still there. */
const RELEASE = new RedisScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`);

/** Extends the lock only for the holder whose token is still there. */
const EXTEND = new RedisScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`);

/** KEYS: list, ready zset, sequence. ARGV: item, queue. A queue joins the ready set behind the others. */
const ENQUEUE = new RedisScript(`redis.call('RPUSH', KEYS[1], ARGV[1])
if not redis.call('ZSCORE', KEYS[2], ARGV[2]) then redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[3]), ARGV[2]) end
return 1`);

/** KEYS: dedup mark, list, ready zset, sequence. ARGV: ttl seconds, item, queue. ENQUEUE, once per mark. */
const REMEMBER_AND_ENQUEUE = new RedisScript(`if not redis.call('SET', KEYS[1], '', 'EX', ARGV[1], 'NX') then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[2])
if not redis.call('ZSCORE', KEYS[3], ARGV[3]) then redis.call('ZADD', KEYS[3], redis.call('INCR', KEYS[4]), ARGV[3]) end
return 1`);

/** KEYS: list, ready zset, sequence. ARGV: queue. Drops an emptied queue, else moves it behind the others. */
const ACK = new RedisScript(`redis.call('LPOP', KEYS[1])
if redis.call('LLEN', KEYS[1]) == 0 then redis.call('ZREM', KEYS[2], ARGV[1])
else redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[3]), ARGV[1]) end
return 1`);

/**
 * KEYS: ready zset. ARGV: limit, list key prefix. Returns the first ready queues that still hold
 * items and drops the empty ones. List keys are built here, so this script (like the queue layout)
 * assumes a single Redis, not a Cluster.
 */
const READY = new RedisScript(`local names = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1)
local ready = {}
for _, name in ipairs(names) do
  if redis.call('EXISTS', ARGV[2] .. name) == 1 then ready[#ready + 1] = name else redis.call('ZREM', KEYS[1], name) end
end
return ready`);

/** KEYS: due zset, payload hash. ARGV: now, limit. Claims atomically, so each timer goes to one caller. */
const CLAIM = new RedisScript(`local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local claimed = {}
for _, id in ipairs(ids) do
  redis.call('ZREM', KEYS[1], id)
  claimed[#claimed + 1] = id
  claimed[#claimed + 1] = redis.call('HGET', KEYS[2], id) or ''
  redis.call('HDEL', KEYS[2], id)
end
return claimed`);

/** KEYS: counter. ARGV: window ms. The window starts with the first hit and its expiry is set atomically. */
const HIT = new RedisScript(`local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return hits`);

/**
 * The session store on Redis, shared by every server process. Keys, after the prefix:
 * - `s:<key>` snapshot (SET EX), `d:<key>` dedup mark (SET NX EX), `l:<key>` lock token (SET NX PX),
 *   `r:<key>` rate counter (INCR + PEXPIRE);
 * - `q:<queue>` inbound list, `ready` zset of queues holding items, scored from the `seq` counter
 *   (readiness order free of clock skew between processes);
 * - `t` zset of timer ids by due time, with their payloads in the hash `tp`.
 * An idle conversation costs its snapshot key and, while it waits on a timer, one entry in each of
 * `t` and `tp`: an emptied queue, a released lock and an expired counter leave nothing behind.
 *
 * @example
 * const sessions = new RedisSessionStore(new Redis(process.env.REDIS_URL));
 */
export class RedisSessionStore implements SessionStore {
  private readonly prefix: string;

  /** Takes ownership of `redis`: `close` quits it. */
  constructor(
    private readonly redis: Redis,
    options: RedisSessionStoreOptions = {},
  ) {
    this.prefix = options.keyPrefix ?? 'cf:';
  }

  async getSession(key: string): Promise<string | undefined> {
    return (await this.redis.get(`${this.prefix}s:${key}`)) ?? undefined;
  }

  async setSession(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(`${this.prefix}s:${key}`, value, 'EX', toSeconds(ttlSeconds));
  }

  async deleteSession(key: string): Promise<void> {
    await this.redis.del(`${this.prefix}s:${key}`);
  }

  async remember(key: string, ttlSeconds: number): Promise<boolean> {
    return (await this.redis.set(`${this.prefix}d:${key}`, '', 'EX', toSeconds(ttlSeconds), 'NX')) === 'OK';
  }

  async tryLock(key: string, ttlMs: number): Promise<Lock | undefined> {
    const lockKey = `${this.prefix}l:${key}`;
    const token = randomBytes(12).toString('base64url');
    const taken = await this.redis.set(lockKey, token, 'PX', toMilliseconds(ttlMs), 'NX');
    if (taken !== 'OK') return undefined;
    return {
      extend: async (nextTtlMs) => (await EXTEND.run(this.redis, [lockKey], [token, toMilliseconds(nextTtlMs)])) === 1,
      release: async () => {
        await RELEASE.run(this.redis, [lockKey], [token]);
      },
    };
  }

  async enqueue(queue: string, item: string): Promise<void> {
    await ENQUEUE.run(this.redis, this.queueKeys(queue), [item, queue]);
  }

  async rememberAndEnqueue(key: string, ttlSeconds: number, queue: string, item: string): Promise<boolean> {
    const keys = [`${this.prefix}d:${key}`, ...this.queueKeys(queue)];
    return (await REMEMBER_AND_ENQUEUE.run(this.redis, keys, [toSeconds(ttlSeconds), item, queue])) === 1;
  }

  async peek(queue: string): Promise<string | undefined> {
    return (await this.redis.lindex(`${this.prefix}q:${queue}`, 0)) ?? undefined;
  }

  async ack(queue: string): Promise<void> {
    await ACK.run(this.redis, this.queueKeys(queue), [queue]);
  }

  async readyQueues(limit: number): Promise<string[]> {
    if (limit <= 0) return [];
    const names = await READY.run(this.redis, [`${this.prefix}ready`], [Math.floor(limit), `${this.prefix}q:`]);
    return Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : [];
  }

  async scheduleTimer(id: string, dueAt: number, payload: string): Promise<void> {
    if (!Number.isFinite(dueAt)) throw new RangeError(`Session store: timer "${id}" needs a finite dueAt, got ${dueAt}`);
    checkTransaction(await this.redis.multi().zadd(`${this.prefix}t`, dueAt, id).hset(`${this.prefix}tp`, id, payload).exec());
  }

  async cancelTimer(id: string): Promise<void> {
    checkTransaction(await this.redis.multi().zrem(`${this.prefix}t`, id).hdel(`${this.prefix}tp`, id).exec());
  }

  async claimDueTimers(now: number, limit: number): Promise<{ id: string; payload: string }[]> {
    if (limit <= 0) return [];
    const flat = await CLAIM.run(this.redis, [`${this.prefix}t`, `${this.prefix}tp`], [now, Math.floor(limit)]);
    const claimed: { id: string; payload: string }[] = [];
    if (!Array.isArray(flat)) return claimed;
    for (let index = 0; index + 1 < flat.length; index += 2) {
      const [id, payload] = [flat[index], flat[index + 1]];
      if (typeof id === 'string' && typeof payload === 'string') claimed.push({ id, payload });
    }
    return claimed;
  }

  async hit(key: string, limit: number, windowMs: number): Promise<boolean> {
    const hits = await HIT.run(this.redis, [`${this.prefix}r:${key}`], [toMilliseconds(windowMs)]);
    return typeof hits === 'number' && hits <= limit;
  }

  async deletePrefix(prefix: string): Promise<void> {
    const glob = prefix.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
    for (const space of ['s', 'd', 'q']) {
      const match = `${this.prefix}${space}:${glob}*`;
      let cursor = '0';
      do {
        const [next, keys] = await this.redis.scan(cursor, 'MATCH', match, 'COUNT', 500);
        cursor = next;
        if (keys.length === 0) continue;
        await this.redis.unlink(...keys);
        if (space === 'q') await this.redis.zrem(`${this.prefix}ready`, ...keys.map((key) => key.slice(`${this.prefix}q:`.length)));
      } while (cursor !== '0');
    }
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }

  private queueKeys(queue: string): string[] {
    return [`${this.prefix}q:${queue}`, `${this.prefix}ready`, `${this.prefix}seq`];
  }
}

/** MULTI/EXEC reports a failed command in its results instead of rejecting. */
function checkTransaction(results: [error: Error | null, result: unknown][] | null): void {
  for (const [error] of results ?? []) if (error) throw error;
}
