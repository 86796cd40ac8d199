import type { HttpRequest } from '../../runtime/ports';
import { lookup } from '../../runtime/template';

/** The same placeholders as `runtime/template.ts`; filled here with the escaping each part of a request needs. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)\s*\}\}/g;

export type BodyFormat = 'json' | 'form' | 'text';

/** The request as the node's config describes it, before variables are filled. */
export interface RequestTemplate {
  method: HttpRequest['method'];
  url: string;
  headers: { name: string; value: string }[];
  body?: string;
  bodyFormat: BodyFormat;
  timeoutMs: number;
}

type Scope = Parameters<typeof lookup>[0];

const CONTENT_TYPES: Record<BodyFormat, string> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  text: 'text/plain; charset=utf-8',
};

/** Methods that carry no body: fetch refuses a GET with one. */
export const BODYLESS_METHODS: readonly string[] = ['GET'];

/**
 * Fills a request's templates with a conversation's variables so that no value can break its
 * syntax: URL values are percent-encoded (except one at the very start, a base URL), JSON values
 * are escaped inside strings and written as JSON outside them, form values are encoded, and header
 * values lose line breaks.
 */
export function buildRequest(template: RequestTemplate, scope: Scope): HttpRequest {
  const headers: Record<string, string> = {};
  for (const header of template.headers) {
    headers[header.name] = fill(header.value, (path) => display(lookup(scope, path)).replace(/[\r\n]+/g, ' '));
  }
  const withBody = template.body !== undefined && template.body !== '' && !BODYLESS_METHODS.includes(template.method);
  if (withBody && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = CONTENT_TYPES[template.bodyFormat];
  }
  return {
    method: template.method,
    url: fill(template.url, (path, offset) =>
      offset === 0 ? display(lookup(scope, path)) : encodeURIComponent(display(lookup(scope, path))),
    ),
    headers,
    ...(withBody ? { body: fillBody(template.body as string, template.bodyFormat, (path) => lookup(scope, path)) } : {}),
    timeoutMs: template.timeoutMs,
  };
}

/** Fills a body template with the values `read` gives for each placeholder path. */
export function fillBody(body: string, format: BodyFormat, read: (path: string) => unknown): string {
  if (format === 'form') return fill(body, (path) => encodeURIComponent(display(read(path))));
  if (format === 'text') return fill(body, (path) => display(read(path)));
  return fill(body, (path, offset) => {
    const value = read(path);
    return insideJsonString(body, offset) ? JSON.stringify(display(value)).slice(1, -1) : JSON.stringify(value ?? null);
  });
}

function fill(template: string, value: (path: string, offset: number) => string): string {
  return template.replace(PLACEHOLDER, (_, path: string, offset: number) => value(path, offset));
}

/** Whether `offset` in a JSON template falls between the quotes of a string. */
function insideJsonString(template: string, offset: number): boolean {
  let inside = false;
  for (let i = 0; i < offset; i += 1) {
    if (template[i] === '\\' && inside) i += 1;
    else if (template[i] === '"') inside = !inside;
  }
  return inside;
}

function display(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
