import type { Problem } from '@chatflow/engine';
import { ApiError } from './api-error';

interface ErrorBody {
  error?: { message?: string; path?: string; problems?: Problem[] };
}

/**
 * Calls the server's REST API (docs/rest-api.md) with the admin token. Every failure is an
 * `ApiError`; a 401 also calls `onUnauthorized` so the app can ask for a token again.
 */
export class ApiClient {
  constructor(
    readonly token: string,
    private readonly onUnauthorized: () => void = () => {},
  ) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  /** A JSON body, or a file (a `Blob`) sent as it is, with its own content type. */
  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  delete(path: string): Promise<void> {
    return this.request<void>('DELETE', path);
  }

  /** The raw response of a GET (downloads), after the same error handling. */
  async download(path: string): Promise<Response> {
    return this.fetch('GET', path);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.fetch(method, path, body);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async fetch(method: string, path: string, body?: unknown): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers: {
          Authorization: `Bearer ${this.token}`,
          ...(body === undefined
            ? {}
            : { 'Content-Type': body instanceof Blob ? body.type || 'application/octet-stream' : 'application/json' }),
        },
        ...(body === undefined ? {} : { body: body instanceof Blob ? body : JSON.stringify(body) }),
      });
    } catch {
      throw new ApiError(0, 'The server could not be reached');
    }
    if (response.ok) return response;
    if (response.status === 401) this.onUnauthorized();
    const parsed = (await response.json().catch(() => ({}))) as ErrorBody;
    const message = parsed.error?.message ?? `${response.status} ${response.statusText}`.trim();
    throw new ApiError(response.status, message, parsed.error?.problems ?? []);
  }
}
