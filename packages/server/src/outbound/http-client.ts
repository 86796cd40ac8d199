import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction, TcpNetConnectOpts } from 'node:net';
import { formatBytes } from '../whatsapp/graph-media';
import type { AllowedHost } from './allowed-hosts';
import { isBinaryType } from './content-kind';
import { OutboundError } from './outbound-error';
import { type Resolver, resolveTargets, systemResolver, type Target } from './resolve-target';

/** JSON and text answers beyond this are refused: a flow variable is no place for more. */
export const TEXT_LIMIT = 1024 * 1024;
export const MAX_REDIRECTS = 5;
const REDIRECTS = [301, 302, 303, 307, 308];
/** Headers the client sets itself: a flow's own would confuse the framing or the connection. */
const OWN_HEADERS = ['host', 'content-length', 'transfer-encoding', 'connection', 'accept-encoding', 'keep-alive', 'upgrade'];
/** Credentials that stay with the origin they were written for (as fetch does on a cross-origin redirect). */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

export interface OutboundRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Uint8Array | string;
  /** For the whole call: resolution, connection, redirects and the answer. */
  timeoutMs: number;
  /** The most bytes of a binary answer (not JSON or text) accepted; without it a binary answer is capped like text. */
  binaryLimit?: number;
}

export interface OutboundResponse {
  status: number;
  /** Lowercase names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The media type without parameters, lowercase; empty when the answer named none. */
  contentType: string;
  bytes: Buffer;
}

export interface HttpClient {
  send(request: OutboundRequest): Promise<OutboundResponse>;
}

export interface HttpClientOptions {
  allowHosts: readonly AllowedHost[];
  /** DNS resolution; the system resolver by default, a fake in tests. */
  resolve?: Resolver;
}

/**
 * The one way the server calls URLs that flows name. Every hop (the first URL and each redirect)
 * is resolved once, checked against the refused address ranges and connected to only at those
 * addresses (the next one when a connection to one fails); http and https only, at most 5 redirects, a deadline for the whole call and a size cap
 * enforced while the answer streams in. Failures throw `OutboundError` with a reason fit to show.
 *
 * @example
 * const client = createHttpClient({ allowHosts: config.httpNode.allowHosts });
 * const answer = await client.send({ method: 'GET', url: 'https://api.example/orders/7', headers: {}, timeoutMs: 5000 });
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const resolve = options.resolve ?? systemResolver;
  return {
    async send(request) {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), request.timeoutMs);
      try {
        return await follow(request, abort.signal);
      } catch (error) {
        throw abort.signal.aborted ? new OutboundError(`timed out after ${request.timeoutMs} ms`) : failure(error);
      } finally {
        clearTimeout(timer);
      }
    },
  };

  async function follow(request: OutboundRequest, signal: AbortSignal): Promise<OutboundResponse> {
    let url = parseUrl(request.url);
    let { method, body } = request;
    let headers = ownHeaders(request.headers);
    for (let redirects = 0; ; redirects += 1) {
      const targets = await untilAborted(resolveTargets(url, options.allowHosts, resolve), signal);
      const response = await exchange(url, targets, method, headers, body, signal);
      const location = response.headers.location;
      if (!REDIRECTS.includes(response.statusCode ?? 0) || !location) return read(response, request);
      response.destroy();
      if (redirects === MAX_REDIRECTS) throw new OutboundError(`more than ${MAX_REDIRECTS} redirects`);
      const next = parseUrl(location, url);
      if (response.statusCode === 303 || ((response.statusCode === 301 || response.statusCode === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers = withoutHeaders(headers, ['content-type']);
      }
      if (next.origin !== url.origin) headers = withoutHeaders(headers, CREDENTIAL_HEADERS);
      url = next;
    }
  }
}

function exchange(
  url: URL,
  targets: Target[],
  method: string,
  headers: Record<string, string>,
  body: Uint8Array | string | undefined,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  // Connects to the checked addresses whatever the name resolves to now; TLS still verifies the
  // name. Given them all, Node's connect (autoSelectFamily) tries each in turn until one accepts
  // the connection, before anything of the request is sent.
  const [first] = targets as [Target];
  const pinned: LookupFunction = (_host, lookupOptions, callback) => {
    if (lookupOptions.all) (callback as (e: null, a: Target[]) => void)(null, targets);
    else callback(null, first.address, first.family);
  };
  const payload = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
  // The options reach net.connect as they are (no agent): its autoSelectFamily too.
  const requestOptions: RequestOptions & Pick<TcpNetConnectOpts, 'autoSelectFamily'> = {
    method,
    headers: {
      'user-agent': 'chatflow',
      ...headers,
      'accept-encoding': 'identity',
      ...(payload ? { 'content-length': String(payload.byteLength) } : {}),
    },
    lookup: pinned,
    autoSelectFamily: true,
    agent: false,
    signal,
  };
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const outgoing = send(url, requestOptions, resolve);
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** Reads the answer up to its cap, aborting the stream (never buffering past it) when it is larger. */
async function read(response: IncomingMessage, request: OutboundRequest): Promise<OutboundResponse> {
  const contentType = (response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const limit = request.binaryLimit !== undefined && isBinaryType(contentType) ? request.binaryLimit : TEXT_LIMIT;
  const tooLarge = () => {
    response.destroy();
    return new OutboundError(`answer larger than ${formatBytes(limit)}`);
  };
  if (Number(response.headers['content-length'] ?? 0) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { status: response.statusCode ?? 0, headers, contentType, bytes: Buffer.concat(chunks, size) };
}

function parseUrl(text: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new OutboundError(base ? 'a redirect named an invalid URL' : 'the URL is not valid');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundError(`only http and https URLs can be called (got ${url.protocol.replace(/:$/, '')})`);
  }
  if (url.username || url.password) throw new OutboundError('URLs with a user name or password are not called; send them in a header');
  return url;
}

function ownHeaders(headers: Record<string, string>): Record<string, string> {
  return withoutHeaders(headers, OWN_HEADERS);
}

function withoutHeaders(headers: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name.toLowerCase())));
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    promise.then(resolve, reject);
  });
}

/** A socket or TLS failure in words, without its internals. */
function failure(error: unknown): OutboundError {
  if (error instanceof OutboundError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (code === 'ECONNREFUSED') return new OutboundError('the connection was refused');
  if (code === 'ECONNRESET' || code === 'EPIPE') return new OutboundError('the connection was closed before an answer came');
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return new OutboundError('the host cannot be reached');
  if (/CERT|SSL|TLS/.test(code)) return new OutboundError('the TLS certificate was not accepted');
  if (code === 'HPE_INVALID_CONSTANT' || code.startsWith('HPE_')) return new OutboundError('the answer was not valid HTTP');
  return new OutboundError('the connection failed');
}
