import { Redis } from 'ioredis';
import type { DocumentStore } from '../ports/document-store';
import type { SessionStore } from '../ports/session-store';
import { claimDataDir } from './claim-data-dir';
import { EmbeddedDocumentStore } from './embedded-document-store';
import { MemorySessionStore } from './memory-session-store';
import { MongoDocumentStore } from './mongo-document-store';
import { redactUrl } from './redact-url';
import { RedisSessionStore } from './redis-session-store';

export interface StoresConfig {
  /** The data folder of the embedded stores. */
  dataDir: string;
  /** When set, documents live in MongoDB instead of `dataDir`. */
  mongodbUri?: string;
  /** When set, sessions live in Redis instead of this process (and `dataDir`). */
  redisUrl?: string;
  /** How long to wait for MongoDB or Redis to answer at start; 10 s by default. */
  connectTimeoutMs?: number;
}

export interface Stores {
  documents: DocumentStore;
  sessions: SessionStore;
  /** Closes both stores, finishing pending writes. */
  close(): Promise<void>;
}

/**
 * Opens the stores the configuration asks for: MongoDB and Redis when their URLs are set, the
 * embedded stores in `dataDir` otherwise. Rejects with a one-line message (credentials redacted)
 * when a URL is malformed, its service does not answer, or another running server holds `dataDir`
 * for its embedded stores, having closed whatever it opened.
 *
 * @example
 * const { documents, sessions, close } = await openStores({ dataDir: './data', redisUrl: process.env.REDIS_URL });
 */
export async function openStores(config: StoresConfig): Promise<Stores> {
  const mongodbUri = config.mongodbUri?.trim() || undefined;
  const redisUrl = config.redisUrl?.trim() || undefined;
  if (mongodbUri && !/^mongodb(\+srv)?:\/\/[^/?#\s]+/i.test(mongodbUri)) {
    throw new Error(`MONGODB_URI is not a MongoDB URL (expected mongodb://host:port/database): ${redactUrl(mongodbUri)}`);
  }
  if (redisUrl) checkRedisUrl(redisUrl);
  const timeout = config.connectTimeoutMs ?? 10_000;

  const release = mongodbUri && redisUrl ? async () => undefined : await claimDataDir(config.dataDir);
  let documents: DocumentStore | undefined;
  try {
    documents = mongodbUri
      ? await MongoDocumentStore.connect(mongodbUri, { connectTimeoutMs: timeout })
      : new EmbeddedDocumentStore(config.dataDir);
    const sessions = redisUrl ? await connectRedis(redisUrl, timeout) : await MemorySessionStore.open(config.dataDir);
    const opened = documents;
    return {
      documents: opened,
      sessions,
      close: async () => {
        try {
          await Promise.all([opened.close(), sessions.close()]);
        } finally {
          await release();
        }
      },
    };
  } catch (error) {
    await documents?.close().catch(() => undefined);
    await release();
    throw error;
  }
}

function checkRedisUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`REDIS_URL is not a URL (expected redis://host:port): ${redactUrl(url)}`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new Error(`REDIS_URL must start with redis:// or rediss://: ${redactUrl(url)}`);
  }
}

/**
 * Connects without retrying, so an unreachable Redis fails the start at once with its reason;
 * once connected, the client reconnects with backoff like any long-lived one.
 */
async function connectRedis(url: string, timeout: number): Promise<SessionStore> {
  let started = false;
  let lastError: Error | undefined;
  const redis = new Redis(url, {
    lazyConnect: true,
    // Commands issued in the same tick (many conversations' turns at once) go out in one socket
    // write: a write is a system call, and about nine commands per message made them a large
    // share of the server's CPU. Each command still gets its own reply, in order.
    enableAutoPipelining: true,
    connectTimeout: timeout,
    retryStrategy: (attempt) => (started ? Math.min(attempt * 200, 5000) : null),
  });
  // ioredis reports connection errors as events; without a listener Node would crash on them.
  redis.on('error', (error: Error) => {
    // After the start the client reconnects by itself; say so once per distinct failure, not per retry.
    if (started && error.message !== lastError?.message) console.error(`Redis at ${redactUrl(url)}: ${error.message}`);
    lastError = error;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    const cause = lastError ?? error;
    throw new Error(`Cannot reach Redis at ${redactUrl(url)}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  started = true;
  lastError = undefined;
  return new RedisSessionStore(redis);
}
