// `pnpm bench server`: this server beside Node-RED on the same job, a WhatsApp menu bot ("hi" is
// answered with the menu, "1" with "Sales will contact you"), and beside a bare Express ceiling that
// only takes the webhook. Each target is its own process (on CPU 0 when `taskset` is there, the load
// generator and fake Graph API on CPU 1), measured in interleaved rounds; the ratios are the medians.
// Our server is the whole app (`packages/server/src/main.ts`, embedded stores) running
// menu-flow.json as its default flow. Node-RED runs the flow of ../shared/peer-bench (the reference
// harness, see its README); without a Node-RED installed there this bench says so and measures the
// others. Node-RED answers the webhook after its reply was sent, we answer once the message is
// queued durably: every customer here waits for the reply before writing again, so messages/s
// counts whole exchanges for both.
import { type ChildProcess, fork, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunCommand, RunResult } from './load-generator';

const ROOT = resolve(import.meta.dirname, '../..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SLICE_MS = Number(process.env.BENCH_SLICE_MS ?? 5_000);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 5_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const SECRET = 'node-red-bench-secret-0123456789';
const TOKEN = 'node-red-bench-token';
const PHONE_NUMBER_ID = '106540352242922';
const ADMIN_TOKEN = 'node-red-bench-admin-token-0123456789';
/** Where the peer harness (its Node-RED flow and settings) and an installed Node-RED may be. */
const PEER_DIRS = [process.env.PEER_BENCH_DIR, join(ROOT, '../shared/peer-bench'), '/work/shared/peer-bench'];
const NODE_RED_DIRS = (peer: string) => [join(peer, 'node_modules/node-red'), '/tmp/chatflow-peer-bench/node_modules/node-red'];

interface Target {
  name: string;
  url: string;
  path: string;
  mode: RunCommand['mode'];
  process: ChildProcess;
}

/** Targets on CPU 0, the load generator on CPU 1: on Linux with taskset and two CPUs or more. */
const PIN = process.platform === 'linux' && spawnSync('taskset', ['-V']).status === 0 && availableParallelism() > 1;

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, seconds = 90): Promise<void> {
  for (let i = 0; i < seconds * 4; i += 1) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    const ok = await fetch(url, { method: 'POST', body: '{}' }).then(
      (r) => r.status !== 404 && r.status < 500,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

function start(name: string, args: string[], env: Record<string, string>, cwd = ROOT): ChildProcess {
  const [command, argv] = PIN ? ['taskset', ['-c', '0', process.execPath, ...args]] : [process.execPath, args];
  // The server's own configuration only: no MongoDB, Redis or AI key of the shell this runs in.
  const { MONGODB_URI: _m, REDIS_URL: _r, ANTHROPIC_API_KEY: _a, ...inherited } = process.env;
  const child = spawn(command, argv, { cwd, env: { ...inherited, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => {
    if (process.env.BENCH_VERBOSE) process.stderr.write(`[${name}] ${chunk}`);
  });
  return child;
}

async function startBare(): Promise<Target> {
  const port = await freePort();
  const code = `import express from 'express';
const app = express();
app.post('/webhooks/whatsapp', express.raw({ type: () => true, limit: '4mb' }), (_req, res) => { res.status(200).send('OK'); });
app.listen(${port}, '127.0.0.1');`;
  const child = start('bare', ['--input-type=module', '-e', code], {}, join(ROOT, 'packages/server'));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/webhooks/whatsapp`, child);
  return { name: 'bare Express (ceiling)', url, path: '/webhooks/whatsapp', mode: 'bare', process: child };
}

async function startChatflow(graphUrl: string, dataDir: string): Promise<Target> {
  const port = await freePort();
  const child = start('chatflow', ['--import', 'tsx', 'packages/server/src/main.ts'], {
    PORT: String(port),
    DATA_DIR: dataDir,
    WHATSAPP_APP_SECRET: SECRET,
    WHATSAPP_ACCESS_TOKEN: TOKEN,
    WHATSAPP_GRAPH_URL: graphUrl,
    ADMIN_TOKEN,
    LOG_LEVEL: 'warn',
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/webhooks/whatsapp`, child);
  const api = async (path: string, body?: string) => {
    const response = await fetch(`${url}/api${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      ...(body ? { body } : {}),
    });
    if (!response.ok) throw new Error(`POST /api${path}: ${response.status} ${await response.text()}`);
  };
  await api('/flows/import', readFileSync(new URL('./menu-flow.json', import.meta.url), 'utf8'));
  await api('/flows/peer-menu/publish');
  await api('/flows/peer-menu/default');
  return { name: 'chatflow (embedded stores)', url, path: '/webhooks/whatsapp', mode: 'menu', process: child };
}

/** Node-RED on a copy of the peer harness's flow and settings; undefined (and why) when it is not installed. */
async function startNodeRed(graphUrl: string, work: string): Promise<Target | string> {
  const peer = PEER_DIRS.find((dir) => dir && existsSync(join(dir, 'node-red/settings.cjs')));
  if (!peer) return `no peer harness (node-red/settings.cjs) in ${PEER_DIRS.filter(Boolean).join(', ')}`;
  const nodeRed = NODE_RED_DIRS(peer).find((dir) => existsSync(join(dir, 'red.js')));
  if (!nodeRed) return `Node-RED is not installed in ${NODE_RED_DIRS(peer).join(' or ')} (npm install in ${peer})`;
  const dir = join(work, 'node-red');
  cpSync(join(peer, 'node-red'), dir, { recursive: true, filter: (path) => !path.includes('userdir') });
  const port = await freePort();
  const child = start(
    'node-red',
    [join(nodeRed, 'red.js'), '--settings', join(dir, 'settings.cjs'), '--userDir', join(dir, 'userdir'), '--port', String(port)],
    { PORT: String(port), APP_SECRET: SECRET, GRAPH_URL: graphUrl, GRAPH_TOKEN: TOKEN },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/webhook`, child);
  const version = (JSON.parse(readFileSync(join(nodeRed, 'package.json'), 'utf8')) as { version: string }).version;
  return { name: `Node-RED ${version} (state in memory)`, url, path: '/webhook', mode: 'menu', process: child };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const percentile = (values: number[], p: number) =>
  values.length
    ? ([...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] as number)
    : Number.NaN;
const rate = (r: RunResult) => (r.messages / r.elapsedMs) * 1000;

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'chatflow-node-red-bench-'));
  const generator = fork(join(import.meta.dirname, 'load-generator.ts'), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  // fork cannot start through taskset: the generator (all its threads) is moved once it runs.
  if (PIN && generator.pid) spawnSync('taskset', ['-a', '-pc', '1', String(generator.pid)]);
  const replies: { graphUrl?: string; result?: RunResult }[] = [];
  const next = () =>
    new Promise<(typeof replies)[number]>((done) => {
      const queued = replies.shift();
      if (queued) done(queued);
      else generator.once('message', (m: (typeof replies)[number]) => done(m));
    });
  const { graphUrl } = await next();
  let runs = 0;
  const run = async (target: Target, durationMs: number): Promise<RunResult> => {
    runs += 1;
    const command: RunCommand = {
      url: target.url,
      path: target.path,
      mode: target.mode,
      durationMs,
      concurrency: CONCURRENCY,
      secret: SECRET,
      phoneNumberId: PHONE_NUMBER_ID,
      runId: String(100 + runs),
    };
    generator.send(command);
    const { result } = await next();
    if (!result) throw new Error('the load generator answered without a result');
    return result;
  };
  const targets: Target[] = [];
  try {
    targets.push(await startBare());
    const nodeRed = await startNodeRed(graphUrl as string, work);
    if (typeof nodeRed === 'string') console.log(`server [node-red]: Node-RED skipped: ${nodeRed}`);
    else targets.push(nodeRed);
    targets.push(await startChatflow(graphUrl as string, join(work, 'data')));
    console.log(
      `server [node-red]: menu bot, ${CONCURRENCY} customers at once, each waiting for the reply; ${ROUNDS} rounds of ${SLICE_MS / 1000} s after ${WARMUP_MS / 1000} s of warm-up each; ${PIN ? 'targets on CPU 0, load on CPU 1' : 'not pinned'}`,
    );
    for (const target of targets) await run(target, WARMUP_MS);
    const results = new Map<Target, RunResult[]>(targets.map((t) => [t, []]));
    for (let round = 0; round < ROUNDS; round += 1) for (const target of targets) results.get(target)?.push(await run(target, SLICE_MS));
    const ceiling = median((results.get(targets[0] as Target) ?? []).map(rate));
    const peer = targets.find((t) => t.name.startsWith('Node-RED'));
    const peerRate = peer ? median((results.get(peer) ?? []).map(rate)) : undefined;
    for (const [target, runsOf] of results) {
      const r = median(runsOf.map(rate));
      const errors = runsOf.reduce((sum, x) => sum + x.errors, 0);
      const acks = runsOf.flatMap((x) => x.ackMs);
      const vs = peerRate && target !== peer && target !== targets[0] ? `, ${(r / peerRate).toFixed(2)}x Node-RED` : '';
      console.log(
        `server [node-red]: ${target.name}: ${Math.round(r).toLocaleString('en-US')} messages/s (${((r / ceiling) * 100).toFixed(0)}% of the ceiling${vs}), webhook p99 ${percentile(acks, 99).toFixed(1)} ms, ${errors} errors`,
      );
    }
  } finally {
    generator.disconnect();
    for (const target of targets) target.process.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
