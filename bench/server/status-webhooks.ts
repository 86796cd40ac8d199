import type { FakeGraphApi } from '../../test/support/fake-graph-api';
import { postRawWebhook, signWebhook, webhookEnvelope } from '../../test/support/whatsapp-webhooks';

/** Statuses per webhook at most, and webhooks in flight at once. */
const BATCH = 50;
const CONCURRENCY = 8;

/**
 * Meta's side of a broadcast's delivery reports: every send the fake Graph API accepts gets a
 * `sent` and then a `delivered` status echoing its `biz_opaque_callback_data`, batched into
 * signed webhooks (as Meta batches them) with a bounded number in flight, so a server slower
 * than the statuses sees them queue rather than a flood of connections.
 */
export function statusWebhooks(graph: FakeGraphApi, url: string, appSecret: string, phoneNumberId: string) {
  const waiting: Record<string, unknown>[] = [];
  let inFlight = 0;
  let posted = 0;
  let refused = 0;
  const status = (kind: string, request: { answer: unknown; body: Record<string, unknown> }) => ({
    id: (request.answer as { wamid: string }).wamid,
    status: kind,
    timestamp: String(Math.floor(Date.now() / 1000)),
    recipient_id: request.body.to,
    ...(typeof request.body.biz_opaque_callback_data === 'string'
      ? { biz_opaque_callback_data: request.body.biz_opaque_callback_data }
      : {}),
  });
  const pump = () => {
    while (inFlight < CONCURRENCY && waiting.length > 0) {
      const statuses = waiting.splice(0, BATCH);
      const raw = JSON.stringify(webhookEnvelope(phoneNumberId, { statuses }));
      inFlight += 1;
      void postRawWebhook(url, raw, signWebhook(raw, appSecret))
        .then(
          (res) => {
            if (res.status === 200) posted += statuses.length;
            else refused += statuses.length;
          },
          () => {
            refused += statuses.length;
          },
        )
        .finally(() => {
          inFlight -= 1;
          pump();
        });
    }
  };
  graph.onRequest((request) => {
    if (request.kind !== 'send' || !('wamid' in request.answer)) return;
    waiting.push(status('sent', request), status('delivered', request));
    pump();
  });
  return { counts: () => ({ posted, refused, waiting: waiting.length }) };
}
