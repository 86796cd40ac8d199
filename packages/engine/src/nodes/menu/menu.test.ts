import { describe, expect, it } from 'vitest';
import { botLines, builtins, runScript } from '../../testing/run-script';
import { validateFlow } from '../../validation/validate-flow';

const flow = (data: Record<string, unknown> = {}) => ({
  schemaVersion: 1,
  id: 'menu-test',
  name: 'Menu test',
  start: 'menu',
  nodes: [
    {
      id: 'menu',
      type: 'menu',
      position: { x: 0, y: 0 },
      data: {
        text: 'Choose one',
        options: [
          { id: 'sales', label: 'Sales' },
          { id: 'support', label: 'Suporte Técnico' },
        ],
        ...data,
      },
    },
    { id: 'sales', type: 'message', position: { x: 0, y: 0 }, data: { text: 'Sales here' } },
    { id: 'support', type: 'message', position: { x: 0, y: 0 }, data: { text: 'Support here' } },
    { id: 'bad', type: 'message', position: { x: 0, y: 0 }, data: { text: 'Giving up' } },
  ],
  edges: [
    { id: 'e1', source: 'menu', sourceHandle: 'sales', target: 'sales' },
    { id: 'e2', source: 'menu', sourceHandle: 'support', target: 'support' },
    { id: 'e3', source: 'menu', sourceHandle: 'invalid', target: 'bad' },
  ],
});

describe('menu', () => {
  it('leaves by the option chosen with a button reply', async () => {
    const { steps, last } = await runScript(flow(), [{ kind: 'choice', id: 'sales', title: 'Sales' }]);
    expect(botLines(steps)).toEqual(['Choose one [Sales | Suporte Técnico]', 'Sales here']);
    expect(last.status).toBe('done');
  });

  it('accepts a label typed without case or accents, or the option number', async () => {
    expect(botLines((await runScript(flow(), ['  suporte tecnico '])).steps).at(-1)).toBe('Support here');
    expect(botLines((await runScript(flow(), ['1'])).steps).at(-1)).toBe('Sales here');
  });

  it('re-prompts on an unknown answer, then takes the invalid exit', async () => {
    const { steps } = await runScript(flow({ maxRetries: 1 }), ['pizza', 'pizza']);
    expect(botLines(steps)).toEqual([
      'Choose one [Sales | Suporte Técnico]',
      'Please choose one of the options.',
      'Choose one [Sales | Suporte Técnico]',
      'Giving up',
    ]);
  });

  it('saves the chosen label in a variable', async () => {
    const { steps } = await runScript(flow({ variable: 'dept' }), ['2']);
    expect(steps[1]?.vars.dept).toBe('Suporte Técnico');
  });

  it('takes the timeout exit when the timer fires, and cancels the timer when answered', async () => {
    const timedOut = await runScript(flow({ timeoutMinutes: 10 }), [{ fireTimer: true }]);
    expect(timedOut.steps[0]?.effects).toContainEqual(expect.objectContaining({ type: 'timer.schedule', delayMs: 600_000 }));
    expect(timedOut.last.status).toBe('done');
    const answered = await runScript(flow({ timeoutMinutes: 10 }), ['1']);
    expect(answered.steps[1]?.effects).toContainEqual(expect.objectContaining({ type: 'timer.cancel' }));
  });

  it('flags a button label over 20 characters, naming node and field', () => {
    const { problems } = validateFlow(flow({ options: [{ id: 'a', label: 'A label that is far too long' }] }), builtins);
    expect(problems).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        nodeId: 'menu',
        field: 'data.options[0].label',
        message: expect.stringContaining('WhatsApp allows 20'),
      }),
    );
  });
});
