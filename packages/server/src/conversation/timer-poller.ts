import type { SessionStore } from '../ports/session-store';
import type { TimerPayload } from './carry-out';
import type { Logger } from './logger';

export interface TimerPollerOptions {
  sessions: SessionStore;
  clock: () => number;
  /** Puts a fired timer into its conversation's queue. */
  fire(timer: { id: string; dueAt: number; payload: TimerPayload }): Promise<void>;
  logger: Logger;
  pollMs: number;
}

const CLAIM = 100;

/**
 * Claims due timers from the SessionStore (each goes to exactly one process) and fires them as
 * `timer.fired` events. Timers live in the store, not in memory, so they survive restarts and an
 * idle conversation costs no process memory.
 */
export function createTimerPoller(options: TimerPollerOptions): { start(): void; stop(): Promise<void> } {
  let interval: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  let busy = false;

  async function tick(): Promise<void> {
    for (;;) {
      const now = options.clock();
      const due = await options.sessions.claimDueTimers(now, CLAIM);
      await Promise.all(
        due.map(async ({ id, payload }) => {
          try {
            await options.fire({ id, dueAt: now, payload: JSON.parse(payload) as TimerPayload });
          } catch (error) {
            options.logger.error('a due timer could not be fired', { id, error: error instanceof Error ? error.message : String(error) });
          }
        }),
      );
      if (due.length < CLAIM) return;
    }
  }

  return {
    start() {
      if (interval) return;
      interval = setInterval(() => {
        if (busy) return;
        busy = true;
        current = tick()
          .catch((error: unknown) => options.logger.error('claiming due timers failed', { error: String(error) }))
          .finally(() => {
            busy = false;
          });
      }, options.pollMs);
    },
    async stop() {
      if (interval) clearInterval(interval);
      interval = undefined;
      await current;
    },
  };
}
