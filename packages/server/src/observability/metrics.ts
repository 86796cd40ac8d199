import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** The server's Prometheus metrics, on a registry of their own (so apps in one test process never clash). */
export interface Metrics {
  readonly registry: Registry;
  /** Webhook requests by HTTP method and answer status. */
  readonly webhookRequests: Counter<'method' | 'status'>;
  /** Time from a webhook request arriving to its answer: what Meta waits for. */
  readonly webhookAckSeconds: Histogram<'method'>;
  /** Customer messages accepted, by channel kind. */
  readonly messagesIn: Counter<'channel'>;
  /** Messages carried to customers, by channel kind and result (`sent`, `skipped`, `failed`). */
  readonly messagesOut: Counter<'channel' | 'result'>;
  /** Sends that failed for good, by channel kind and provider error code. */
  readonly sendFailures: Counter<'channel' | 'code'>;
  /** Conversations with inbound events waiting to be processed, read when scraped. */
  readonly queueDepth: Gauge;
  /** Sets where `queueDepth` is read from. */
  measureQueueDepth(read: () => Promise<number>): void;
}

/**
 * Creates the metrics, with Node's default process metrics.
 *
 * @example
 * const metrics = createMetrics();
 * app.get('/metrics', async (_req, res) => res.type(metrics.registry.contentType).send(await metrics.registry.metrics()));
 */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'chatflow_' });
  let readDepth: () => Promise<number> = async () => 0;
  const registers = [registry];
  return {
    registry,
    webhookRequests: new Counter({
      name: 'chatflow_webhook_requests_total',
      help: 'WhatsApp webhook requests by method and answer status',
      labelNames: ['method', 'status'],
      registers,
    }),
    webhookAckSeconds: new Histogram({
      name: 'chatflow_webhook_ack_seconds',
      help: 'Seconds from a webhook request arriving to its answer',
      labelNames: ['method'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    messagesIn: new Counter({
      name: 'chatflow_messages_in_total',
      help: 'Customer messages accepted, by channel',
      labelNames: ['channel'],
      registers,
    }),
    messagesOut: new Counter({
      name: 'chatflow_messages_out_total',
      help: 'Messages carried to customers, by channel and result',
      labelNames: ['channel', 'result'],
      registers,
    }),
    sendFailures: new Counter({
      name: 'chatflow_send_failures_total',
      help: 'Sends that failed for good, by channel and provider error code',
      labelNames: ['channel', 'code'],
      registers,
    }),
    queueDepth: new Gauge({
      name: 'chatflow_queue_depth',
      help: 'Conversations with inbound events waiting to be processed',
      registers,
      async collect() {
        this.set(await readDepth());
      },
    }),
    measureQueueDepth(read) {
      readDepth = read;
    },
  };
}
