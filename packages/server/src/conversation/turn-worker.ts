import type { SessionStore } from '../ports/session-store';
import { lockOfQueue } from './conversation-keys';
import type { Logger } from './logger';

export interface TurnWorkerOptions {
  sessions: SessionStore;
  /** Runs one queue item's turn to the end; the worker acknowledges it afterwards. */
  process(queue: string, item: string, prefetched: { value: string | undefined } | undefined): Promise<void>;
  /**
   * Read together with the first item of a drain (one round trip less per turn, and most drains
   * hold one item): the conversation's session.
   */
  prefetch(queue: string): Promise<string | undefined>;
  logger: Logger;
  /** Conversations worked on at once by this process. */
  concurrency: number;
  lockTtlMs: number;
  /** How often queues made ready elsewhere (another process, a restart) are looked for. */
  pollMs: number;
  /** How often an item whose turn fails is tried, and how long to wait between tries (×4 each time). */
  retry: RetryPolicy;
  /**
   * Records an item whose turn failed `retry.attempts` times, so it can be acknowledged and its
   * conversation move on. If this fails too, the item stays and is tried again later.
   */
  park(queue: string, item: string, error: string, attempts: number): Promise<void>;
}

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface TurnWorker {
  start(): void;
  /** Stops taking work and waits for the items in progress to finish. */
  stop(): Promise<void>;
  /** Work on a queue soon: called when this process enqueued to it. */
  hint(queue: string): void;
  /** Resolves when no queue holds an item (for tests and graceful shutdowns). */
  idle(): Promise<void>;
}

/** Items of one queue handled per lock before the queue goes to the back of the line. */
const BATCH = 32;
/** Waits before looking again at a queue another process had locked. */
const LOCK_RETRY_MS = [10, 50];

/**
 * Works the conversations' queues: one conversation's items strictly one at a time, in order,
 * under its turn lock (held across processes, extended while working); many conversations at once.
 * An item is acknowledged only after its turn finished, so a crash leaves it at the head of its
 * queue for whichever process takes the lock next.
 */
