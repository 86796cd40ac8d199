import type { FakeGraphApi } from './fake-graph-api';
import { postRawWebhook, signWebhook, webhookEnvelope } from './whatsapp-webhooks';

export interface MetaWebhooks {
  /** Signs and POSTs a webhook body; one not answered 200 (refused, reset, an error) is kept for `redeliver`. */
  deliver(body: unknown): Promise<boolean>;
  /** POSTs every webhook not acknowledged yet again, until each got its 200 or `ms` passed. */
  redeliver(ms?: number): Promise<void>;
  /** Webhooks sent and not acknowledged yet. */
  unacknowledged(): number;
}

/**
 * Meta's side of the webhook, as far as a crash test needs it: every webhook is signed and kept
 * until the server answers it 200, so a server that dies mid-load gets each unacknowledged one
 * again. Every message the fake Graph API accepts is answered, as Meta does, with a `sent` and
 * then a `delivered` status webhook that echoes the send's `biz_opaque_callback_data`.
 *
 * @example
 * const meta = createMetaWebhooks(graph, () => server.url, APP_SECRET);
 * await meta.deliver(inboundWebhook({ id: 'wamid.1', from, phoneNumberId, message }));
 */
export function createMetaWebhooks(graph: FakeGraphApi, url: () => string, appSecret: string): MetaWebhooks {
  const pending = new Set<string>();

  async function post(raw: string): Promise<boolean> {
    pending.add(raw);
    const answered = await postRawWebhook(url(), raw, signWebhook(raw, appSecret)).then(
      (res) => res.status === 200,
      () => false,
    );
    if (answered) pending.delete(raw);
    return answered;
  }

  graph.onRequest((request) => {
    if (request.kind !== 'send' || !('wamid' in request.answer)) return;
    const { wamid } = request.answer;
    const key = request.body.biz_opaque_callback_data;
    const status = (kind: 'sent' | 'delivered') =>
      JSON.stringify(
        webhookEnvelope(request.phoneNumberId, {
          statuses: [
            {
              id: wamid,
              status: kind,
              timestamp: String(Math.floor(Date.now() / 1000)),
              recipient_id: request.body.to,
              ...(typeof key === 'string' ? { biz_opaque_callback_data: key } : {}),
            },
          ],
        }),
      );
    setTimeout(() => void post(status('sent')).then(() => post(status('delivered'))), 5 + Math.random() * 20);
  });

  return {
    deliver: (body) => post(JSON.stringify(body)),
    async redeliver(ms = 10_000) {
      const deadline = Date.now() + ms;
      while (pending.size > 0 && Date.now() < deadline) {
        await Promise.all([...pending].map((raw) => post(raw)));
        if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    unacknowledged: () => pending.size,
  };
}
