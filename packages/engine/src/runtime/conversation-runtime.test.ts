import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compile/compile-flow';
import { defineNodeType } from '../define-node-type';
import { builtins } from '../testing/run-script';
import { createRuntime } from './conversation-runtime';

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
