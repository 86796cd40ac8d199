// `pnpm bench` (or `pnpm bench server`): signed WhatsApp webhooks for many concurrent
// conversations through the whole path (Express webhook router, dedup, Redis queue and turn lock,
// engine, embedded document store, WhatsApp channel to a fake Graph API), against a bare Express
// handler taking the same payloads as the ceiling. Everything runs on 127.0.0.1.
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { defaultRegistry } from '@chatflow/engine';
import { createConversationService } from '@chatflow/server/src/conversation/conversation-service';
import { openStores } from '@chatflow/server/src/stores/open-stores';
import { createWhatsAppWebhook } from '@chatflow/server/src/webhook/whatsapp-webhook';
import { createWhatsAppChannel } from '@chatflow/server/src/whatsapp/whatsapp-channel';
import express, { type Express } from 'express';
import { Redis } from 'ioredis';
import { startRedisServer } from '../../test/support/redis-server';
import { benchFlow } from './bench-flow';
import { CountingDocumentStore } from './counting-document-store';
import type { RunCommand, RunResult } from './load-generator';
import { MemoryDocumentStore } from './memory-document-store';

const SECRET = 'bench-app-secret-0123456789abcdef';
const PHONE_NUMBER_ID = '106540352242922';
const PIPELINE_MS = Number(process.env.BENCH_PIPELINE_MS ?? 5_000);
const BARE_MS = Number(process.env.BENCH_BARE_MS ?? 3_000);
const WARMUP_MS = 1_000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 100);
const AIM = { rate: 1_500, ackP99Ms: 50, bytesPerConversation: 2_048 };

const quiet = { info: () => {}, warn: () => {}, error: (message: string, details?: unknown) => console.error(message, details) };

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function listen(app: Express): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

/** CPU ms the Redis server has used so far. */
async function redisCpuMs(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return (field('used_cpu_user') + field('used_cpu_sys')) * 1000;
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? Number.NaN);
}

