/** How long a configuration read is reused: what a write in another process takes at most to be seen here. */
export const CONFIG_CACHE_MS = 1_000;

export interface ReadCache<V> {
  /** The answer read for `key` less than the cache's time ago, else `read()`'s (shared by concurrent callers). */
  get(key: string, read: () => Promise<V>): Promise<V>;
  /** Forgets every answer: after a write in this process, so it is seen at once here. */
  clear(): void;
}

/**
 * Reuses reads of configuration that every message asks for (a number's channel, the workspace's
 * default flow, a flow's newest version) for `ttlMs`. Those documents change rarely and by an admin;
 * the messages that ask for them come hundreds a second. The repository that owns the documents
 * clears it on its own writes; another process's writes (several servers on one MongoDB) are seen
 * within `ttlMs`. A failed read is not kept.
 */
export function createReadCache<V>(ttlMs = CONFIG_CACHE_MS, clock: () => number = Date.now): ReadCache<V> {
  const entries = new Map<string, { at: number; value: Promise<V> }>();
  return {
    get(key, read) {
      const now = clock();
      const entry = entries.get(key);
      if (entry && now - entry.at < ttlMs) return entry.value;
      const value = read();
      entries.set(key, { at: now, value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
    clear: () => entries.clear(),
  };
}
