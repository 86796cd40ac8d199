export interface SseMessage {
  id?: string;
  event: string;
  data: unknown;
}

export interface SseClient {
  status: number;
  /** Every event received so far, in order. */
  events: SseMessage[];
  /** The first event from index `from` on that matches, waiting for it up to `timeoutMs`. */
  next(match: (event: SseMessage) => boolean, options?: { from?: number; timeoutMs?: number }): Promise<SseMessage>;
  /** Settles when the server ends the stream (or `close` is called). */
  ended: Promise<void>;
  close(): void;
}

/** Follows a server-sent events stream over fetch (as EventSource would), parsing each event's JSON data. */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const events: SseMessage[] = [];
  const waiters = new Set<() => void>();
  let ended = Promise.resolve();
  if (response.ok && response.body) {
    ended = (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = parseBlock(block);
            if (event) events.push(event);
          }
          for (const wake of waiters) wake();
        }
      } catch {
        // Aborted by close().
      }
      for (const wake of waiters) wake();
    })();
  }
  return {
    status: response.status,
    events,
    async next(match, options = {}) {
      const deadline = Date.now() + (options.timeoutMs ?? 10_000);
      for (;;) {
        const found = events.slice(options.from ?? 0).find(match);
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching event; got ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, Math.min(left, 250));
          function done() {
            clearTimeout(timer);
            waiters.delete(done);
            resolve();
          }
          waiters.add(done);
        });
      }
    },
    ended,
    close: () => abort.abort(),
  };
}

/**
 * Opens the live stream at `path` (e.g. `/api/inbox/events`) as the server's clients do: asks for
 * a single-use ticket with the bearer `token`, then follows `path?ticket=`.
 */
export async function openStream(url: string, path: string, token: string): Promise<SseClient> {
  const response = await fetch(`${url}/api/auth/stream-tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ stream: path }),
  });
  if (response.status !== 201) throw new Error(`stream ticket refused: ${response.status} ${await response.text()}`);
  const { ticket } = (await response.json()) as { ticket: string };
  return openSse(`${url}${path}?ticket=${encodeURIComponent(ticket)}`);
}

function parseBlock(block: string): SseMessage | undefined {
  let event = 'message';
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':') || line === '') continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'id') id = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return undefined;
  return { event, ...(id !== undefined ? { id } : {}), data: JSON.parse(data.join('\n')) };
}
