import type { Request, Response, Router } from 'express';
import { HttpError } from './http-error';
import type { JsonSchema, SchemaChecker } from './schema-checker';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One API route: how it is documented in openapi.json and how it runs, declared once. */
export interface RouteSpec {
  method: HttpMethod;
  /** Express syntax, relative to `/api`, e.g. `/flows/:id`. */
  path: string;
  summary: string;
  tag: string;
  /** The request body's schema; the body is validated against it before the handler runs. */
  body?: JsonSchema;
  /** For a union body: the branch this body is meant to be, so errors speak about that branch. */
  bodyBranch?: (body: unknown) => JsonSchema;
  query?: Record<string, { schema: JsonSchema; description: string }>;
  /** Request headers the route reads, for the OpenAPI document (the handler checks them). */
  headers?: Record<string, { schema: JsonSchema; description: string; required?: boolean }>;
  /** By status code. */
  responses: Record<string, { description: string; schema?: JsonSchema; contentType?: string }>;
  /**
   * A server-sent event stream: it also takes `?ticket=` (from `POST /api/auth/stream-tickets`),
   * because EventSource cannot send headers, and it ends with the session that opened it.
   */
  stream?: boolean;
  handler: (req: Request, res: Response) => Promise<void> | void;
}

/** Registers routes on a router, validating bodies and query parameters first. */
export function mountRoutes(router: Router, routes: readonly RouteSpec[], checker: SchemaChecker): void {
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response) => {
      if (route.body) {
        const schema = route.bodyBranch?.(req.body ?? {}) ?? route.body;
        const error = checker.check(schema, req.body ?? {});
        if (error) throw new HttpError(400, `request body: ${error.path || '(body)'} ${error.message}`, { path: error.path || '(body)' });
      }
      for (const [name, param] of Object.entries(route.query ?? {})) {
        const value = req.query[name];
        if (value === undefined) continue;
        const error = checker.check(param.schema, value, name);
        if (error) throw new HttpError(400, `query parameter ${error.path} ${error.message}`, { path: error.path });
      }
      await route.handler(req, res);
    });
  }
}

/** A path parameter; Express guarantees it exists on a matched route. */
export function param(req: Request, name: string): string {
  const value = req.params[name];
  if (typeof value !== 'string') throw new HttpError(400, `missing path parameter ${name}`, { path: name });
  return value;
}

/** An ISO time from epoch milliseconds. */
export function iso(ms: number): string;
export function iso(ms: number | undefined): string | undefined;
export function iso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}
