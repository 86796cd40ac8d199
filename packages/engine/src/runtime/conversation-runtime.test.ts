import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compile/compile-flow';
import { defineNodeType } from '../define-node-type';
import { builtins } from '../testing/run-script';
import { createRuntime } from './conversation-runtime';
import type { Ports } from './ports';

/** A node that tells the time the engine holds, on entry and on every message. */
const clock = defineNodeType({
  type: 'clock',
  version: 1,
  title: 'Clock',
  description: 'Says context.now',
  category: 'Custom',
  icon: '⏰',
  configSchema: { type: 'object', properties: {} },
  exits: () => [],
  compile: (_, ctx) => ({ entry: [ctx.action('tell')], on: { 'user.message': { actions: [ctx.action('tell')] } } }),
  actions: { tell: ({ context }) => ({ say: [{ kind: 'text', text: `now=${context.now ?? 'unknown'}` }] }) },
});

const flow = {
  schemaVersion: 1,
  id: 'clock',
  name: 'Clock',
  start: 'clock',
  nodes: [{ id: 'clock', type: 'clock', position: { x: 0, y: 0 }, data: {} }],
  edges: [],
};
const said = (effects: { type: string; message?: unknown }[]) => effects.flatMap((e) => (e.type === 'message.send' ? [e.message] : []));

describe('the host clock', () => {
  it('holds the time of the start and of each event, and forgets it when an event carries none', async () => {
    const runtime = createRuntime(compileFlow(flow, builtins.extend([clock])));
    const start = await runtime.start({ contact: { id: 'c1' }, now: 1_000 });
    expect(said(start.effects)).toEqual([{ kind: 'text', text: 'now=1000' }]);
    const later = await runtime.send(JSON.parse(JSON.stringify(start.snapshot)), {
      type: 'user.message',
      message: { kind: 'text', text: 'hi' },
      now: 2_000,
    });
    expect(said(later.effects)).toEqual([{ kind: 'text', text: 'now=2000' }]);
    const untimed = await runtime.send(later.snapshot, { type: 'user.message', message: { kind: 'text', text: 'hi' } });
    expect(said(untimed.effects)).toEqual([{ kind: 'text', text: 'now=unknown' }]);
  });
});

/** A node that asks the host, through its handler port, whose turn this is, and says the answer. */
const whoami = defineNodeType({
  type: 'whoami',
  version: 1,
  title: 'Who am I',
  description: 'Says what the host port answers',
  category: 'Custom',
  icon: '?',
  configSchema: { type: 'object', properties: {} },
  exits: () => [{ id: 'next', label: 'Next' }],
  compile: (_, ctx) => ({ invoke: { ...ctx.invoke('ask'), onDone: { target: ctx.exit('next'), actions: [ctx.action('tell')] } } }),
  actors: {
    ask: async ({ ports }) => (await ports.handlers?.run({ type: 'whoami', nodeId: 'who', config: {}, timeoutMs: 1000 }))?.exit,
  },
  actions: { tell: ({ event }) => ({ say: [{ kind: 'text', text: String((event as { output?: unknown }).output) }] }) },
});

describe('ports per turn', () => {
  it('gives each turn of a shared runtime the ports made from its own turn value, once per turn', async () => {
    const made: unknown[] = [];
    const portsOf = (turn: unknown): Ports => {
      made.push(turn);
      return { handlers: { run: async () => ({ exit: `turn of ${String(turn)}` }) } };
    };
    const runtime = createRuntime(
      compileFlow(
        { ...flow, start: 'who', nodes: [{ id: 'who', type: 'whoami', position: { x: 0, y: 0 }, data: {} }] },
        builtins.extend([whoami]),
      ),
      portsOf,
    );
    const [ana, bo] = await Promise.all([runtime.start({ contact: { id: 'c1' } }, 'ana'), runtime.start({ contact: { id: 'c2' } }, 'bo')]);
    expect(said(ana.effects)).toEqual([{ kind: 'text', text: 'turn of ana' }]);
    expect(said(bo.effects)).toEqual([{ kind: 'text', text: 'turn of bo' }]);
    expect(made).toEqual(['ana', 'bo']);
  });
});
