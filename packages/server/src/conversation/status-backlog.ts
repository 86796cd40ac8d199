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
  /** When a resumed turn that started waiting at `since` stops waiting for a status: `waitMs` after it, or after the latest status of an earlier run. */
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
  return {
    saw(happenedAt) {
      if (happenedAt !== undefined && happenedAt < earlierRun) lastArrival = clock();
    },
    waitsUntil: (since, waitMs) => Math.min(Math.max(since, lastArrival) + waitMs, since + LONGEST_WAIT_MS),
  };
}
