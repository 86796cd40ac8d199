import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRegistry, type FlowDocument, type Registry } from '@chatflow/engine';
import type { Channel } from '@chatflow/server/src/conversation/channel';
import { type ConversationService, createConversationService } from '@chatflow/server/src/conversation/conversation-service';
import type { FlowSource } from '@chatflow/server/src/conversation/flow-source';
import type { Logger } from '@chatflow/server/src/conversation/logger';
import type { DocumentStore } from '@chatflow/server/src/ports/document-store';
import type { SessionStore } from '@chatflow/server/src/ports/session-store';
import { createRecords, type Records } from '@chatflow/server/src/records/records';
import { openStores, type Stores } from '@chatflow/server/src/stores/open-stores';
import { RedisSessionStore } from '@chatflow/server/src/stores/redis-session-store';
import { createWhatsAppWebhook } from '@chatflow/server/src/webhook/whatsapp-webhook';
import { createWhatsAppChannel } from '@chatflow/server/src/whatsapp/whatsapp-channel';
import express from 'express';
import { Redis } from 'ioredis';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { inboundWebhook, postRawWebhook, signWebhook, webhookEnvelope } from '../support/whatsapp-webhooks';

export const APP_SECRET = '0123456789abcdef0123456789abcdef';
export const VERIFY_TOKEN = 'meatyhamhock';
export const WORKSPACE = 'ws-test';
/** The business numbers of the reference examples. */
export const PHONE_NUMBER_ID = '106540352242922';
export const OTHER_PHONE_NUMBER_ID = '1122334455667';
export const CUSTOMER = '16505551234';

/** Which stores the pipeline runs on: Redis (with the embedded documents) or everything in-process. */
export type StoreKind = { kind: 'redis'; url: string } | { kind: 'in-process' };

export interface HarnessOptions {
  flows: FlowDocument[];
  registry?: Registry;
  /** Wraps the WhatsApp channel, e.g. to make a send hang like a crashed process. */
  wrapChannel?: (channel: Channel) => Channel;
  /** Wraps the session store of the service (not of the test's own reads). */
  wrapSessions?: (sessions: SessionStore) => SessionStore;
  lockTtlMs?: number;
  /** How long a resumed turn waits for a status of a message it may have sent (300 ms here). */
  statusWaitMs?: number;
  /** How long a turn works before the typing indicator shows (the service's 1 s by default). */
  typingAfterMs?: number;
  /** Business numbers with an app (and app secret) of their own. */
  appSecrets?: Record<string, string>;
}

export interface Harness {
  url: string;
  graph: FakeGraphApi;
  service: ConversationService;
  records: Records;
  sessions: SessionStore;
  documents: DocumentStore;
  clock: { now(): number; advance(ms: number): void };
  /** Ids of the events the webhook handed to \`accept\`, in the order of the calls (arrival order). */
  arrivals: string[];
  /** POSTs a webhook body, signed with the app secret unless `signature` says otherwise. */
  post(body: unknown, options?: { signature?: string | null; raw?: boolean }): Promise<Response>;
  /**
   * Starts a new service as a restarted process would: on the same stores, reopened from their
   * data (the in-process store replays its log, Redis keeps its keys). A crashed service is not
   * stopped: its turn in flight never finishes and its lock runs out.
   */
  restart(options?: Pick<HarnessOptions, 'wrapChannel' | 'wrapSessions'>, stopOld?: 'graceful' | 'crash'): Promise<void>;
  /** Starts a second server process on the same Redis; webhooks then alternate between the two. */
  addProcess(): Promise<ConversationService>;
  close(): Promise<void>;
}

const quiet: Logger = { info: () => {}, warn: () => {}, error: (message, details) => console.error(message, details) };

/** A flow source over a fixed list: the first flow is the channel's, every flow is published as version 1. */
export function fixedFlows(flows: FlowDocument[]): FlowSource {
  const ref = (document: FlowDocument) => ({ flowId: document.id, version: 1, document });
  return {
    flowFor: async () => (flows[0] ? ref(flows[0]) : undefined),
    version: async (_workspaceId, flowId, version) => {
      const document = flows.find((f) => f.id === flowId);
      return document && (version === undefined || version === 1) ? ref(document) : undefined;
    },
  };
}

async function flush(url: string): Promise<void> {
  const redis = new Redis(url);
  await redis.flushall();
  redis.disconnect();
}

/**
 * The full pipeline on a real HTTP server: the webhook router and the conversation service over
 * real stores (Redis via the test harness, the embedded document store in a temp folder), sending
 * through the WhatsApp channel to the fake Graph API.
 */
