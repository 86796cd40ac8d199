import type { HttpPort } from '../runtime/ports';

/** Real HTTP from the terminal, so an HTTP node calls the API it names, within its timeout. */
export const fetchHttp: HttpPort = {
  async request({ method, url, headers, body, timeoutMs }) {
    const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }), signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json')) {
      try {
        parsed = JSON.parse(text);
      } catch {
        // A server that says JSON and sends something else: the node sees the raw text.
      }
    }
    return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: parsed };
  },
};
