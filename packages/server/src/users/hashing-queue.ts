import { HttpError } from '../api/http-error';

/**
 * Runs password hashing a few at a time. scrypt runs on libuv's thread pool (4 threads), the same
 * one file writes use: 50 sign-ins at once would fill it, and the webhook's writes would wait
 * seconds behind them. At most `concurrency` hashes run, leaving the other threads to the
 * pipeline; up to `maxWaiting` more wait their turn, and beyond that a sign-in answers 503 at once.
 *
 * @example
 * const hashing = createHashingQueue({ concurrency: 1, maxWaiting: 32 });
 * const key = await hashing.run(() => derive(password, salt));
 */
export function createHashingQueue(options: { concurrency: number; maxWaiting: number }) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (running < options.concurrency) running += 1;
      else if (waiting.length >= options.maxWaiting) {
        throw new HttpError(503, 'too many sign-ins at once; try again in a moment', { headers: { 'Retry-After': '1' } });
      }
      // A finished hash hands its slot straight to the next one waiting.
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await work();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else running -= 1;
      }
    },
  };
}
