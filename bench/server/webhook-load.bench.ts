// `pnpm bench` (or `pnpm bench server`): signed WhatsApp webhooks for many concurrent
// conversations through the whole path (Express webhook router, dedup, Redis queue and turn lock,
// engine, embedded document store, WhatsApp channel to a fake Graph API), against a bare Express
// handler taking the same payloads as the ceiling. Everything runs on 127.0.0.1. The main figures
// are one server process; a last configuration runs two (node:cluster), as a 2-core host would.
import { fork } from 'node:child_process';
import cluster, { type Worker } from 'node:cluster';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import { Redis } from 'ioredis';
import { startRedisServer } from '../../test/support/redis-server';
import type { WorkerCommand, WorkerReply } from './cluster-worker';
import type { RunCommand, RunResult } from './load-generator';
import { SECRET, startPipeline } from './pipeline-server';

const PHONE_NUMBER_ID = '106540352242922';
const PIPELINE_MS = Number(process.env.BENCH_PIPELINE_MS ?? 5_000);
const BARE_MS = Number(process.env.BENCH_BARE_MS ?? 3_000);
const WARMUP_MS = 1_000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 100);
const AIM = { rate: 1_500, ackP99Ms: 50, bytesPerConversation: 2_048 };

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

  /** Figures of one measured run, as printed lines. */
  function report(
    label: string,
    result: RunResult,
    measured: { cpuMs: number; redisCpuMs: number; bytesPerConversation: number; writes: string; loop?: IntervalHistogram },
  ): string[] {
    const cpuPer = (ms: number) => `${(ms / result.messages).toFixed(2)} ms`;
    const loop = measured.loop
      ? `; server event loop delay p99 ${(measured.loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(measured.loop.max / 1e6).toFixed(1)} ms`
      : '';
    return [
      `server [${label}]: ${result.messages.toLocaleString('en-US')} inbound messages in ${(result.elapsedMs / 1000).toFixed(1)} s from ${result.conversations.toLocaleString('en-US')} conversations, ${result.errors} errors`,
      `server [${label}]: end to end ${Math.round(rate(result)).toLocaleString('en-US')} messages/s (aim ≥ ${AIM.rate.toLocaleString('en-US')}, ${((rate(result) / rate(ceiling)) * 100).toFixed(0)}% of the bare ceiling); CPU per message: server ${cpuPer(measured.cpuMs)}, Redis ${cpuPer(measured.redisCpuMs)}, load generator and fake Graph API ${cpuPer(result.cpuMs)}`,
      `server [${label}]: webhook ack p50 ${percentile(result.ackMs, 50).toFixed(1)} ms, p99 ${percentile(result.ackMs, 99).toFixed(1)} ms (aim < ${AIM.ackP99Ms} ms); first reply p50 ${percentile(result.replyMs, 50).toFixed(1)} ms, p99 ${percentile(result.replyMs, 99).toFixed(1)} ms${loop}`,
      `server [${label}]: Redis ${Math.round(measured.bytesPerConversation).toLocaleString('en-US')} bytes per conversation (aim < ${AIM.bytesPerConversation.toLocaleString('en-US')}); document writes per message ${measured.writes}`,
    ];
  }

  /** One configuration of the pipeline in this process: the service and its webhook on a fresh Redis, measured. */
  async function measure(label: string, inMemory: boolean, runId: string): Promise<string[]> {
    await probe.flushall();
    const pipeline = await startPipeline({
      redisUrl: redisServer.url,
      graphUrl: graphUrl as string,
      dataDir: join(dir, runId),
      inMemory,
      port: 0,
    });
    try {
      // A short warm-up (JIT, connections, the flow's compilation), not counted.
      await run({ url: pipeline.url, mode: 'pipeline', durationMs: WARMUP_MS, runId: `${runId}9` });
      await pipeline.service.idle();
      const before = await usedMemory(probe);
      pipeline.documents.take();
      const loop = monitorEventLoopDelay({ resolution: 5 });
      loop.enable();
      const cpuBefore = process.cpuUsage();
      const redisBefore = await redisCpuMs(probe);
      const result = await run({ url: pipeline.url, mode: 'pipeline', durationMs: PIPELINE_MS, runId });
      const cpu = process.cpuUsage(cpuBefore);
      loop.disable();
      const redisCpu = (await redisCpuMs(probe)) - redisBefore;
      await pipeline.service.idle();
      const writes = pipeline.documents.take();
      const after = await usedMemory(probe);
      return report(label, result, {
        cpuMs: (cpu.user + cpu.system) / 1000,
        redisCpuMs: redisCpu,
        bytesPerConversation: (after - before) / result.conversations,
        writes: `${(writes.total / result.messages).toFixed(2)} (${writes.byCollection})`,
        loop,
      });
    } finally {
      await pipeline.close();
    }
  }

  /**
   * The pipeline as two server processes (node:cluster, one port) on the same Redis. Each process
   * keeps its documents in its own memory, standing in for the MongoDB they would share (the
   * embedded store serves one process); CPU is the sum of both.
   */
  async function measureCluster(label: string, runId: string): Promise<string[]> {
    await probe.flushall();
    cluster.setupPrimary({ exec: fileURLToPath(new URL('./cluster-worker.ts', import.meta.url)), execArgv: ['--import', 'tsx'] });
    const workers = [0, 1].map((n) =>
      cluster.fork({
        BENCH_REDIS_URL: redisServer.url,
        BENCH_GRAPH_URL: graphUrl,
        BENCH_DATA_DIR: join(dir, `${runId}-${n}`),
        BENCH_PORT: '0',
      }),
    );
    const ask = (worker: Worker, command: WorkerCommand | undefined, answer: WorkerReply['kind']) =>
      new Promise<WorkerReply>((resolve) => {
        const listener = (reply: WorkerReply) => {
          if (reply.kind !== answer) return;
          worker.off('message', listener);
          resolve(reply);
        };
        worker.on('message', listener);
        if (command) worker.send(command);
      });
    const ready = await Promise.all(workers.map((worker) => ask(worker, undefined, 'ready')));
    const url = (ready[0] as Extract<WorkerReply, { kind: 'ready' }>).url;
    const all = async (command: WorkerCommand, answer: WorkerReply['kind']) =>
      Promise.all(workers.map((worker) => ask(worker, command, answer)));
    try {
      await run({ url, mode: 'pipeline', durationMs: WARMUP_MS, runId: `${runId}9` });
      await all({ kind: 'idle' }, 'idle');
      const before = await usedMemory(probe);
      await all({ kind: 'start-measure' }, 'started');
      const redisBefore = await redisCpuMs(probe);
      const result = await run({ url, mode: 'pipeline', durationMs: PIPELINE_MS, runId });
      const measured = (await all({ kind: 'stop-measure' }, 'measured')) as Extract<WorkerReply, { kind: 'measured' }>[];
      const redisCpu = (await redisCpuMs(probe)) - redisBefore;
      await all({ kind: 'idle' }, 'idle');
      const after = await usedMemory(probe);
      const writes = measured.reduce((sum, m) => sum + m.writes, 0);
      return report(label, result, {
        cpuMs: measured.reduce((sum, m) => sum + m.cpuMs, 0),
        redisCpuMs: redisCpu,
        bytesPerConversation: (after - before) / result.conversations,
        writes: (writes / result.messages).toFixed(2),
      });
    } finally {
      await all({ kind: 'close' }, 'closed');
    }
  }

  const rate = (r: RunResult) => (r.messages / r.elapsedMs) * 1000;
  let ceiling: RunResult = { mode: 'bare', messages: 0, errors: 0, elapsedMs: 1, conversations: 0, ackMs: [], replyMs: [], cpuMs: 0 };
  try {
    ceiling = await run({ url: bare.url, mode: 'bare', durationMs: BARE_MS, runId: '8' });
    console.log(
      `server: ${CONCURRENCY} customers at once, 3 messages each, 2 replies per message; bare Express on the same payloads: ${Math.round(rate(ceiling)).toLocaleString('en-US')} messages/s, ack p99 ${percentile(ceiling.ackMs, 99).toFixed(1)} ms`,
    );
    // BENCH_ONLY=embedded|memory|cluster runs one configuration (for profiling).
    const only = process.env.BENCH_ONLY;
    if (!only || only === 'embedded') for (const line of await measure('Redis + embedded documents', false, '7')) console.log(line);
    if (!only || only === 'memory') for (const line of await measure('Redis + documents in memory', true, '6')) console.log(line);
    if (!only || only === 'cluster') {
      for (const line of await measureCluster('Redis + documents in memory, 2 processes', '5')) console.log(line);
    }
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
