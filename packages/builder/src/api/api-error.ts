import type { Problem } from '@chatflow/engine';

/** A failed API call: the HTTP status (0 when the server could not be reached) and its message. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }

  /** Worth trying again later: the network or the server failed, not the request itself. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}
