import { describe, expect, it } from 'vitest';
import { botLines, builtins, runScript } from '../../testing/run-script';
import { validateFlow } from '../../validation/validate-flow';

const say = (id: string, text: string) => ({ id, type: 'message', position: { x: 0, y: 0 }, data: { text } });

const flow = (vars: Record<string, unknown>, branches?: unknown[]) => ({
  schemaVersion: 1,
  id: 'condition-test',
  name: 'Condition test',
  start: 'check',
  variables: Object.entries(vars).map(([name, value]) => ({ name, default: value })),
  nodes: [
    {
      id: 'check',
      type: 'condition',
      position: { x: 0, y: 0 },
      data: {
        branches: branches ?? [
          { id: 'vip', label: 'VIP', when: "order.total > 100 and tier == 'gold'" },
          { id: 'adult', when: 'age >= 18' },
        ],
      },
    },
    say('vip', 'Welcome, VIP {{contact.name}}'),
    say('adult', 'Welcome'),
    say('other', 'Sorry, adults only'),
  ],
  edges: [
    { id: 'e1', source: 'check', sourceHandle: 'vip', target: 'vip' },
    { id: 'e2', source: 'check', sourceHandle: 'adult', target: 'adult' },
    { id: 'e3', source: 'check', sourceHandle: 'else', target: 'other' },
  ],
});

describe('condition', () => {
  it('takes the first branch whose expression is true', async () => {
    const both = await runScript(flow({ age: 30, tier: 'gold', order: { total: 150 } }), []);
    expect(botLines(both.steps)).toEqual(['Welcome, VIP Ana']);
    const adult = await runScript(flow({ age: 30, tier: 'silver', order: { total: 150 } }), []);
    expect(botLines(adult.steps)).toEqual(['Welcome']);
  });

  it('takes the else exit when no branch is true, including when variables are missing', async () => {
    expect(botLines((await runScript(flow({ age: 12 }), [])).steps)).toEqual(['Sorry, adults only']);
    expect(botLines((await runScript(flow({}), [])).steps)).toEqual(['Sorry, adults only']);
  });

  it('labels its exits with the branch label or expression, plus Else', () => {
    const { nodes } = validateFlow(flow({ age: 1, tier: 'x', order: {} }), builtins);
    expect(nodes.get('check')?.exits).toEqual([
      { id: 'vip', label: 'VIP' },
      { id: 'adult', label: 'age >= 18' },
      { id: 'else', label: 'Else' },
    ]);
  });

  it('reports a branch expression that does not parse, naming node, field and column', () => {
    const { problems } = validateFlow(
      flow({ age: 1 }, [
        { id: 'a', when: 'age >= ' },
        { id: 'b', when: "name = 'x'" },
      ]),
      builtins,
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        nodeId: 'check',
        field: 'data.branches[0].when',
        message: expect.stringContaining('column 8'),
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        nodeId: 'check',
        field: 'data.branches[1].when',
        message: expect.stringContaining("use '=='"),
      }),
    );
  });

  it('rejects duplicate branch ids and the reserved id "else"', () => {
    const { problems } = validateFlow(
      flow({ age: 1 }, [
        { id: 'a', when: 'true' },
        { id: 'a', when: 'false' },
        { id: 'else', when: 'true' },
      ]),
      builtins,
    );
    expect(problems.filter((p) => p.nodeId === 'check' && p.code === 'check').map((p) => p.field)).toEqual([
      'data.branches[1].id',
      'data.branches[2].id',
    ]);
  });

  it('warns about variables the expressions read that nothing sets', () => {
    const { problems } = validateFlow(flow({ age: 1 }), builtins);
    const unset = problems.filter((p) => p.code === 'unset-variable' && p.nodeId === 'check').map((p) => p.message);
    expect(unset).toEqual(['uses variable "order", which nothing sets', 'uses variable "tier", which nothing sets']);
  });
});
