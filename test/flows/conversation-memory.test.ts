import type { AiPort, AiRequest } from '@chatflow/engine';
import { describe, expect, it } from 'vitest';
import { playTranscript } from './transcript';

const node = (id: string, type: string, data: Record<string, unknown>) => ({ id, type, position: { x: 0, y: 0 }, data });
const edge = (source: string, sourceHandle: string, target: string) => ({ id: `${source}-${sourceHandle}`, source, sourceHandle, target });

const menu = node('menu', 'menu', {
  text: 'Coffee or tea?',
  options: [
    { id: 'coffee', label: 'Coffee' },
    { id: 'tea', label: 'Tea' },
  ],
  maxRetries: 10,
});

describe('conversation memory', () => {
  it('is not kept by a flow without a node that reads it, so snapshots stay small however long the chat', async () => {
    const flow = {
      schemaVersion: 1,
      id: 'no-memory',
      name: 'No memory',
      start: 'menu',
      nodes: [menu, node('coffee', 'message', { text: 'Coffee it is.' }), node('tea', 'message', { text: 'Tea it is.' })],
      edges: [edge('menu', 'coffee', 'coffee'), edge('coffee', 'next', 'menu'), edge('menu', 'tea', 'tea'), edge('tea', 'next', 'menu')],
    };
    const script = Array.from({ length: 30 }, (_, i) => `> ${i % 3 === 2 ? 'something else' : i % 2 ? 'tea' : 'coffee'}`);
    const run = await playTranscript(flow, script);
    const sizes = run.stored.map((s) => s.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThan(40);
    expect(JSON.parse(run.stored.at(-1) as string).context.history).toEqual([]);
  });

  it('is kept by a flow with an AI node, which sees what was said before it was reached', async () => {
    const requests: AiRequest[] = [];
    const ai: AiPort = {
      async respond(request) {
        requests.push(request);
        return { text: 'A flat white, then?', toolCalls: [], usage: { inputTokens: 10, outputTokens: 5 } };
      },
    };
    const flow = {
      schemaVersion: 1,
      id: 'memory',
      name: 'Memory',
      start: 'menu',
      nodes: [menu, node('barista', 'ai', { systemPrompt: 'You are a barista.' })],
      edges: [edge('menu', 'coffee', 'barista'), edge('menu', 'tea', 'barista')],
    };
    const run = await playTranscript(flow, ['> Coffee', '> Something with milk'], { ports: { ai } });
    expect(run.lines).toEqual([
      '< Coffee or tea? [Coffee | Tea]',
      '> Coffee',
      '> Something with milk',
      '< A flat white, then?',
      '· ai usage claude-sonnet-4-5 10+5',
    ]);
    // The menu's question came before the customer's first word, so the model's history starts with
    // the customer (as vendors require), the choice and the next message merged into one turn.
    expect(requests[0]?.messages).toEqual([{ role: 'user', text: 'Coffee\n\nSomething with milk' }]);
  });
});
