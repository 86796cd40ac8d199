import type { RouteSpec } from './route-spec';
import type { JsonSchema } from './schema-checker';

/**
 * The OpenAPI 3.1 document of the API, built from the same route specs and schemas that run and
 * validate the routes, so it describes every route as it is.
 */
export function openApiDocument(routes: readonly RouteSpec[], components: Record<string, JsonSchema>, version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = `/api${route.path.replace(/:([A-Za-z_]+)/g, '{$1}')}`;
    const pathParams = [...route.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const queryParams = Object.entries(route.query ?? {}).map(([name, q]) => ({
      name,
      in: 'query',
      required: false,
      description: q.description,
      schema: q.schema,
    }));
    const headerParams = Object.entries(route.headers ?? {}).map(([name, h]) => ({
      name,
      in: 'header',
      required: h.required === true,
      description: h.description,
      schema: h.schema,
    }));
    const tokenParam = route.stream
      ? [
          {
            name: 'ticket',
            in: 'query',
            required: false,
            description: 'A stream ticket (`POST /api/auth/stream-tickets`), for clients that cannot set headers',
            schema: { type: 'string' },
          },
        ]
      : [];
    paths[path] ??= {};
    paths[path][route.method] = {
      summary: route.summary,
      tags: [route.tag],
      operationId: operationId(route),
      security: route.stream ? [{ bearer: [] }, { streamTicket: [] }] : [{ bearer: [] }],
      parameters: [...pathParams, ...queryParams, ...headerParams, ...tokenParam],
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: route.body } } } } : {}),
      responses: {
        400: {
          description: 'The request could not be read: a body or query parameter that fails its schema, or a broken %-escape in the path',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
        413: {
          description: 'The request body is too large',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
        // A path parameter such as `..` makes the path another one, which no route may match.
        ...(pathParams.length
          ? {
              404: {
                description: 'Not found, or a path parameter that turns the path into one no route matches',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
              },
            }
          : {}),
        ...Object.fromEntries(
          Object.entries(route.responses).map(([status, r]) => [
            status,
            {
              description: r.description,
              ...(r.schema ? { content: { [r.contentType ?? 'application/json']: { schema: r.schema } } } : {}),
            },
          ]),
        ),
        401: {
          description: 'Missing or invalid token',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
        429: {
          description: 'Too many requests; retry after `Retry-After` seconds',
          headers: { 'Retry-After': { schema: { type: 'integer' } } },
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Chatflow REST API',
      version,
      description:
        'Flows, versions, the simulator (web channel), conversations, contacts, channels and the audit log. See docs/rest-api.md.',
    },
    servers: [{ url: '/' }],
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'The ADMIN_TOKEN, a session token (POST /api/auth/login) or a workspace API key',
        },
        streamTicket: { type: 'apiKey', in: 'query', name: 'ticket', description: 'A single-use stream ticket, valid 60 s' },
      },
    },
  };
}

function operationId(route: RouteSpec): string {
  const words = route.path
    .split('/')
    .filter(Boolean)
    .map((part) => (part.startsWith(':') ? `By${capital(part.slice(1))}` : capital(part)));
  return `${route.method}${words.join('')}`;
}

function capital(word: string): string {
  return word.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}
