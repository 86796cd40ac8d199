import { describe, expect, it } from 'vitest';
import { botLines, builtins, runScript } from '../../testing/run-script';
import { validateFlow } from '../../validation/validate-flow';

const flow = (assignments: unknown[], variables: { name: string; default?: unknown }[] = []) => ({
  schemaVersion: 1,
  id: 'set-variable-test',
  name: 'Set variable test',
  start: 'set',
  variables,
  nodes: [
    { id: 'set', type: 'set-variable', position: { x: 0, y: 0 }, data: { assignments } },
    { id: 'show', type: 'message', position: { x: 0, y: 0 }, data: { text: 'greeting={{greeting}} count={{count}}' } },
  ],
  edges: [{ id: 'e1', source: 'set', sourceHandle: 'next', target: 'show' }],
});

describe('set-variable', () => {
  it('fills templates and computes expressions, in order, then moves on', async () => {
    const { steps } = await runScript(
      flow(
        [
          { name: 'greeting', value: 'Hello {{contact.name}}' },
          { name: 'count', mode: 'expression', value: 'count + 1' },
          { name: 'count', mode: 'expression', value: 'count * 10' },
          { name: 'shout', mode: 'expression', value: "upper(greeting) + '!'" },
        ],
        [{ name: 'count', default: 2 }],
      ),
      [],
    );
    expect(botLines(steps)).toEqual(['greeting=Hello Ana count=30']);
    expect(steps[0]?.vars).toMatchObject({ greeting: 'Hello Ana', count: 30, shout: 'HELLO ANA!' });
    expect(steps[0]?.effects).toContainEqual(expect.objectContaining({ type: 'variable.set', name: 'count', value: 30 }));
  });

  it('starts a counter that was never set', async () => {
    const { last } = await runScript(flow([{ name: 'count', mode: 'expression', value: 'count + 1' }]), []);
    expect(last.vars.count).toBe(1);
  });

  it('copies a value as it is when the template is one placeholder', async () => {
    const { last } = await runScript(
      flow(
        [
          { name: 'copy', value: '{{order}}' },
          { name: 'total', value: '{{ order.total }}' },
          { name: 'missing', value: '{{nothing}}' },
        ],
        [{ name: 'order', default: { total: 12.5, items: ['tea'] } }],
      ),
      [],
    );
    expect(last.vars).toMatchObject({ copy: { total: 12.5, items: ['tea'] }, total: 12.5, missing: null });
  });

  it('reports an expression that does not parse, or that uses {{ }}, naming node and field', () => {
    const { problems } = validateFlow(
      flow([
        { name: 'count', mode: 'expression', value: 'count +' },
        { name: 'other', mode: 'expression', value: '{{count}} + 1' },
        { name: 'text', value: 'count +' },
      ]),
      builtins,
    );
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors).toEqual([
      expect.objectContaining({ nodeId: 'set', field: 'data.assignments[0].value', message: expect.stringContaining('column 8') }),
      expect.objectContaining({ nodeId: 'set', field: 'data.assignments[1].value' }),
      expect.objectContaining({ nodeId: 'set', field: 'data.assignments[1].value', message: expect.stringContaining('without {{ }}') }),
    ]);
  });

  it('declares what it sets, so later nodes using those variables get no warning', () => {
    const { problems } = validateFlow(
      flow([
        { name: 'greeting', value: 'hi' },
        { name: 'count', mode: 'expression', value: '1' },
      ]),
      builtins,
    );
    expect(problems.filter((p) => p.code === 'unset-variable')).toEqual([]);
    const bad = validateFlow(
      flow([
        { name: 'count', mode: 'expression', value: 'total + 1' },
        { name: 'greeting', value: '' },
      ]),
      builtins,
    );
    expect(bad.problems).toContainEqual(
      expect.objectContaining({ code: 'unset-variable', nodeId: 'set', message: expect.stringContaining('"total"') }),
    );
  });

  it('rejects a variable name that is not an identifier', () => {
    const { problems } = validateFlow(flow([{ name: 'my var', value: 'x' }]), builtins);
    expect(problems).toContainEqual(expect.objectContaining({ severity: 'error', nodeId: 'set', field: 'data.assignments[0].name' }));
  });
});