async function main(): Promise<void> {
  const redisServer = await startRedisServer();
  const dir = await mkdtemp(join(tmpdir(), 'chatflow-bench-'));
  const generator = fork(new URL('./load-generator.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const messages: { ready?: boolean; graphUrl?: string; result?: RunResult }[] = [];
  const next = () =>
    new Promise<(typeof messages)[number]>((resolve) => {
      const queued = messages.shift();
      if (queued) resolve(queued);
      else generator.once('message', (m: (typeof messages)[number]) => resolve(m));
    });
  const { graphUrl } = await next();
  const run = async (command: Omit<RunCommand, 'secret' | 'phoneNumberId' | 'concurrency'>): Promise<RunResult> => {
    generator.send({ ...command, secret: SECRET, phoneNumberId: PHONE_NUMBER_ID, concurrency: CONCURRENCY });
    const { result } = await next();
    if (!result) throw new Error('the load generator answered without a result');
    return result;
  };

  const probe = new Redis(redisServer.url);
  const bareApp = express();
  bareApp.post('/webhooks/whatsapp', express.raw({ type: () => true, limit: '4mb' }), (_req, res) => {
    res.status(200).send('OK');
  });
  const bare = await listen(bareApp);

  /** One configuration of the pipeline: the service and its webhook on a fresh Redis, measured. */
  async function measure(label: string, inMemory: boolean, runId: string): Promise<string[]> {
    await probe.flushall();
    // The stores as the server opens them (REDIS_URL set, embedded documents in DATA_DIR).
    const stores = await openStores({ dataDir: join(dir, runId), redisUrl: redisServer.url });
    const documents = new CountingDocumentStore(inMemory ? new MemoryDocumentStore() : stores.documents);
    const sessions = stores.sessions;
    const channel = createWhatsAppChannel({ graphUrl: graphUrl as string, accessToken: () => 'bench-token' });
    const service = createConversationService({
      documents,
      sessions,
      registry: defaultRegistry,
      flows: {
        flowFor: async () => ({ flowId: benchFlow.id, version: 1, document: benchFlow }),
        version: async () => ({ flowId: benchFlow.id, version: 1, document: benchFlow }),
      },
      channels: () => channel,
      ports: {},
      logger: quiet,
      options: { concurrency: Number(process.env.BENCH_WORKERS ?? 64) },
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
    const pipeline = await listen(app);
    try {
      // A short warm-up (JIT, connections, the flow's compilation), not counted.
      await run({ url: pipeline.url, mode: 'pipeline', durationMs: WARMUP_MS, runId: `${runId}9` });
      await service.idle();
      const before = await usedMemory(probe);
      documents.take();
      const loop = monitorEventLoopDelay({ resolution: 5 });
      loop.enable();
      const cpuBefore = process.cpuUsage();
      const redisBefore = await redisCpuMs(probe);
      const result = await run({ url: pipeline.url, mode: 'pipeline', durationMs: PIPELINE_MS, runId });
      const cpu = process.cpuUsage(cpuBefore);
      loop.disable();
      const redisCpu = (await redisCpuMs(probe)) - redisBefore;
      await service.idle();
      const writes = documents.take();
      const after = await usedMemory(probe);
      const perConversation = (after - before) / result.conversations;
      const cpuPer = (total: number, unitsPerMs: number) => `${(total / unitsPerMs / result.messages).toFixed(2)} ms`;
      return [
        `server [${label}]: ${result.messages.toLocaleString('en-US')} inbound messages in ${(result.elapsedMs / 1000).toFixed(1)} s from ${result.conversations.toLocaleString('en-US')} conversations, ${result.errors} errors`,
        `server [${label}]: end to end ${Math.round(rate(result)).toLocaleString('en-US')} messages/s (aim ≥ ${AIM.rate.toLocaleString('en-US')}, ${((rate(result) / rate(ceiling)) * 100).toFixed(0)}% of the bare ceiling); CPU per message: server ${cpuPer(cpu.user + cpu.system, 1000)}, Redis ${cpuPer(redisCpu, 1)}, load generator and fake Graph API ${cpuPer(result.cpuMs, 1)}`,
        `server [${label}]: webhook ack p50 ${percentile(result.ackMs, 50).toFixed(1)} ms, p99 ${percentile(result.ackMs, 99).toFixed(1)} ms (aim < ${AIM.ackP99Ms} ms); first reply p50 ${percentile(result.replyMs, 50).toFixed(1)} ms, p99 ${percentile(result.replyMs, 99).toFixed(1)} ms; server event loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms`,
        `server [${label}]: Redis ${Math.round(perConversation).toLocaleString('en-US')} bytes per conversation (aim < ${AIM.bytesPerConversation.toLocaleString('en-US')}); document writes per message ${(writes.total / result.messages).toFixed(2)} (${writes.byCollection})`,
      ];
    } finally {
      await service.stop();
      await new Promise((resolve) => pipeline.server.close(resolve));
      pipeline.server.closeAllConnections();
      await stores.close();
    }
  }

  const rate = (r: RunResult) => (r.messages / r.elapsedMs) * 1000;
  let ceiling: RunResult = { mode: 'bare', messages: 0, errors: 0, elapsedMs: 1, conversations: 0, ackMs: [], replyMs: [], cpuMs: 0 };
  try {
    ceiling = await run({ url: bare.url, mode: 'bare', durationMs: BARE_MS, runId: '8' });
    console.log(
      `server: ${CONCURRENCY} customers at once, 3 messages each, 2 replies per message; bare Express on the same payloads: ${Math.round(rate(ceiling)).toLocaleString('en-US')} messages/s, ack p99 ${percentile(ceiling.ackMs, 99).toFixed(1)} ms`,
    );
    // BENCH_ONLY=embedded|memory runs one configuration (for profiling).
    const only = process.env.BENCH_ONLY;
    if (only !== 'memory') for (const line of await measure('Redis + embedded documents', false, '7')) console.log(line);
    if (only !== 'embedded') for (const line of await measure('Redis + documents in memory', true, '6')) console.log(line);
  } finally {
    generator.disconnect();
    await new Promise((resolve) => bare.server.close(resolve));
    bare.server.closeAllConnections();
    probe.disconnect();
    await redisServer.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
