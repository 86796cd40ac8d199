import { inboundWebhook, postRawWebhook, signWebhook, type WebhookEnvelope } from '../support/whatsapp-webhooks';

export interface ApiAnswer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface ApiClient {
  get<T = unknown>(path: string): Promise<ApiAnswer<T>>;
  post<T = unknown>(path: string, body?: unknown): Promise<ApiAnswer<T>>;
  put<T = unknown>(path: string, body: unknown): Promise<ApiAnswer<T>>;
  patch<T = unknown>(path: string, body: unknown): Promise<ApiAnswer<T>>;
  delete<T = unknown>(path: string): Promise<ApiAnswer<T>>;
}

/** JSON over fetch with the bearer token; the answer's body parsed when it is JSON. */
export function apiClient(url: string, token?: string): ApiClient {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
    patch: (path, body) => call('PATCH', path, body),
    delete: (path) => call('DELETE', path),
  };
}

export const APP_SECRET = 'test-app-secret-0123456789';
export const PHONE_NUMBER_ID = '106540352242922';

/** A WhatsApp webhook body with one text message, as Meta sends it (reference inbound-text.json). */
export function whatsappText(options: { from: string; text: string; id: string; phoneNumberId?: string; name?: string }): WebhookEnvelope {
  const { from, id, name } = options;
  return inboundWebhook({
    id,
    from,
    name,
    phoneNumberId: options.phoneNumberId ?? PHONE_NUMBER_ID,
    message: { type: 'text', text: { body: options.text } },
  });
}

/** POSTs a webhook body signed with `appSecret`. */
export function postWebhook(url: string, body: unknown, appSecret = APP_SECRET): Promise<Response> {
  const raw = JSON.stringify(body);
  return postRawWebhook(url, raw, signWebhook(raw, appSecret));
}

/** Polls `check` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
