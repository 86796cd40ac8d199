import { describe, expect, it } from 'vitest';
import { botLines, builtins, runScript } from '../../testing/run-script';
import { validateFlow } from '../../validation/validate-flow';

const say = (id: string, text: string) => ({ id, type: 'message', position: { x: 0, y: 0 }, data: { text } });

const flow = (data: Record<string, unknown>) => {
  const reply = data.mode === 'reply';
  return {
    schemaVersion: 1,
    id: 'wait-test',
    name: 'Wait test',
    start: 'hello',
    nodes: [
      say('hello', 'Thanks for your order'),
      { id: 'wait', type: 'wait', position: { x: 0, y: 0 }, data },
      say('after', reply ? 'You said: {{answer}}' : 'How was it?'),
      say('late', 'No answer, bye'),
    ],
    edges: [
      { id: 'e1', source: 'hello', target: 'wait' },
      { id: 'e2', source: 'wait', sourceHandle: reply ? 'replied' : 'next', target: 'after' },
      ...(reply ? [{ id: 'e3', source: 'wait', sourceHandle: 'timeout', target: 'late' }] : []),
    ],
  };
};

describe('wait', () => {
  it('delays on a durable timer, then continues when it fires', async () => {
    const { steps, last } = await runScript(flow({ duration: 2, unit: 'hours' }), [{ fireTimer: true }]);
    expect(steps[0]?.effects).toContainEqual(expect.objectContaining({ type: 'timer.schedule', nodeId: 'wait', delayMs: 7_200_000 }));
    expect(botLines(steps)).toEqual(['Thanks for your order', 'How was it?']);
    expect(last.status).toBe('done');
  });

  it('ignores messages during a delay but keeps them in the history (of a flow with an AI node, which reads it)', async () => {
    const delay = flow({ duration: 30, unit: 'seconds' });
    const withAi = {
      ...delay,
      nodes: [...delay.nodes, { id: 'assistant', type: 'ai', position: { x: 0, y: 0 }, data: { systemPrompt: 'Help' } }],
    };
    const { steps } = await runScript(withAi, ['hello?', 'anyone?', { fireTimer: true }]);
    expect(steps[0]?.effects).toContainEqual(expect.objectContaining({ type: 'timer.schedule', delayMs: 30_000 }));
    expect(steps[1]?.effects).toEqual([]);
    expect(steps[2]?.nodeId).toBe('wait');
    expect(botLines(steps)).toEqual(['Thanks for your order', 'How was it?']);
    const history = (steps[2]?.snapshot.context?.history ?? []).map((h) => `${h.role}: ${h.text}`);
    expect(history).toEqual(['assistant: Thanks for your order', 'user: hello?', 'user: anyone?']);
  });

  it('ignores a stale timer from an earlier visit', async () => {
    const { steps } = await runScript(flow({ duration: 1 }), [{ event: { type: 'timer.fired', timerId: 'wait:0' } }]);
    expect(steps[1]?.nodeId).toBe('wait');
    expect(botLines(steps)).toEqual(['Thanks for your order']);
  });

  it('leaves by "replied" on a reply, saving it and cancelling the timer', async () => {
    const { steps } = await runScript(flow({ mode: 'reply', duration: 10, variable: 'answer' }), ['Loved it']);
    expect(steps[0]?.effects).toContainEqual(expect.objectContaining({ type: 'timer.schedule', delayMs: 600_000 }));
    expect(steps[1]?.effects).toContainEqual(expect.objectContaining({ type: 'timer.cancel', nodeId: 'wait' }));
    expect(botLines(steps)).toEqual(['Thanks for your order', 'You said: Loved it']);
    expect(steps[1]?.vars.answer).toBe('Loved it');
  });

  it('leaves by "timeout" when no reply comes in time', async () => {
    const { steps, last } = await runScript(flow({ mode: 'reply', duration: 10 }), [{ fireTimer: true }]);
    expect(botLines(steps)).toEqual(['Thanks for your order', 'No answer, bye']);
    expect(last.status).toBe('done');
  });

  it('has exits that follow its mode', () => {
    const exits = (data: Record<string, unknown>) =>
      validateFlow(flow(data), builtins)
        .nodes.get('wait')
        ?.exits.map((e) => e.id);
    expect(exits({ duration: 1 })).toEqual(['next']);
    expect(exits({ mode: 'reply', duration: 1 })).toEqual(['replied', 'timeout']);
  });

  it('names node and field for a bad duration, and warns past the 24-hour window', () => {
    expect(validateFlow(flow({ duration: 0 }), builtins).problems).toContainEqual(
      expect.objectContaining({ severity: 'error', nodeId: 'wait', field: 'data.duration' }),
    );
    expect(validateFlow(flow({ duration: 2, unit: 'days' }), builtins).problems).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        nodeId: 'wait',
        field: 'data.duration',
        message: expect.stringContaining('template'),
      }),
    );
  });
});
