import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../observability/logger';
import { HttpError } from './http-error';

/** Answers every error as JSON `{ error: { message, path?, problems? } }`; unexpected ones are logged, not shown. */
export function errorHandler(log: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = asHttpError(error);
    if (!known) log.error('request failed', { method: req.method, path: req.path, error });
    const answer = known ?? new HttpError(500, 'internal error; the server log has the details');
    res
      .status(answer.status)
      .set(answer.headers)
      .json({
        error: {
          message: answer.message,
          ...(answer.path !== undefined ? { path: answer.path } : {}),
          ...(answer.problems ? { problems: answer.problems } : {}),
        },
      });
  };
}

/**
 * Our own errors, and the body parser's and router's (bad JSON, too large, a broken gzip body, a
 * path with a broken %-escape) as HTTP errors with our own words: theirs can name internals.
 */
function asHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
  if (type === 'entity.parse.failed') return new HttpError(400, 'request body is not valid JSON', { path: '(body)' });
  if (type === 'entity.too.large') return new HttpError(413, 'request body is too large', { path: '(body)' });
  if (type === 'encoding.unsupported' || type === 'charset.unsupported')
    return new HttpError(415, 'request body encoding is not supported');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpError(status, 'request could not be read (a broken body encoding or %-escape in the path)');
  }
  return undefined;
}

/** 404 for a path no route matches, in the same JSON shape. */
export function notFoundHandler(req: Request, _res: Response, next: NextFunction): void {
  next(new HttpError(404, `no route ${req.method} ${req.baseUrl}${req.path}`));
}
