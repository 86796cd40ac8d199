import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { HttpError } from './http-error';
import { MAX_JSON_DEPTH, tooDeepAt } from './json-depth';

/**
 * Parses JSON bodies up to `limit` bytes and refuses (400) any nested deeper than
 * `MAX_JSON_DEPTH`, before a route, a validator or a store walks it recursively.
 */
export function jsonBody(limit: string): RequestHandler[] {
  return [
    express.json({ limit }),
    (req: Request, _res: Response, next: NextFunction) => {
      const at = tooDeepAt(req.body);
      next(at ? new HttpError(400, `request body nests deeper than ${MAX_JSON_DEPTH} levels at ${at}`, { path: at }) : undefined);
    },
  ];
}
