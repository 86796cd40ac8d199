// `pnpm bench media`: the real server as its own process (as `pnpm start` runs it) against a local
// fake Graph API that serves 10 MB customer documents. Text conversations (signed webhooks to a
// menu bot) arrive at a steady rate; their webhook ack latency is measured first with no media
// download running, then while 20 customers' 10 MB documents are being downloaded at all times
// (each finished download is replaced by a new customer's document). Exits non-zero only when
// something is broken (a webhook not answered 200, a lost reply); the aim is reported.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { APP_SECRET, PHONE_NUMBER_ID, postWebhook } from '../../test/api/api-client';
import { supportFlow } from '../../test/server/flows';
import { startFakeGraphApi } from '../../test/support/fake-graph-api';
import { freePort } from '../../test/support/redis-server';
import { startServerProcess } from '../../test/support/server-process';
import { inboundWebhook } from '../../test/support/whatsapp-webhooks';

const RATE = Number(process.env.BENCH_RATE ?? 40); // text messages per second
const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 5_000);
const DOWNLOADS = 20;
const MEDIA_BYTES = 10 * 1024 * 1024;
const AIM_P99_MS = 100;
/** The support flow answers a first message with a greeting and its menu. */
const REPLIES_PER_CONVERSATION = 2;

/**
 * CPU time (ms) the server's main thread (its id is the process id) has used so far, from Linux's
 * /proc; what the downloads cost the thread that answers webhooks, whatever else the machine runs.
 */
