import { describe, expect, it } from 'vitest';
import { ConversationError } from '../../runtime/conversation-runtime';
import { botLines, builtins, runScript } from '../../testing/run-script';
import { validateFlow } from '../../validation/validate-flow';

const node = (id: string, type: string, data: Record<string, unknown>) => ({ id, type, position: { x: 0, y: 0 }, data });

/** Counts to three by jumping back to the top of a loop, with no edge drawn back. */
const loop = (jumpData: Record<string, unknown> = { node: 'count' }) => ({
  schemaVersion: 1,
  id: 'jump-test',
  name: 'Jump test',
  start: 'count',
  nodes: [
    node('count', 'set-variable', { assignments: [{ name: 'n', mode: 'expression', value: 'n + 1' }] }),
    node('say', 'message', { text: 'Round {{n}}' }),
    node('check', 'condition', { branches: [{ id: 'again', when: 'n < 3' }] }),
    node('back', 'jump', jumpData),
    node('done', 'message', { text: 'Done' }),
  ],
  edges: [
    { id: 'e1', source: 'count', target: 'say' },
    { id: 'e2', source: 'say', target: 'check' },
    { id: 'e3', source: 'check', sourceHandle: 'again', target: 'back' },
    { id: 'e4', source: 'check', sourceHandle: 'else', target: 'done' },
  ],
});

describe('jump', () => {
  it('goes to another node of the flow, entering it afresh each time', async () => {
    const { steps, last } = await runScript(loop(), []);
    expect(botLines(steps)).toEqual(['Round 1', 'Round 2', 'Round 3', 'Done']);
    expect(last.status).toBe('done');
  });

  it('counts its target as reachable and reports a target that does not exist', () => {
    const ok = validateFlow(loop(), builtins);
    expect(ok.problems.filter((p) => p.code === 'unreachable')).toEqual([]);
    const { problems } = validateFlow(loop({ node: 'nowhere' }), builtins);
    expect(problems).toContainEqual(
      expect.objectContaining({ severity: 'error', nodeId: 'back', field: 'data.node', message: expect.stringContaining('"nowhere"') }),
    );
  });

  it('refuses to jump to itself', () => {
    const { problems } = validateFlow(loop({ node: 'back' }), builtins);
    expect(problems).toContainEqual(expect.objectContaining({ severity: 'error', nodeId: 'back', field: 'data.node' }));
  });

  it('asks for a node or a flow, depending on where it jumps', () => {
    expect(validateFlow(loop({}), builtins).problems).toContainEqual(
      expect.objectContaining({ severity: 'error', nodeId: 'back', field: 'data.node', message: 'is required' }),
    );
    expect(validateFlow(loop({ to: 'flow' }), builtins).problems).toContainEqual(
      expect.objectContaining({ severity: 'error', nodeId: 'back', field: 'data.flowId', message: 'is required' }),
    );
  });

  it('hands the conversation to another flow: emits flow.jump and ends', async () => {
    const flow = {
      schemaVersion: 1,
      id: 'jump-flow',
      name: 'Jump to flow',
      start: 'bye',
      nodes: [node('bye', 'message', { text: 'Transferring you' }), node('go', 'jump', { to: 'flow', flowId: 'sales-bot' })],
      edges: [{ id: 'e1', source: 'bye', target: 'go' }],
    };
    const { last } = await runScript(flow, []);
    expect(last.status).toBe('done');
    expect(last.effects.map((e) => e.type)).toEqual([
      'node.enter',
      'message.send',
      'node.exit',
      'node.enter',
      'flow.jump',
      'conversation.end',
    ]);
    expect(last.effects).toContainEqual({ type: 'flow.jump', nodeId: 'go', flowId: 'sales-bot' });
  });
});

describe('a flow that loops without waiting', () => {
  it('fails with a clear error instead of hanging the process', async () => {
    const flow = {
      schemaVersion: 1,
      id: 'runaway',
      name: 'Runaway',
      start: 'ask',
      nodes: [
        node('ask', 'question', { text: 'Name?', variable: 'name' }),
        node('a', 'jump', { node: 'b' }),
        node('b', 'jump', { node: 'a' }),
      ],
      edges: [{ id: 'e1', source: 'ask', target: 'a' }],
    };
    await expect(runScript({ ...flow, start: 'a' }, [])).rejects.toThrow(ConversationError);
    await expect(runScript({ ...flow, start: 'a' }, [])).rejects.toThrow(/without waiting \(looping at node "[ab]"\)/);
    await expect(runScript(flow, ['Ana'])).rejects.toThrow(/without waiting/);
  });

  it('allows long counted loops, counting nodes per event rather than per conversation', async () => {
    // Each answer runs a loop of 100 rounds (300 node entries), five times over.
    const flow = {
      schemaVersion: 1,
      id: 'counted',
      name: 'Counted',
      start: 'ask',
      nodes: [
        node('ask', 'question', { text: 'Again?', variable: 'answer' }),
        node('reset', 'set-variable', { assignments: [{ name: 'n', mode: 'expression', value: '0' }] }),
        node('count', 'set-variable', { assignments: [{ name: 'n', mode: 'expression', value: 'n + 1' }] }),
        node('check', 'condition', { branches: [{ id: 'more', when: 'n < 100' }] }),
        node('back', 'jump', { node: 'count' }),
        node('again', 'jump', { node: 'ask' }),
      ],
      edges: [
        { id: 'e1', source: 'ask', target: 'reset' },
        { id: 'e2', source: 'reset', target: 'count' },
        { id: 'e3', source: 'count', target: 'check' },
        { id: 'e4', source: 'check', sourceHandle: 'more', target: 'back' },
        { id: 'e5', source: 'check', sourceHandle: 'else', target: 'again' },
      ],
    };
    const { steps, last } = await runScript(flow, ['1', '2', '3', '4', '5']);
    expect(last.vars.n).toBe(100);
    expect(botLines(steps)).toHaveLength(6);
  });
});
