import { ApiError } from './api-error';

/** What the builder needs of the browser's EventSource (so tests can hand in a fake). */
export interface EventStream {
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

/** How long to wait before asking again for a stream that closed. */
const REOPEN_MS = 1000;

/**
 * An EventSource on a stream the server opens only with a single-use ticket (`url` asks for one
 * each time). The browser reconnects a dropped EventSource by itself, but with the same URL, whose
 * ticket is spent: the server refuses it and the source closes for good. This then opens a new
 * one with a fresh ticket. It stops once the session is over (asking for a ticket answers 401:
 * the API client then asks the user to sign in again).
 *
 * @example
 * const source = new TicketedEventSource(() => inbox.eventsUrl());
 * source.addEventListener('waiting', (event) => ...);
 */
export class TicketedEventSource implements EventStream {
  private source: EventSource | undefined;
  private closed = false;
  private readonly listeners: [string, (event: Event) => void][] = [];

  constructor(
    private readonly url: () => Promise<string>,
    private readonly open: (url: string) => EventSource = (url) => new EventSource(url),
  ) {
    void this.connect();
  }

  addEventListener(type: string, listener: (event: Event) => void): void {
    this.listeners.push([type, listener]);
    this.source?.addEventListener(type, listener);
  }

  close(): void {
    this.closed = true;
    this.source?.close();
  }

  private async connect(): Promise<void> {
    let url: string;
    try {
      url = await this.url();
    } catch (error) {
      this.emit('error');
      if (!(error instanceof ApiError && error.status === 401)) this.reopenLater();
      return;
    }
    if (this.closed) return;
    const source = this.open(url);
    this.source = source;
    for (const [type, listener] of this.listeners) source.addEventListener(type, listener);
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED && source === this.source) this.reopenLater();
    });
  }

  private reopenLater(): void {
    if (!this.closed) setTimeout(() => void this.connect(), REOPEN_MS);
  }

  private emit(type: string): void {
    for (const [listening, listener] of this.listeners) if (listening === type) listener(new Event(type));
  }
}

/** The URL of one opening of the stream at `path`, with a fresh ticket. */
export async function ticketUrl(client: { post<T>(path: string, body?: unknown): Promise<T> }, path: string): Promise<string> {
  const { ticket } = await client.post<{ ticket: string }>('/api/auth/stream-tickets', { stream: path });
  return `${path}?ticket=${encodeURIComponent(ticket)}`;
}