export function createTurnWorker(options: TurnWorkerOptions): TurnWorker {
  const { sessions, logger } = options;
  const active = new Map<string, Promise<void>>();
  const waiting = new Set<string>();
  const again = new Set<string>();
  /** The head item of a queue whose turn failed: how often, and not before when to try again. */
  const failing = new Map<string, { item: string; attempts: number; retryAt: number }>();
  /** Queues found locked by another process, and how often in a row. */
  const lockRetries = new Map<string, number>();
  let running = false;
  let poller: NodeJS.Timeout | undefined;
  let polling = false;

  function schedule(queue: string): void {
    if (!running) return;
    // Backing off: a later poll brings the queue back once its wait is over.
    if ((failing.get(queue)?.retryAt ?? 0) > Date.now()) return;
    if (active.has(queue)) {
      again.add(queue);
      return;
    }
    if (active.size >= options.concurrency) {
      waiting.add(queue);
      return;
    }
    const work = drain(queue)
      .then((locked) => {
        if (!locked) {
          lockRetries.delete(queue);
          return;
        }
        // Another process has the conversation. It takes an item enqueued while it works, except
        // one enqueued between its last look and its release: look again shortly, twice, rather
        // than leave that item to the next poll.
        const tries = lockRetries.get(queue) ?? 0;
        if (tries >= LOCK_RETRY_MS.length) {
          lockRetries.delete(queue);
          return;
        }
        lockRetries.set(queue, tries + 1);
        setTimeout(() => schedule(queue), LOCK_RETRY_MS[tries]).unref();
      })
      .catch((error: unknown) => {
        logger.error('looking at a queue failed; it will be tried again', { error: message(error) });
      })
      .finally(() => {
        active.delete(queue);
        // A queue that got more work meanwhile goes behind the queues already waiting for a slot:
        // taking the freed slot at once would let busy conversations starve the waiting ones.
        if (again.delete(queue)) waiting.add(queue);
        for (const next of waiting) {
          if (!running || active.size >= options.concurrency) break;
          waiting.delete(next);
          schedule(next);
        }
      });
    active.set(queue, work);
  }

  /** Works a queue under its lock; true when another process holds the lock. */
  async function drain(queue: string): Promise<boolean> {
    const lock = await sessions.tryLock(lockOfQueue(queue), options.lockTtlMs);
    if (!lock) return true;
    let lost = false;
    // Extended well before it runs out, so a busy event loop can miss a few beats and keep it.
    const keepAlive = setInterval(() => {
      // A stopped (or crashed) worker stops extending, so another process can take over.
      if (!running) return;
      lock.extend(options.lockTtlMs).then(
        (ok) => {
          if (!ok) lost = true;
        },
        () => {},
      );
    }, options.lockTtlMs / 5);
    try {
      for (let n = 0; running && !lost; n += 1) {
        if (n === BATCH) {
          again.add(queue);
          break;
        }
        const [item, prefetched] = await Promise.all([
          sessions.peek(queue),
          n === 0 ? options.prefetch(queue).then((value) => ({ value })) : undefined,
        ]);
        if (item === undefined) break;
        if (!(await attempt(queue, item, prefetched))) break;
        await sessions.ack(queue);
      }
    } finally {
      clearInterval(keepAlive);
      await lock.release().catch(() => {});
    }
    return false;
  }

  /**
   * Runs one item's turn; false when it failed and stays at the head of its queue (tried again
   * after a growing wait). A store failure would otherwise block its conversation for good: after
   * `retry.attempts` tries the item is parked (recorded as failed) and acknowledged, so the
   * conversation moves on. Attempts are counted per process; a restart gives an item new tries.
   */
  async function attempt(queue: string, item: string, prefetched: { value: string | undefined } | undefined): Promise<boolean> {
    try {
      await options.process(queue, item, prefetched);
      failing.delete(queue);
      return true;
    } catch (error) {
      const previous = failing.get(queue);
      const attempts = previous?.item === item ? previous.attempts + 1 : 1;
      const reason = message(error);
      if (attempts >= options.retry.attempts) {
        try {
          await options.park(queue, item, reason, attempts);
          logger.error('a turn failed every time it was tried; its event is parked as failed and its conversation goes on', {
            attempts,
            error: reason,
          });
          failing.delete(queue);
          return true;
        } catch (parkError) {
          logger.error('a failed turn could not be parked; it will be tried again', { error: message(parkError) });
        }
      }
      const delay = Math.min(options.retry.maxDelayMs, options.retry.baseDelayMs * 4 ** Math.min(attempts - 1, 10));
      failing.set(queue, { item, attempts, retryAt: Date.now() + delay });
      logger.error('a turn failed; it will be tried again', { attempts, retryInMs: delay, error: reason });
      return false;
    }
  }

  async function poll(): Promise<void> {
    if (polling || !running) return;
    polling = true;
    try {
      const free = options.concurrency - active.size;
      if (free > 0) for (const queue of await sessions.readyQueues(free)) schedule(queue);
    } catch (error) {
      logger.error('looking for ready queues failed', { error: error instanceof Error ? error.message : String(error) });
    } finally {
      polling = false;
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      poller = setInterval(() => void poll(), options.pollMs);
      void poll();
    },
    async stop() {
      running = false;
      if (poller) clearInterval(poller);
      waiting.clear();
      again.clear();
      failing.clear();
      lockRetries.clear();
      await Promise.all(active.values());
    },
    hint: schedule,
    async idle() {
      for (;;) {
        if (active.size === 0 && waiting.size === 0) {
          const busy: string[] = [];
          for (const queue of await sessions.readyQueues(1000)) if ((await sessions.peek(queue)) !== undefined) busy.push(queue);
          if (busy.length === 0) return;
          for (const queue of busy) schedule(queue);
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
