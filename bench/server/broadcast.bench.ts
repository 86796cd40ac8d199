// `pnpm bench broadcast`: a broadcast of one template to 10,000 opted-in contacts through the real
// server (its own process, embedded stores) against a local fake Graph API, at a configured rate
// (BENCH_BROADCAST_RATE, 500/s by default). Meta's `sent` and `delivered` webhooks answer every
// send, as in production. Passes when the achieved rate is within 10 % of the one asked and every
// contact got exactly one message; reports the server's RSS before and at its peak.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeGraphApi } from '../../test/support/fake-graph-api';
import { freePort } from '../../test/support/redis-server';
import { seedContacts } from '../../test/support/seed-contacts';
import { startServerProcess } from '../../test/support/server-process';
import { WABA_ID } from '../../test/support/whatsapp-webhooks';
import { statusWebhooks } from './status-webhooks';

const RECIPIENTS = Number(process.env.BENCH_BROADCAST_RECIPIENTS ?? 10_000);
const RATE = Number(process.env.BENCH_BROADCAST_RATE ?? 500);
const STATUSES = process.env.BENCH_BROADCAST_STATUSES !== '0';
const PHONE_NUMBER_ID = '106540352242922';
const APP_SECRET = 'bench-app-secret-0123456789';
const TOLERANCE = 0.1;

/** A process's resident set (MB), from /proc. */
function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN);
  return Math.round(kb / 102.4) / 10;
}

/** CPU ms (user + system) a process has used so far, from /proc. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'chatflow-bench-broadcast-'));
  const graph = await startFakeGraphApi({ record: false });
  graph.templates.byAccount.set(WABA_ID, [
    {
      id: '5001',
      name: 'bench_offer',
      language: 'en_US',
      status: 'APPROVED',
      category: 'MARKETING',
      components: [{ type: 'BODY', text: 'Hi {{1}}' }],
    },
  ]);
  const copies = new Map<string, number>();
  const times: number[] = [];
  graph.onRequest((request) => {
    if (request.kind !== 'send' || !('wamid' in request.answer)) return;
    const to = String(request.body.to);
    copies.set(to, (copies.get(to) ?? 0) + 1);
    times.push(request.at);
  });
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  try {
    const seedStart = Date.now();
    const customers = Array.from({ length: RECIPIENTS }, (_, i) => `1666${String(i).padStart(7, '0')}`);
    await seedContacts(
      dataDir,
      'default',
      PHONE_NUMBER_ID,
      customers.map((address, i) => ({ address, name: `Customer ${i}`, tags: ['bench'] })),
    );
    console.log(`seeded ${RECIPIENTS} contacts in ${Date.now() - seedStart} ms`);
    const adminToken = randomBytes(24).toString('hex');
    server = await startServerProcess({
      PORT: String(await freePort()),
      DATA_DIR: dataDir,
      ADMIN_TOKEN: adminToken,
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_ACCESS_TOKEN: 'bench-token',
      WHATSAPP_GRAPH_URL: graph.url,
      WHATSAPP_BUSINESS_ACCOUNT_ID: WABA_ID,
    });
    const url = server.url;
    const statuses = STATUSES ? statusWebhooks(graph, url, APP_SECRET, PHONE_NUMBER_ID) : undefined;
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${url}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await res.json()) as Record<string, unknown>;
    };
    await api('POST', '/templates/sync');
    const startRss = rssMb(server.pid);
    let peakRss = startRss;
    const pid = server.pid;
    const running = server;
    const sampler = setInterval(() => {
      try {
        peakRss = Math.max(peakRss, rssMb(pid));
      } catch {
        clearInterval(sampler);
        console.error(`the server exited:\n${running.output()}`);
      }
    }, 100);
    const startCpu = cpuMs(pid);
    const startedAt = Date.now();
    const { id } = await api('POST', '/broadcasts', {
      name: 'Bench',
      template: { name: 'bench_offer', language: 'en_US', params: ['{{contact.name}}'] },
      audience: { tags: ['bench'] },
      ratePerSecond: RATE,
    });
    let broadcast: Record<string, unknown> = {};
    const deadline = Date.now() + (RECIPIENTS / RATE) * 3_000 + 60_000;
    while (broadcast.status !== 'done' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      broadcast = await api('GET', `/broadcasts/${String(id)}`);
    }
    const doneAt = Date.now();
    // The delivery reports still queued reach the server after the last send.
    while (
      statuses &&
      statuses.counts().waiting + (RECIPIENTS * 2 - statuses.counts().posted - statuses.counts().refused - statuses.counts().waiting) > 0 &&
      Date.now() < doneAt + 60_000
    ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const drainedMs = Date.now() - doneAt;
    clearInterval(sampler);
    const serverCpuMs = cpuMs(pid) - startCpu;
    broadcast = await api('GET', `/broadcasts/${String(id)}`);
    const first = times[0] ?? 0;
    const last = times.at(-1) ?? 0;
    const achieved = ((times.length - 1) * 1000) / Math.max(1, last - first);
    const doubled = [...copies.values()].filter((n) => n > 1).length;
    const figures = {
      recipients: RECIPIENTS,
      sent: times.length,
      doubled,
      status: broadcast.status,
      askedPerSecond: RATE,
      achievedPerSecond: Math.round(achieved * 10) / 10,
      resolveAndFirstSendMs: first - startedAt,
      statusWebhooks: statuses?.counts(),
      statusesDrainedMsAfterDone: statuses ? drainedMs : undefined,
      counts: broadcast.counts,
      serverCpuMsPerMessage: Math.round((serverCpuMs / Math.max(1, times.length)) * 100) / 100,
      rssStartMb: startRss,
      rssPeakMb: peakRss,
    };
    console.log('broadcast:', figures);
    const ok = broadcast.status === 'done' && copies.size === RECIPIENTS && doubled === 0 && Math.abs(achieved - RATE) <= RATE * TOLERANCE;
    if (!ok) {
      console.error(`FAIL: wanted ${RECIPIENTS} single copies at ${RATE}/s ± ${TOLERANCE * 100} %`);
      process.exitCode = 1;
    }
  } catch (error) {
    console.error(`the bench failed; the server's last lines:\n${server?.output() ?? ''}`);
    throw error;
  } finally {
    await server?.stop();
    await graph.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
