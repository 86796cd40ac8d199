import type { Problem } from '@chatflow/engine';

/** An error answered as JSON `{ error: { message, path?, problems? } }` with its status. */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: number;
  readonly path: string | undefined;
  readonly problems: Problem[] | undefined;
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, extra: { path?: string; problems?: Problem[]; headers?: Record<string, string> } = {}) {
    super(message);
    this.status = status;
    this.path = extra.path;
    this.problems = extra.problems;
    this.headers = extra.headers ?? {};
  }
}
