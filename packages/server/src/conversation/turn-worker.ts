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
  let running = false;
  let poller: NodeJS.Timeout | undefined;
  let polling = false;

  function schedule(queue: string): void {
    if (!running) return;
    if (active.has(queue)) {
      again.add(queue);
      return;
    }
    if (active.size >= options.concurrency) {
      waiting.add(queue);
      return;
    }
    const work = drain(queue)
      .catch((error: unknown) => {
        // A store failure: the item stays at the head of its queue and is retried on a later poll.
        logger.error('a turn failed; it will be retried', { queue, error: error instanceof Error ? error.message : String(error) });
      })
      .finally(() => {
        active.delete(queue);
        if (again.delete(queue)) schedule(queue);
        const next = waiting.values().next();
        if (!next.done) {
          waiting.delete(next.value);
          schedule(next.value);
        }
      });
    active.set(queue, work);
  }

  async function drain(queue: string): Promise<void> {
    const lock = await sessions.tryLock(lockOfQueue(queue), options.lockTtlMs);
    if (!lock) return;
    let lost = false;
    const keepAlive = setInterval(() => {
      // A stopped (or crashed) worker stops extending, so another process can take over.
      if (!running) return;
      lock.extend(options.lockTtlMs).then(
        (ok) => {
          if (!ok) lost = true;
        },
        () => {},
      );
    }, options.lockTtlMs / 3);
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
        await options.process(queue, item, prefetched);
        await sessions.ack(queue);
      }
    } finally {
      clearInterval(keepAlive);
      await lock.release().catch(() => {});
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
