import { type HttpPort, type HttpRequest, type HttpResponse, SECRET_PLACEHOLDER } from '@chatflow/engine';
import type { TurnScope } from '../ai/turn-scope';
import { OutboundError } from '../outbound/outbound-error';

/** Reads a workspace secret by name (the secret repository's `read`). */
export type SecretReader = (workspaceId: string, name: string) => Promise<string | undefined>;

export interface WithSecretsDeps {
  read: SecretReader;
  scope: () => TurnScope | undefined;
  /** Told every value that is filled in, so the logger masks it from then on. */
  reveal?: (value: string) => void;
}

/** The secrets one request uses, by name. */
type Filled = Map<string, string>;

/**
 * Fills `{{secrets.NAME}}` in a request's URL, headers, body and part values just before it is
 * sent (the engine leaves them as they are, so no value is in variables, snapshots or cache keys),
 * and masks every value that was filled wherever it comes back: the answer's body and headers
 * (an API echoing the key), and a failure's reason. An unknown secret fails the call before
 * anything is sent: "secret NAME is not set".
 */
export function withSecrets(port: HttpPort, deps: WithSecretsDeps): HttpPort {
  return {
    async request(request) {
      const names = secretNames(request);
      if (names.size === 0) return port.request(request);
      const filled = await readAll(names);
      let response: HttpResponse;
      try {
        response = await port.request(fill(request, filled));
      } catch (error) {
        const reason = error instanceof Error ? error.message : 'the request failed';
        throw new OutboundError(mask(reason, filled));
      }
      return { ...response, headers: mask(response.headers, filled), body: mask(response.body, filled) };
    },
  };

  async function readAll(names: Set<string>): Promise<Filled> {
    const scope = deps.scope();
    const filled: Filled = new Map();
    for (const name of names) {
      const value = scope ? await deps.read(scope.workspaceId, name) : undefined;
      if (value === undefined) throw new OutboundError(`secret ${name} is not set`);
      deps.reveal?.(value);
      filled.set(name, value);
    }
    return filled;
  }
}

function secretNames(request: HttpRequest): Set<string> {
  const texts = [request.url, ...Object.values(request.headers), request.body ?? ''];
  for (const part of request.parts ?? []) if ('value' in part) texts.push(part.value);
  const names = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(SECRET_PLACEHOLDER)) names.add(match[1] as string);
  return names;
}

/** Each value written as the part of the request it lands in needs: encoded in the URL and forms, escaped in JSON. */
function fill(request: HttpRequest, filled: Filled): HttpRequest {
  const put = (text: string, encode: (value: string) => string) =>
    text.replace(SECRET_PLACEHOLDER, (_, name: string) => encode(filled.get(name) as string));
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name, put(value, (secret) => secret.replace(/[\r\n]+/g, ' '))]),
  );
  const type = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  const inBody = type.includes('json')
    ? (secret: string) => JSON.stringify(secret).slice(1, -1)
    : type.includes('x-www-form-urlencoded')
      ? encodeURIComponent
      : (secret: string) => secret;
  return {
    ...request,
    url: put(request.url, encodeURIComponent),
    headers,
    ...(request.body !== undefined ? { body: put(request.body, inBody) } : {}),
    ...(request.parts
      ? { parts: request.parts.map((part) => ('value' in part ? { ...part, value: put(part.value, (secret) => secret) } : part)) }
      : {}),
  };
}

/** Replaces every filled value (and its URL-encoded form) with `[secrets.NAME]`, through strings, arrays and objects. */
function mask<T>(value: T, filled: Filled): T {
  if (typeof value === 'string') {
    let out: string = value;
    for (const [name, secret] of filled) {
      for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join(`[secrets.${name}]`);
    }
    return out as T;
  }
  if (Array.isArray(value)) return value.map((item) => mask(item, filled)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [mask(key, filled), mask(item, filled)])) as T;
  }
  return value;
}
