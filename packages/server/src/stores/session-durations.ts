/**
 * A `ttlSeconds` as Redis takes it: a positive whole number, rounded up so a key never expires early.
 *
 * @example
 * toSeconds(1.2); // 2
 */
export function toSeconds(ttlSeconds: number): number {
  return Math.ceil(checkPositive(ttlSeconds, 'ttlSeconds'));
}

/** A duration in milliseconds as a positive whole number, rounded up. */
export function toMilliseconds(ms: number): number {
  return Math.ceil(checkPositive(ms, 'duration in ms'));
}

function checkPositive(value: number, what: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`Session store: ${what} must be a positive number, got ${value}`);
  return value;
}
