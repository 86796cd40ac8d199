// The load generator of webhook-load.bench.ts, in its own process so it does not share the
// server's event loop: it runs the fake Graph API (where replies arrive) and posts signed
// webhooks for many concurrent conversations, each customer waiting for the bot's answer before
// writing again, as people do.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { startFakeGraphApi } from '../../test/support/fake-graph-api';
import { inboundWebhook, signWebhook } from '../../test/support/whatsapp-webhooks';
import { REPLIES_PER_MESSAGE, script } from './bench-flow';

export interface RunCommand {
  url: string;
  /**
   * `pipeline`: the bench flow's script, waiting for its replies; `menu`: the menu bot of
   * node-red.bench.ts ("hi", then "1", one reply each, waited for); `bare`: the script, acks only.
   */
  mode: 'pipeline' | 'menu' | 'bare';
  /** The webhook's path (`/webhooks/whatsapp` by default). */
  path?: string;
  durationMs: number;
  concurrency: number;
  secret: string;
  phoneNumberId: string;
  runId: string;
}

export interface RunResult {
  mode: RunCommand['mode'];
  messages: number;
  errors: number;
  elapsedMs: number;
  conversations: number;
  ackMs: number[];
  replyMs: number[];
  /** CPU ms this process (the customers and the fake Graph API) used during the run. */
  cpuMs: number;
}

/** What a customer of the menu bot writes: the greeting, then a choice. */
const MENU_SCRIPT = ['hi', '1'];

function body(id: string, from: string, text: string, phoneNumberId: string): string {
  return JSON.stringify(
    inboundWebhook({ id, from, phoneNumberId, name: 'Bench Customer', message: { type: 'text', text: { body: text } } }),
  );
}

async function main(): Promise<void> {
  // Other servers' bodies are measured too (node-red.bench.ts): the fake takes them as Meta would.
  const graph = await startFakeGraphApi({ record: false, checkSchema: false });
  /** Per customer: the turn waiting for its replies. */
  const waiting = new Map<string, { startedAt: number; replies: number; expected: number; first?: number; done: () => void }>();
  graph.onRequest((r) => {
    if (r.kind !== 'send') return;
    const turn = waiting.get(String(r.body.to));
    if (!turn) return;
    turn.replies += 1;
    turn.first ??= performance.now() - turn.startedAt;
    if (turn.replies === turn.expected) {
      waiting.delete(String(r.body.to));
      turn.done();
    }
  });
  process.send?.({ ready: true, graphUrl: graph.url });

  process.on('message', async (command: RunCommand) => {
    const agent = new Agent({ keepAlive: true, maxSockets: command.concurrency });
    const target = new URL(command.path ?? '/webhooks/whatsapp', command.url);
    const lines = command.mode === 'menu' ? MENU_SCRIPT : script;
    const expected = command.mode === 'menu' ? 1 : REPLIES_PER_MESSAGE;
    const replies = command.mode !== 'bare';
    const result: RunResult = {
      mode: command.mode,
      messages: 0,
      errors: 0,
      elapsedMs: 0,
      conversations: 0,
      ackMs: [],
      replyMs: [],
      cpuMs: 0,
    };
    const cpuBefore = process.cpuUsage();
    const post = (payload: string) =>
      new Promise<number>((resolve) => {
        const req = request(
          target,
          {
            method: 'POST',
            agent,
            headers: {
              'content-type': 'application/json',
              'x-hub-signature-256': signWebhook(payload, command.secret),
              'content-length': Buffer.byteLength(payload),
            },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', () => resolve(0));
        req.end(payload);
      });

    let next = 0;
    let seq = 0;
    const started = performance.now();
    const deadline = started + command.durationMs;
    async function customer(): Promise<void> {
      while (performance.now() < deadline) {
        const from = `${command.runId}${String(next++).padStart(7, '0')}`;
        result.conversations += 1;
        for (const text of lines) {
          const startedAt = performance.now();
          const answered = replies
            ? new Promise<number | undefined>((resolve) => {
                const turn = { startedAt, replies: 0, expected, first: undefined as number | undefined, done: () => resolve(turn.first) };
                waiting.set(from, turn);
                setTimeout(() => resolve(undefined), 30_000);
              })
            : Promise.resolve(undefined);
          const status = await post(body(`wamid.${command.runId}.${seq++}`, from, text, command.phoneNumberId));
          result.ackMs.push(performance.now() - startedAt);
          if (status !== 200) {
            result.errors += 1;
            waiting.delete(from);
            break;
          }
          result.messages += 1;
          const reply = await answered;
          if (replies) {
            if (reply === undefined) {
              result.errors += 1;
              break;
            }
            result.replyMs.push(reply);
          }
        }
      }
    }
    await Promise.all(Array.from({ length: command.concurrency }, () => customer()));
    result.elapsedMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    result.cpuMs = (cpu.user + cpu.system) / 1000;
    agent.destroy();
    process.send?.({ result });
  });
  process.on('disconnect', () => {
    void graph.close().then(() => process.exit(0));
  });
}

void main();