export async function startHarness(store: StoreKind, options: HarnessOptions): Promise<Harness> {
  const graph = await startFakeGraphApi();
  const dir = await mkdtemp(join(tmpdir(), 'chatflow-pipeline-'));
  if (store.kind === 'redis') await flush(store.url);
  const open = () => openStores({ dataDir: dir, ...(store.kind === 'redis' ? { redisUrl: store.url } : {}) });
  let stores: Stores = await open();
  let records = createRecords(stores.documents);
  let offset = 0;
  const clock = {
    now: () => Date.now() + offset,
    advance: (ms: number) => {
      offset += ms;
    },
  };
  const flows = fixedFlows(options.flows);
  const arrivals: string[] = [];

  function makeService(wrap: Pick<HarnessOptions, 'wrapChannel' | 'wrapSessions'>, sessions = stores.sessions): ConversationService {
    const whatsapp = createWhatsAppChannel({
      graphUrl: graph.url,
      accessToken: () => 'test-access-token',
      clock: clock.now,
      retry: { attempts: 4, baseDelayMs: 5, maxDelayMs: 50 },
    });
    const channel = wrap.wrapChannel ? wrap.wrapChannel(whatsapp) : whatsapp;
    return createConversationService({
      documents: stores.documents,
      sessions: wrap.wrapSessions ? wrap.wrapSessions(sessions) : sessions,
      registry: options.registry ?? defaultRegistry,
      flows,
      channels: () => channel,
      ports: {},
      clock: clock.now,
      logger: quiet,
      records,
      // A failing turn is tried three times, 10 then 40 ms apart, before it is parked.
      options: {
        pollMs: 20,
        timerPollMs: 20,
        lockTtlMs: options.lockTtlMs ?? 2_000,
        statusWaitMs: options.statusWaitMs ?? 300,
        ...(options.typingAfterMs !== undefined ? { typingAfterMs: options.typingAfterMs } : {}),
        retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
      },
    });
  }

  let service = makeService(options);
  const others: ConversationService[] = [];
  const otherSessions: SessionStore[] = [];
  let turn = 0;
  service.start();
  const app = express();
  app.use(
    createWhatsAppWebhook({
      accept: (events) => {
        // The service is replaced on restart; the router always hands events to the current one.
        arrivals.push(...events.map((e) => e.id));
        // With a second process, webhooks alternate between the two, as behind a load balancer.
        turn += 1;
        return (others.length > 0 && turn % 2 === 0 ? (others[0] as ConversationService) : service).accept(events);
      },
      records: {
        get messages() {
          return records.messages;
        },
        get audit() {
          return records.audit;
        },
      },
      number: async (phoneNumberId) => {
        if (![PHONE_NUMBER_ID, OTHER_PHONE_NUMBER_ID].includes(phoneNumberId)) return undefined;
        const own = options.appSecrets?.[phoneNumberId];
        return { workspaceId: WORKSPACE, ...(own ? { appSecret: own } : {}) };
      },
      reengage: (workspaceId, providerMessageId) => service.reengage(workspaceId, providerMessageId),
      statusSeen: (happenedAt) => service.statusSeen(happenedAt),
      receiving: () => service.webhookReceiving(),
      appSecrets: async () => Object.values(options.appSecrets ?? {}),
      appSecret: APP_SECRET,
      verifyToken: VERIFY_TOKEN,
      clock: clock.now,
      logger: quiet,
    }),
  );
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    graph,
    get service() {
      return service;
    },
    get records() {
      return records;
    },
    get sessions() {
      return stores.sessions;
    },
    get documents() {
      return stores.documents;
    },
    clock,
    arrivals,
    async post(body, postOptions = {}) {
      const raw = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
      const signature = postOptions.signature === undefined ? signWebhook(raw, APP_SECRET) : postOptions.signature;
      return postRawWebhook(url, raw, signature);
    },
    async restart(wrap = {}, stopOld = 'graceful') {
      if (stopOld === 'graceful') await service.stop();
      else void service.stop();
      await stores.close();
      stores = await open();
      records = createRecords(stores.documents);
      service = makeService(wrap);
      service.start();
    },
    async addProcess() {
      if (store.kind !== 'redis') throw new Error('a second process needs shared stores (Redis)');
      // Its own Redis connection; the document store stands in for a shared MongoDB.
      const sessions = new RedisSessionStore(new Redis(store.url));
      otherSessions.push(sessions);
      const other = makeService(options, sessions);
      other.start();
      others.push(other);
      return other;
    },
    async close() {
      for (const other of others) await other.stop();
      for (const sessions of otherSessions) await sessions.close();
      void service.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await graph.close();
      await stores.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A WhatsApp webhook body with one message from the customer, as Meta sends it. */
export function inbound(
  id: string,
  message: Record<string, unknown>,
  from = CUSTOMER,
  phoneNumberId = PHONE_NUMBER_ID,
): Record<string, unknown> {
  return inboundWebhook({ id, from, phoneNumberId, message });
}

export const text = (id: string, body: string, from?: string) => inbound(id, { type: 'text', text: { body } }, from);

/** A status webhook for a message the bot sent. */
export function statusUpdate(wamid: string, status: string, errors?: unknown[]): Record<string, unknown> {
  return webhookEnvelope(PHONE_NUMBER_ID, {
    statuses: [{ id: wamid, status, timestamp: '1751142888', recipient_id: CUSTOMER, ...(errors ? { errors } : {}) }],
  });
}

/** What the customer received, in order, as readable lines. */
export function received(graph: FakeGraphApi, to = CUSTOMER): string[] {
  return graph.delivered().flatMap((request) => {
    const body = request.body as Record<string, unknown> & { to?: string; type?: string };
    if (body.to !== to) return [];
    if (body.type === 'text') return [(body.text as { body: string }).body];
    if (body.type === 'interactive')
      return [
        `[${(body.interactive as { type: string; body: { text: string } }).type}] ${(body.interactive as { body: { text: string } }).body.text}`,
      ];
    if (body.type === 'template') return [`[template] ${(body.template as { name: string }).name}`];
    return [`[${body.type}]`];
  });
}

/** Waits until `check` holds (polling), failing after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Both kinds of stores the pipeline must run on, for `describe.each`; Redis is started by the test file. */
export function storeKinds(redisUrl: () => string): [string, () => StoreKind][] {
  return [
    ['Redis', () => ({ kind: 'redis', url: redisUrl() })],
    ['in-process stores', () => ({ kind: 'in-process' })],
  ];
}
