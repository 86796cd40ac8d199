import express, { type Request, type RequestHandler, type Router } from 'express';
import type { RateLimits } from '../config';
import type { Logger } from '../observability/logger';
import type { SessionStore } from '../ports/session-store';
import { clientIp, rateLimit } from '../security/rate-limit';
import { callerOf, requireAuth } from '../security/require-auth';
import { errorHandler, notFoundHandler } from './error-handler';
import { jsonBody } from './json-body';
import { openApiDocument } from './openapi';
import { mountRoutes, type RouteSpec } from './route-spec';
import { createSchemaChecker, type JsonSchema } from './schema-checker';

export interface ApiRouterDeps {
  routes: readonly RouteSpec[];
  components: Record<string, JsonSchema>;
  tokenHashes: string[];
  /** Replaces the check of `tokenHashes` (users' session tokens and roles); told which requests open a stream. */
  authenticate?: (isStream: (req: Request) => boolean) => RequestHandler;
  sessions: Pick<SessionStore, 'hit'>;
  rateLimits: RateLimits;
  log: Logger;
  version: string;
}

/** Request bodies above this are refused (a large flow is a few hundred kilobytes). */
const BODY_LIMIT = '2mb';

/**
 * The REST API under `/api`: per-IP rate limit, then the public OpenAPI document, then bearer
 * authentication, a per-token rate limit, the routes, and JSON errors for everything.
 */
export function createApiRouter(deps: ApiRouterDeps): Router {
  const router = express.Router();
  const { rateLimits: limits } = deps;
  const checker = createSchemaChecker(deps.components);
  const document = openApiDocument(deps.routes, deps.components, deps.version);
  const streamPaths = deps.routes.filter((r) => r.stream).map((r) => new RegExp(`^${r.path.replace(/:[A-Za-z_]+/g, '[^/]+')}$`));

  router.use(rateLimit({ sessions: deps.sessions, scope: 'api:ip', limit: limits.apiPerIp, windowMs: limits.windowMs, key: clientIp }));
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.use(jsonBody(BODY_LIMIT));
  const isStream = (req: Request) => req.method === 'GET' && streamPaths.some((path) => path.test(req.path));
  router.use(deps.authenticate ? deps.authenticate(isStream) : requireAuth({ tokenHashes: deps.tokenHashes }));
  router.use(
    rateLimit({
      sessions: deps.sessions,
      scope: 'api:token',
      limit: limits.apiPerToken,
      windowMs: limits.windowMs,
      key: (_req, res) => callerOf(res).tokenKey,
    }),
  );
  mountRoutes(router, deps.routes, checker);
  router.use(notFoundHandler);
  router.use(errorHandler(deps.log));
  return router;
}
