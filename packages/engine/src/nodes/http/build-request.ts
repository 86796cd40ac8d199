import { isMediaFile } from '../../runtime/media-file';
import type { HttpPart, HttpRequest } from '../../runtime/ports';
import { isSecretPath } from '../../runtime/secret-placeholder';
import { lookup } from '../../runtime/template';

/** The same placeholders as `runtime/template.ts`; filled here with the escaping each part of a request needs. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)\s*\}\}/g;

/** One `{{variable}}` (a path into it allowed) and nothing else, as a media part names the file it sends. */
export const MEDIA_PLACEHOLDER = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)\s*\}\}$/;

export type BodyFormat = 'json' | 'form' | 'text' | 'multipart';

/** A multipart part as the node's config has it: a value template, or a placeholder naming a media variable. */
export interface PartTemplate {
  name: string;
  value?: string;
  media?: string;
}

/** The request as the node's config describes it, before variables are filled. */
export interface RequestTemplate {
  method: HttpRequest['method'];
  url: string;
  headers: { name: string; value: string }[];
  body?: string;
  /** The multipart body's parts; only with `bodyFormat: 'multipart'`. */
  parts?: PartTemplate[];
  bodyFormat: BodyFormat;
  timeoutMs: number;
  responseMedia?: boolean;
  cacheHours?: number;
}

type Scope = Parameters<typeof lookup>[0];

const CONTENT_TYPES: Record<Exclude<BodyFormat, 'multipart'>, string> = {
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
 * values lose line breaks. A multipart body's parts are text values or the media files their
 * variables hold (the host writes the body and its boundary).
 *
 * @throws when a media part's variable holds no media file: the node then leaves by `error`.
 */
export function buildRequest(template: RequestTemplate, scope: Scope): HttpRequest {
  const headers: Record<string, string> = {};
  for (const header of template.headers) {
    headers[header.name] = fill(header.value, (path) => display(lookup(scope, path)).replace(/[\r\n]+/g, ' '));
  }
  const bodyless = BODYLESS_METHODS.includes(template.method);
  const format = template.bodyFormat;
  const withBody = format !== 'multipart' && template.body !== undefined && template.body !== '' && !bodyless;
  if (withBody && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = CONTENT_TYPES[format];
  }
  const parts = format === 'multipart' && !bodyless ? (template.parts ?? []).map((part) => fillPart(part, scope)) : undefined;
  return {
    method: template.method,
    url: fill(template.url, (path, offset) =>
      offset === 0 ? display(lookup(scope, path)) : encodeURIComponent(display(lookup(scope, path))),
    ),
    headers,
    ...(withBody ? { body: fillBody(template.body as string, format, (path) => lookup(scope, path)) } : {}),
    ...(parts ? { parts } : {}),
    timeoutMs: template.timeoutMs,
    ...(template.responseMedia ? { responseMedia: true } : {}),
    ...(template.cacheHours ? { cacheHours: template.cacheHours } : {}),
  };
}

function fillPart(part: PartTemplate, scope: Scope): HttpPart {
  if (part.media === undefined) return { name: part.name, value: fill(part.value ?? '', (path) => display(lookup(scope, path))) };
  const path = MEDIA_PLACEHOLDER.exec(part.media)?.[1];
  const file = path === undefined ? undefined : lookup(scope, path);
  if (!isMediaFile(file)) throw new Error(`part "${part.name}": ${part.media} holds no media file`);
  return { name: part.name, media: file };
}

/** Fills a body template with the values `read` gives for each placeholder path. */
export function fillBody(body: string, format: Exclude<BodyFormat, 'multipart'>, read: (path: string) => unknown): string {
  if (format === 'form') return fill(body, (path) => encodeURIComponent(display(read(path))));
  if (format === 'text') return fill(body, (path) => display(read(path)));
  return fill(body, (path, offset) => {
    const value = read(path);
    return insideJsonString(body, offset) ? JSON.stringify(display(value)).slice(1, -1) : JSON.stringify(value ?? null);
  });
}

/** `{{secrets.NAME}}` stays as it is: the host fills it at send time. */
function fill(template: string, value: (path: string, offset: number) => string): string {
  return template.replace(PLACEHOLDER, (match: string, path: string, offset: number) => (isSecretPath(path) ? match : value(path, offset)));
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