async function mainThreadCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/task/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime (fields 14 and 15), in clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const graph = await startFakeGraphApi();
  const dataDir = await mkdtemp(join(tmpdir(), 'chatflow-media-bench-'));
  const adminToken = randomBytes(24).toString('hex');
  const server = await startServerProcess({
    PORT: String(await freePort()),
    DATA_DIR: dataDir,
    ADMIN_TOKEN: adminToken,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_ACCESS_TOKEN: 'bench-token',
    WHATSAPP_GRAPH_URL: graph.url,
    LOG_LEVEL: 'warn',
  });
  const problems: string[] = [];
  try {
    const api = (path: string, body?: unknown) =>
      fetch(`${server.url}/api${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const imported = (await (await api('/flows/import', supportFlow)).json()) as { id: string };
    await api(`/flows/${imported.id}/publish`);
    await api(`/flows/${imported.id}/default`);

    const replies = new Map<string, number>();
    const onReply = new Map<string, () => void>();
    graph.onRequest((request) => {
      if (request.kind !== 'send') return;
      const to = String(request.body.to);
      const count = (replies.get(to) ?? 0) + 1;
      replies.set(to, count);
      if (count === REPLIES_PER_CONVERSATION) onReply.get(to)?.();
    });
    let sequence = 0;
    const answered = (from: string) => new Promise<void>((resolve) => onReply.set(from, resolve));
    /** One signed webhook; resolves with its ack time in ms. */
    async function deliver(from: string, message: Record<string, unknown>): Promise<number> {
      sequence += 1;
      const body = inboundWebhook({ id: `wamid.bench.${sequence}`, from, phoneNumberId: PHONE_NUMBER_ID, message });
      const started = performance.now();
      const response = await postWebhook(server.url, body);
      const ms = performance.now() - started;
      if (response.status !== 200) problems.push(`a webhook was answered ${response.status}`);
      return ms;
    }

    /** Text conversations at RATE per second for PHASE_MS; ack times, and every reply awaited. */
    async function textLoad(label: string): Promise<number[]> {
      const acks: number[] = [];
      const pending: Promise<void>[] = [];
      const total = Math.round((RATE * PHASE_MS) / 1000);
      const start = performance.now();
      for (let n = 0; n < total; n += 1) {
        const wait = start + (n * 1000) / RATE - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const from = `1555${label}${String(n).padStart(6, '0')}`;
        const reply = answered(from);
        pending.push(deliver(from, { type: 'text', text: { body: 'hi' } }).then((ms) => void acks.push(ms)));
        pending.push(reply);
      }
      const lost = await Promise.race([
        Promise.all(pending).then(() => false),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 30_000)),
      ]);
      if (lost) problems.push(`[${label}] replies missing 30 s after the last message`);
      return acks;
    }

    // Warm-up: JIT, the flow's compilation, connections.
    await textLoad('0');
    const quietCpu = await mainThreadCpuMs(server.pid);
    const quiet = await textLoad('1');
    const quietCpuMs = (await mainThreadCpuMs(server.pid)) - quietCpu;

    // Every customer's document is different (the store writes each one), made cheaply so this
    // process (the customers and the fake Graph API) does not become what delays the acks: one
    // random 10 MB block with the document's number in its last 8 bytes, and Meta's digest from
    // the block's hashed prefix plus those 8 bytes.
    const block = randomBytes(MEDIA_BYTES);
    const prefix = createHash('sha256').update(block.subarray(0, MEDIA_BYTES - 8));
    function distinctDocument(n: number): { bytes: Buffer; sha256: string } {
      const bytes = Buffer.from(block);
      bytes.writeBigUInt64BE(BigInt(n), MEDIA_BYTES - 8);
      return {
        bytes,
        sha256: prefix
          .copy()
          .update(bytes.subarray(MEDIA_BYTES - 8))
          .digest('base64'),
      };
    }
    let downloading = true;
    let downloaded = 0;
    let docs = 0;
    /** A new customer sends a 10 MB document; resolves once the bot answered it. */
    async function sendDocument(): Promise<void> {
      docs += 1;
      const from = `1666${String(docs).padStart(7, '0')}`;
      const reply = answered(from);
      const { bytes, sha256 } = distinctDocument(docs);
      const mediaId = graph.media.add(bytes, 'application/pdf', { sha256 });
      await deliver(from, { type: 'document', document: { id: mediaId, mime_type: 'application/pdf', filename: 'scan.pdf' } });
      await reply;
      // The fake would keep every document in memory.
      graph.media.forget(mediaId);
      downloaded += 1;
    }
    /** One customer after another sends a document; the next starts when the last was taken in. */
    async function documentSender(): Promise<void> {
      while (downloading) await sendDocument();
    }
    const senders = Array.from({ length: DOWNLOADS }, documentSender);
    // Let the first 20 downloads get going before measuring.
    await new Promise((resolve) => setTimeout(resolve, 300));
    // This process (the customers and the fake Graph API) must not be what delays the acks.
    const ownLoop = monitorEventLoopDelay({ resolution: 5 });
    ownLoop.enable();
    const busyCpu = await mainThreadCpuMs(server.pid);
    const downloadedBefore = downloaded;
    const busy = await textLoad('2');
    const busyCpuMs = (await mainThreadCpuMs(server.pid)) - busyCpu;
    const downloadedDuring = downloaded - downloadedBefore;
    ownLoop.disable();
    downloading = false;
    await Promise.all(senders);
    // What a document costs the server's main thread, measured as CPU time (not wall time, which
    // a busy machine stretches): 20 documents at once, with no text load.
    const batchCpu = await mainThreadCpuMs(server.pid);
    await Promise.all(Array.from({ length: DOWNLOADS }, sendDocument));
    const perDocumentCpuMs = ((await mainThreadCpuMs(server.pid)) - batchCpu) / DOWNLOADS;
    if (graph.media.downloads.length !== docs) problems.push(`${docs} documents sent, ${graph.media.downloads.length} downloaded`);
    // The menu bot answers a document it could not take in too: count what the store really holds.
    const folders = await readdir(join(dataDir, 'media')).catch(() => [] as string[]);
    const stored = (await Promise.all(folders.map((f) => readdir(join(dataDir, 'media', f))))).flat().filter((n) => !n.endsWith('.part'));
    if (stored.length !== docs) problems.push(`${docs} distinct documents sent, ${stored.length} files stored`);

    const figures = (acks: number[]) => `ack p50 ${percentile(acks, 50).toFixed(1)} ms, p99 ${percentile(acks, 99).toFixed(1)} ms`;
    const p99 = percentile(busy, 99);
    console.log(`media: ${RATE} text conversations/s for ${PHASE_MS / 1000} s per phase, menu bot, real server process`);
    console.log(`media: without downloads: ${quiet.length} webhooks, ${figures(quiet)}; server main thread CPU ${quietCpuMs} ms`);
    console.log(
      `media: with ${DOWNLOADS} concurrent ${MEDIA_BYTES / 1024 / 1024} MB downloads: ${busy.length} webhooks, ${figures(busy)}; ${downloaded} documents (${((downloaded * MEDIA_BYTES) / 1024 / 1024).toFixed(0)} MB) downloaded, hashed and stored meanwhile (${stored.length} distinct files); the load generator's own event loop delay p99 ${(ownLoop.percentile(99) / 1e6).toFixed(1)} ms`,
    );
    console.log(
      `media: during that phase ${downloadedDuring} documents were taken in; server main thread CPU ${busyCpuMs} ms (${quietCpuMs} ms without downloads); ${perDocumentCpuMs.toFixed(1)} ms of main thread CPU per 10 MB document (${DOWNLOADS} at once, no text load)`,
    );
    console.log(
      `media: p99 ratio with/without downloads ${(p99 / percentile(quiet, 99)).toFixed(2)}x; aim p99 < ${AIM_P99_MS} ms during downloads: ${p99 < AIM_P99_MS ? 'met' : 'NOT met'}`,
    );
  } finally {
    await server.stop();
    await graph.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  if (problems.length > 0) {
    console.error(`media: broken: ${[...new Set(problems)].join('; ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
