import { describe, expect, it } from 'vitest';
import { compileFlow } from '../../compile/compile-flow';
import { createRuntime } from '../../runtime/conversation-runtime';
import { builtins } from '../../testing/run-script';
import { validateFlow } from '../../validation/validate-flow';

const say = (id: string, text: string) => ({ id, type: 'end', position: { x: 0, y: 0 }, data: { text } });
const flow = (branches: unknown[], variable?: string) => ({
  schemaVersion: 1,
  id: 'split-test',
  name: 'Split test',
  start: 'split',
  nodes: [
    { id: 'split', type: 'split', position: { x: 0, y: 0 }, data: { branches, ...(variable ? { variable } : {}) } },
    say('short', 'Short welcome'),
    say('long', 'Long welcome'),
  ],
  edges: [
    { id: 'e1', source: 'split', sourceHandle: 'short', target: 'short' },
    { id: 'e2', source: 'split', sourceHandle: 'long', target: 'long' },
  ],
});
const ninetyTen = [
  { id: 'short', label: 'Short', weight: 90 },
  { id: 'long', label: 'Long', weight: 10 },
];

const runtime = createRuntime(compileFlow(flow(ninetyTen, 'variant'), builtins));
const greetingFor = async (contactId: string) => {
  const step = await runtime.start({ contact: { id: contactId } });
  const sent = step.effects.find((e) => e.type === 'message.send');
  return { text: sent?.type === 'message.send' && sent.message.kind === 'text' ? sent.message.text : undefined, vars: step.vars };
};

describe('split', () => {
  it('sends contacts down the branches in proportion to the weights, and saves the branch', async () => {
    const counts = { 'Short welcome': 0, 'Long welcome': 0 } as Record<string, number>;
    for (let i = 0; i < 2000; i++) {
      const { text } = await greetingFor(`contact-${i}`);
      counts[text ?? '']! += 1;
    }
    expect(counts['Short welcome']).toBeGreaterThan(1700);
    expect(counts['Long welcome']).toBeGreaterThan(100);
    expect(counts['Short welcome']! + counts['Long welcome']!).toBe(2000);
    const { vars, text } = await greetingFor('contact-7');
    expect(vars.variant).toBe(text === 'Short welcome' ? 'short' : 'long');
  });

  it('gives a contact the same branch every time it comes back', async () => {
    for (let i = 0; i < 50; i++) {
      const first = await greetingFor(`returning-${i}`);
      expect((await greetingFor(`returning-${i}`)).text).toBe(first.text);
    }
  });

  it('never takes a branch of weight 0, and names the exits with their share', () => {
    const check = validateFlow(
      flow([
        { id: 'short', weight: 0 },
        { id: 'long', weight: 0 },
      ]),
      builtins,
    );
    expect(check.problems).toContainEqual(expect.objectContaining({ nodeId: 'split', field: 'data.branches', severity: 'error' }));
    const duplicate = validateFlow(
      flow([
        { id: 'short', weight: 1 },
        { id: 'short', weight: 1 },
      ]),
      builtins,
    );
    expect(duplicate.problems).toContainEqual(
      expect.objectContaining({ field: 'data.branches[1].id', message: 'another branch has the same id' }),
    );
    const exits = builtins.get('split')?.exits({ branches: ninetyTen } as never);
    expect(exits).toEqual([
      { id: 'short', label: 'Short (90%)' },
      { id: 'long', label: 'Long (10%)' },
    ]);
  });

  it('only ever takes the branches that have weight', async () => {
    const onlyLong = createRuntime(
      compileFlow(
        flow([
          { id: 'short', weight: 0 },
          { id: 'long', weight: 5 },
        ]),
        builtins,
      ),
    );
    for (let i = 0; i < 100; i++) {
      const step = await onlyLong.start({ contact: { id: `c-${i}` } });
      expect(step.nodeId).toBe('long');
    }
  });
});
