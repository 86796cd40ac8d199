import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { HttpError } from './http-error';
import { jsonBodyProblem } from './json-depth';

/**
 * Parses JSON bodies up to `limit` bytes and refuses (400) any nested deeper than
 * `MAX_JSON_DEPTH` or with a field name no store takes, before a route, a validator or a store
 * walks it.
 */
export function jsonBody(limit: string): RequestHandler[] {
  return [
    express.json({ limit }),
    (req: Request, _res: Response, next: NextFunction) => {
      const problem = jsonBodyProblem(req.body);
      next(problem ? new HttpError(400, `request body ${problem.message} at ${problem.path}`, { path: problem.path }) : undefined);
    },
  ];
}
