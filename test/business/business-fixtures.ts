import type { FlowDocument } from '@chatflow/engine';
import { type ApiClient, apiClient, PHONE_NUMBER_ID, postWebhook } from '../api/api-client';
import { type FakeAnthropicApi, startFakeAnthropicApi } from '../support/fake-anthropic-api';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { startServer, type TestServer } from '../support/start-server';
import { inboundWebhook } from '../support/whatsapp-webhooks';

export { APP_SECRET, eventually, PHONE_NUMBER_ID } from '../api/api-client';

/** The real server with a fake Graph API and a fake Anthropic API, and an admin API client. */
export interface BusinessWorld {
  server: TestServer;
  graph: FakeGraphApi;
  anthropic: FakeAnthropicApi;
  admin: ApiClient;
  /** Uploads a flow, publishes it and makes it the default for WhatsApp. */
  useFlow(document: FlowDocument): Promise<void>;
  /** Sends a customer message through the signed webhook. */
  say(from: string, message: CustomerMessage): Promise<void>;
  /** Texts of the messages delivered to a customer, in order (buttons and list rows appended in brackets). */
  sentTo(customer: string): string[];
  close(): Promise<void>;
}

export type CustomerMessage =
  | string
  | { tap: string; title?: string }
  | { cart: { product_retailer_id: string; quantity: number | string; item_price: number | string; currency: string }[] };

let counter = 0;

export async function startBusinessWorld(env: Record<string, string> = {}): Promise<BusinessWorld> {
  const graph = await startFakeGraphApi();
  const anthropic = await startFakeAnthropicApi();
  const server = await startServer({
    env: {
      WHATSAPP_GRAPH_URL: graph.url,
      WHATSAPP_ACCESS_TOKEN: 'business-access-token-123',
      WHATSAPP_APP_SECRET: 'test-app-secret-0123456789',
      ANTHROPIC_API_KEY: 'test-anthropic-key',
      ANTHROPIC_BASE_URL: anthropic.url,
      ...env,
    },
    // Business tests fill the catalog themselves and count what they imported.
    app: { exampleCatalog: false },
  });
  const admin = apiClient(server.url, server.adminToken);
  return {
    server,
    graph,
    anthropic,
    admin,
    async useFlow(document) {
      const created = await admin.post('/api/flows', { document });
      if (created.status !== 201) throw new Error(`flow upload failed: ${created.text}`);
      const published = await admin.post(`/api/flows/${document.id}/publish`);
      if (published.status !== 201) throw new Error(`publish failed: ${published.text}`);
      const made = await admin.post(`/api/flows/${document.id}/default`);
      if (made.status !== 204) throw new Error(`default failed: ${made.text}`);
    },
    async say(from, message) {
      counter += 1;
      const id = `wamid.business-${Date.now()}-${counter}`;
      const typed =
        typeof message === 'string'
          ? { type: 'text', text: { body: message } }
          : 'tap' in message
            ? {
                type: 'interactive',
                interactive: { type: 'button_reply', button_reply: { id: message.tap, title: message.title ?? message.tap } },
              }
            : { type: 'order', order: { catalog_id: 'catalog-1', text: 'my cart', product_items: message.cart } };
      const body = inboundWebhook({ id, from, phoneNumberId: PHONE_NUMBER_ID, message: typed });
      const response = await postWebhook(server.url, body);
      if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
    },
    sentTo(customer) {
      return graph
        .delivered()
        .filter((r) => r.body.to === customer)
        .map((r) => messageText(r.body));
    },
    async close() {
      await server.stop();
      await Promise.all([graph.close(), anthropic.close()]);
    },
  };
}

/** What a customer reads of a Graph send body. */
function messageText(body: Record<string, unknown>): string {
  const text = body.text as { body?: string } | undefined;
  if (text?.body) return text.body;
  const interactive = body.interactive as
    | { body?: { text?: string }; action?: { buttons?: { reply: { title: string } }[]; sections?: { rows: { title: string }[] }[] } }
    | undefined;
  if (interactive) {
    const options = [
      ...(interactive.action?.buttons?.map((b) => b.reply.title) ?? []),
      ...(interactive.action?.sections?.flatMap((s) => s.rows.map((r) => r.title)) ?? []),
    ];
    return `${interactive.body?.text ?? ''} [${options.join(' | ')}]`;
  }
  return JSON.stringify(body);
}

/** A flow document from nodes and `source:handle -> target` edges. */
export function flowOf(
  id: string,
  start: string,
  nodes: { id: string; type: string; data: Record<string, unknown> }[],
  edges: string[],
): FlowDocument {
  return {
    schemaVersion: 1,
    id,
    name: id,
    start,
    variables: [],
    nodes: nodes.map((node, i) => ({ ...node, version: 1, position: { x: 0, y: i * 150 } })),
    edges: edges.map((edge, i) => {
      const [from, target] = edge.split('->').map((part) => part.trim());
      const [source, sourceHandle] = (from ?? '').split(':');
      return { id: `e${i}`, source: source ?? '', sourceHandle: sourceHandle ?? 'next', target: target ?? '' };
    }),
  } as FlowDocument;
}
