/** However long the backlog drains, a resumed turn sends after this much waiting. */
const LONGEST_WAIT_MS = 60_000;

/**
 * The delivery statuses Meta redelivers after this process started: statuses of messages an earlier
 * run sent, which could not reach a process that was down. A turn resumed after a crash looks for
 * the status of a message it may have sent before sending it again; while such statuses are still
 * arriving (a loaded server takes a while to drain them), its status may be among the next ones.
 */
export interface StatusBacklog {
  /** A status webhook arrived now, about an event Meta timed at `happenedAt` (ms). */
  saw(happenedAt: number | undefined): void;
  /** A webhook is being received (read, checked, handled); the returned function says it was answered. */
  receiving(): () => void;
  /**
   * When a resumed turn that started waiting at `since` stops waiting for a status: `waitMs` after
   * it, or after the latest status of an earlier run, and not while a webhook is still being received.
   */
  waitsUntil(since: number, waitMs: number): number;
}

/**
 * @example
 * const backlog = createStatusBacklog(Date.now(), Date.now);
 * backlog.saw(statusTimestampMs);
 * const deadline = backlog.waitsUntil(Date.now(), 3_000);
 */
export function createStatusBacklog(startedAt: number, clock: () => number): StatusBacklog {
  // Meta's timestamps are whole seconds: a status of this second may be about one of this run's sends.
  const earlierRun = Math.floor(startedAt / 1000) * 1000;
  let lastArrival = 0;
  // A loaded process that was just restarted takes seconds to read the webhooks redelivered to it:
  // the status a turn waits for may be one of them, so the wait does not run out while any is unread.
  let receiving = 0;
  return {
    saw(happenedAt) {
      if (happenedAt !== undefined && happenedAt < earlierRun) lastArrival = clock();
    },
    receiving() {
      receiving += 1;
      let answered = false;
      return () => {
        if (answered) return;
        answered = true;
        receiving -= 1;
      };
    },
    waitsUntil: (since, waitMs) => Math.min(Math.max(since, receiving > 0 ? clock() : lastArrival) + waitMs, since + LONGEST_WAIT_MS),
  };
}
