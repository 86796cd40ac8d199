import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultRegistry } from '@chatflow/engine';
import { type ConversationService, createConversationService } from '@chatflow/server/src/conversation/conversation-service';
import { openStores } from '@chatflow/server/src/stores/open-stores';
import { createWhatsAppWebhook } from '@chatflow/server/src/webhook/whatsapp-webhook';
import { createWhatsAppChannel } from '@chatflow/server/src/whatsapp/whatsapp-channel';
import express from 'express';
import { benchFlow } from './bench-flow';
import { CountingDocumentStore } from './counting-document-store';
import { MemoryDocumentStore } from './memory-document-store';

export const SECRET = 'bench-app-secret-0123456789abcdef';

export interface PipelineOptions {
  redisUrl: string;
  graphUrl: string;
  dataDir: string;
  /** Documents in this process's memory instead of the embedded store in `dataDir`. */
  inMemory: boolean;
  /** 0 for a free port; in a node:cluster worker, the port the workers share. */
  port: number;
}

export interface PipelineServer {
  url: string;
  service: ConversationService;
  documents: CountingDocumentStore;
  close(): Promise<void>;
}

const quiet = { info: () => {}, warn: () => {}, error: (message: string, details?: unknown) => console.error(message, details) };

/**
 * The server's WhatsApp path as the app wires it (the stores `openStores` opens with REDIS_URL,
 * the conversation service, its webhook router, the WhatsApp channel), on the bench flow.
 */
export async function startPipeline(options: PipelineOptions): Promise<PipelineServer> {
  const stores = await openStores({ dataDir: options.dataDir, redisUrl: options.redisUrl });
  const documents = new CountingDocumentStore(options.inMemory ? new MemoryDocumentStore() : stores.documents);
  const channel = createWhatsAppChannel({ graphUrl: options.graphUrl, accessToken: () => 'bench-token' });
  const service = createConversationService({
    documents,
    sessions: stores.sessions,
    registry: defaultRegistry,
    flows: {
      flowFor: async () => ({ flowId: benchFlow.id, version: 1, document: benchFlow }),
      version: async () => ({ flowId: benchFlow.id, version: 1, document: benchFlow }),
    },
    channels: () => channel,
    ports: {},
    logger: quiet,
    // BENCH_WORKERS: conversations worked on at once (the service's default otherwise).
    options: process.env.BENCH_WORKERS ? { concurrency: Number(process.env.BENCH_WORKERS) } : {},
  });
  service.start();
  const app = express();
  app.use(
    createWhatsAppWebhook({
      accept: service.accept,
      records: service.records,
      number: async () => ({ workspaceId: 'bench' }),
      appSecret: SECRET,
      logger: quiet,
    }),
  );
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(options.port, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    service,
    documents,
    async close() {
      await service.stop();
      await new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await stores.close();
    },
  };
}
