import type { Request, Response } from 'express';

/** One server-sent event: a name, a JSON payload and an id the client can resume from. */
export interface SseEvent {
  id: number;
  event: string;
  data: unknown;
}

/** An open `text/event-stream` response. */
export interface SseStream {
  send(event: SseEvent): void;
  close(): void;
  readonly closed: boolean;
  onClose(listener: () => void): void;
}

/**
 * Opens a server-sent events stream on a response: no buffering by proxies, a comment every
 * `heartbeatMs` so idle connections are not cut, closed when the client goes away.
 */
export function openSseStream(req: Request, res: Response, heartbeatMs = 15_000): SseStream {
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  // Tells EventSource how long to wait before reconnecting.
  res.write('retry: 1000\n\n');
  let closed = false;
  const listeners: (() => void)[] = [];
  const heartbeat = setInterval(() => {
    if (!res.writableEnded) res.write(': ping\n\n');
  }, heartbeatMs);
  heartbeat.unref();
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    for (const listener of listeners) listener();
    if (!res.writableEnded) res.end();
  };
  req.on('close', close);
  // The server may end the stream too (its session ended): then the response closes, not the request.
  res.on('close', close);
  return {
    send(event) {
      if (closed || res.writableEnded) return;
      res.write(`id: ${event.id}\nevent: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
    },
    close,
    get closed() {
      return closed;
    },
    onClose(listener) {
      listeners.push(listener);
    },
  };
}
