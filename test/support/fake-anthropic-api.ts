import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Anthropic's Messages API (`POST /v1/messages`), for tests that drive the
 * real `@anthropic-ai/sdk` through `baseURL`. Responses are scripted in order; every request is
 * recorded with its headers and parsed body so a test can assert what reached "the model".
 *
 * Shapes follow Anthropic's documentation: a message has `content` blocks (`text`, `tool_use`),
 * `stop_reason` and `usage`; errors are `{ type: 'error', error: { type, message }, request_id }`.
 */
export interface FakeAnthropicApi {
  /** The base URL to give the SDK (ANTHROPIC_BASE_URL), without `/v1`. */
  url: string;
  /** Requests received, oldest first. */
  requests: RecordedRequest[];
  /** Queues responses, answered one per request in order. */
  enqueue(...responses: ScriptedResponse[]): void;
  /** Answers every request the queue does not cover (by default a plain text "OK"). */
  setFallback(response: ScriptedResponse | ((request: RecordedRequest) => ScriptedResponse)): void;
  /** Everything sent to the API so far, as one string, to assert that some text never left. */
  sentText(): string;
  reset(): void;
  close(): Promise<void>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: MessagesRequestBody;
}

/** The request fields tests look at; the rest is kept as sent. */
export interface MessagesRequestBody {
  model: string;
  max_tokens: number;
  system?: string | { type: 'text'; text: string }[];
  messages: { role: 'user' | 'assistant'; content: string | ContentBlock[] }[];
  tools?: { name: string; description?: string; input_schema: Record<string, unknown> }[];
  tool_choice?: unknown;
  [key: string]: unknown;
}

export type ContentBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'tool_result'; tool_use_id: string; content?: unknown; is_error?: boolean };

export type ScriptedResponse =
  | {
      /** Text the model answers with. */
      text?: string;
      /** Tool calls the model makes (stop_reason `tool_use`). */
      toolUse?: { name: string; input: Record<string, unknown> }[];
      stopReason?: 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'refusal' | 'pause_turn';
      usage?: { input_tokens: number; output_tokens: number };
      /** Waits this long before answering (for timeouts). */
      delayMs?: number;
    }
  | {
      /** An HTTP error with Anthropic's error JSON. */
      status: number;
      errorType?: string;
      message?: string;
      delayMs?: number;
    };

const errorTypes: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/**
 * Starts the fake on a free loopback port.
 *
 * @example
 * const anthropic = await startFakeAnthropicApi();
 * anthropic.enqueue({ toolUse: [{ name: 'search_catalog', input: { query: 'shoes' } }] }, { text: 'We have boots.' });
 * const client = new Anthropic({ apiKey: 'test', baseURL: anthropic.url });
 */
export async function startFakeAnthropicApi(): Promise<FakeAnthropicApi> {
  const requests: RecordedRequest[] = [];
  let queue: ScriptedResponse[] = [];
  let fallback: ScriptedResponse | ((request: RecordedRequest) => ScriptedResponse) = { text: 'OK' };
  const pending = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) {
      sendError(res, 404, 'not_found_error', `No route for ${req.method} ${req.url}`);
      return;
    }
    let body: MessagesRequestBody;
    try {
      body = JSON.parse(raw) as MessagesRequestBody;
    } catch {
      sendError(res, 400, 'invalid_request_error', 'The request body is not valid JSON.');
      return;
    }
    const request: RecordedRequest = { method: req.method, path: req.url, headers: req.headers, body };
    requests.push(request);
    const auth = req.headers.authorization ?? req.headers['x-api-key'];
    if (!auth) {
      sendError(res, 401, 'authentication_error', 'invalid x-api-key');
      return;
    }
    const problem = validateRequest(body);
    if (problem) {
      sendError(res, 400, 'invalid_request_error', problem);
      return;
    }
    const scripted = queue.shift() ?? (typeof fallback === 'function' ? fallback(request) : fallback);
    if (scripted.delayMs) {
      pending.add(res);
      await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
      pending.delete(res);
      // The client gave up (timeout or abort) while we waited.
      if (res.destroyed || res.writableEnded) return;
    }
    if ('status' in scripted) {
      sendError(
        res,
        scripted.status,
        scripted.errorType ?? errorTypes[scripted.status] ?? 'api_error',
        scripted.message ?? 'Scripted error',
      );
      return;
    }
    const content: ContentBlock[] = [];
    if (scripted.text !== undefined) content.push({ type: 'text', text: scripted.text });
    for (const call of scripted.toolUse ?? []) {
      content.push({ type: 'tool_use', id: `toolu_${randomUUID().replaceAll('-', '').slice(0, 24)}`, name: call.name, input: call.input });
    }
    const stopReason = scripted.stopReason ?? (scripted.toolUse?.length ? 'tool_use' : 'end_turn');
    const usage = scripted.usage ?? { input_tokens: estimateTokens(raw), output_tokens: estimateTokens(JSON.stringify(content)) };
    send(res, 200, {
      id: `msg_${randomUUID().replaceAll('-', '').slice(0, 24)}`,
      type: 'message',
      role: 'assistant',
      model: body.model,
      content: content.map((block) => (block.type === 'text' ? { ...block, citations: null } : { ...block, caller: { type: 'direct' } })),
      stop_reason: stopReason,
      stop_sequence: null,
      stop_details: null,
      usage: { ...usage, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...responses) => {
      queue.push(...responses);
    },
    setFallback: (response) => {
      fallback = response;
    },
    sentText: () => requests.map((request) => JSON.stringify(request.body)).join('\n'),
    reset: () => {
      requests.length = 0;
      queue = [];
      fallback = { text: 'OK' };
    },
    close: async () => {
      for (const res of pending) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The checks the real API makes that a wrong client would trip over. */
function validateRequest(body: MessagesRequestBody): string | undefined {
  if (typeof body.model !== 'string' || !body.model) return 'model: Field required';
  if (typeof body.max_tokens !== 'number') return 'max_tokens: Field required';
  // API version 2026-10-21 (the SDK's default) removed the sampling parameters.
  for (const field of ['temperature', 'top_p', 'top_k']) {
    if (field in body) return `${field}: Extra inputs are not permitted`;
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) return 'messages: at least one message is required';
  if (body.messages[0]?.role !== 'user') return 'messages: first message must use the "user" role';
  for (let i = 1; i < body.messages.length; i += 1) {
    if (body.messages[i]?.role === body.messages[i - 1]?.role) return `messages.${i}: roles must alternate between "user" and "assistant"`;
  }
  return undefined;
}

function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${randomUUID().replaceAll('-', '')}` });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, type: string, message: string): void {
  const requestId = `req_${randomUUID().replaceAll('-', '')}`;
  // x-should-retry: false keeps the SDK from retrying scripted errors, so one script entry is one answer.
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': requestId, 'x-should-retry': 'false' });
  res.end(JSON.stringify({ type: 'error', error: { type, message }, request_id: requestId }));
}
