import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FakeGraphMedia, fakeGraphMedia } from './fake-graph-media';
import { type FakeGraphTemplates, fakeGraphTemplates } from './fake-graph-templates';
import { metaSchemaViolation } from './meta-schema';

/** One request the fake received, as the Graph API would have seen it. */
export interface GraphRequest {
  /** `send` for a message, `read` for mark-as-read (with or without the typing indicator). */
  kind: 'send' | 'read';
  version: string;
  phoneNumberId: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
  /** The answer it got: a fresh `wamid.…` for a send that succeeded, else the error code. */
  answer: { wamid: string } | { code: number; httpStatus: number } | { success: true };
  at: number;
}

/** A documented Graph error the fake can answer with (shape of `response-error-130429.json`). */
export type GraphError =
  | 'throughput'
  | 'outside-window'
  | 'pair-rate'
  | 'server'
  | 'invalid-parameter'
  | { httpStatus: number; code: number; message: string };

const errors: Record<Exclude<GraphError, object>, { httpStatus: number; code: number; message: string; details: string }> = {
  throughput: {
    httpStatus: 400,
    code: 130429,
    message: '(#130429) Rate limit hit',
    details: 'Cloud API message throughput has been reached.',
  },
  'outside-window': {
    httpStatus: 400,
    code: 131047,
    message: '(#131047) Re-engagement message',
    details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  },
  'pair-rate': {
    httpStatus: 400,
    code: 131056,
    message: '(#131056) (Business Account, Consumer Account) pair rate limit hit',
    details: 'Too many messages sent from the sender phone number to the same recipient phone number in a short period of time.',
  },
  server: { httpStatus: 500, code: 1, message: 'An unknown error occurred', details: 'Invalid request or possible server error.' },
  'invalid-parameter': { httpStatus: 400, code: 100, message: '(#100) Invalid parameter', details: 'Parameter value is not valid.' },
};

export interface FakeGraphApi {
  /** The base URL to configure as the Graph URL, e.g. `http://127.0.0.1:PORT/v25.0`. */
  url: string;
  /** Customers' files to download, uploads received, and their ids (see `fake-graph-media.ts`). */
  media: FakeGraphMedia;
  /** Message templates per WABA, paged listings and submissions (see `fake-graph-templates.ts`). */
  templates: FakeGraphTemplates;
  requests: GraphRequest[];
  /** Message sends that Meta accepted (each got a wamid), in order. */
  delivered(): GraphRequest[];
  /** Answers the next `count` message sends with `error` (mark-as-read requests are not counted). */
  failNext(count: number, error: GraphError): void;
  /** Called for every request after it is answered. */
  onRequest(listener: (request: GraphRequest) => void): void;
  reset(): void;
  close(): Promise<void>;
}

/**
 * A local HTTP server speaking the Graph API's documented shapes for
 * `POST /vNN.N/{phone_number_id}/messages`: sends answer like `response-send-success.json` with a
 * fresh wamid, mark-as-read answers `{ success: true }`, and scripted errors answer like
 * `response-error-130429.json`. Requests without a Bearer token get error 190. Media:
 * `GET /{media-id}`, its download URL and `POST /{phone-number-id}/media` (see `fake-graph-media.ts`).
 *
 * @example
 * const graph = await startFakeGraphApi();
 * graph.failNext(2, 'throughput');
 */
export async function startFakeGraphApi(options: { record?: boolean; checkSchema?: boolean } = {}): Promise<FakeGraphApi> {
  const record = options.record ?? true;
  // Off for benchmarks of other servers' bodies (Node-RED's omits `recipient_type`, which Meta defaults).
  const checkSchema = options.checkSchema ?? true;
  const requests: GraphRequest[] = [];
  const listeners: ((request: GraphRequest) => void)[] = [];
  const script: GraphError[] = [];
  let counter = 0;

  function reply(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  function errorBody(error: GraphError) {
    const e = typeof error === 'object' ? { ...error, details: error.message } : errors[error];
    return {
      status: e.httpStatus,
      code: e.code,
      body: {
        error: {
          message: e.message,
          type: 'OAuthException',
          code: e.code,
          error_data: { messaging_product: 'whatsapp', details: e.details },
          error_subcode: 2494055,
          fbtrace_id: `Az8or2yhqkZfEZ-${counter}`,
        },
      },
    };
  }

  function handle(req: IncomingMessage, res: ServerResponse, bytes: Buffer): void {
    if (media.handle(req, res, bytes) || templates.handle(req, res, bytes)) return;
    const raw = bytes.toString('utf8');
    const match = /^\/(v\d+\.\d+)\/([^/]+)\/messages$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) {
      reply(res, 404, { error: { message: 'Unknown path', code: 803 } });
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      reply(res, 400, { error: { message: '(#100) Invalid JSON', type: 'OAuthException', code: 100 } });
      return;
    }
    const authorization = req.headers.authorization;
    const base = { version: match[1] as string, phoneNumberId: match[2] as string, authorization, body, at: Date.now() };
    const done = (request: GraphRequest) => {
      if (record) requests.push(request);
      for (const listener of listeners) listener(request);
    };
    if (!authorization?.startsWith('Bearer ')) {
      reply(res, 401, { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } });
      done({ ...base, kind: 'send', answer: { code: 190, httpStatus: 401 } });
      return;
    }
    const violation = checkSchema ? metaSchemaViolation(body.status === 'read' ? 'readReceipt' : 'message', body) : undefined;
    if (violation) {
      const error = errorBody({ httpStatus: 400, code: 100, message: `(#100) Invalid parameter: ${violation}` });
      reply(res, error.status, error.body);
      done({ ...base, kind: body.status === 'read' ? 'read' : 'send', answer: { code: error.code, httpStatus: error.status } });
      return;
    }
    if (body.status === 'read') {
      reply(res, 200, { success: true });
      done({ ...base, kind: 'read', answer: { success: true } });
      return;
    }
    const unusable = media.unusableMediaId(body);
    if (unusable) {
      const error = errorBody({
        httpStatus: 400,
        code: 131053,
        message: `(#131053) Media upload error: media id ${unusable} is not valid`,
      });
      reply(res, error.status, error.body);
      done({ ...base, kind: 'send', answer: { code: error.code, httpStatus: error.status } });
      return;
    }
    const scripted = script.shift();
    if (scripted) {
      const error = errorBody(scripted);
      reply(res, error.status, error.body);
      done({ ...base, kind: 'send', answer: { code: error.code, httpStatus: error.status } });
      return;
    }
    counter += 1;
    const wamid = `wamid.${Buffer.from(`fake-graph-${process.pid}-${counter}`).toString('base64')}`;
    reply(res, 200, { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: wamid }] });
    done({ ...base, kind: 'send', answer: { wamid } });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const media = fakeGraphMedia(`http://127.0.0.1:${port}`, reply);
  const templates = fakeGraphTemplates(`http://127.0.0.1:${port}`, reply);

  return {
    url: `http://127.0.0.1:${port}/v25.0`,
    media,
    templates,
    requests,
    delivered: () => requests.filter((r) => r.kind === 'send' && 'wamid' in r.answer),
    failNext(count, error) {
      for (let i = 0; i < count; i += 1) script.push(error);
    },
    onRequest: (listener) => {
      listeners.push(listener);
    },
    reset() {
      requests.length = 0;
      script.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
