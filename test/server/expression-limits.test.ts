import { defaultRegistry, type FlowDocument, validateFlow } from '@chatflow/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, received, startHarness, text } from './harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

// At the bounds: 16 path segments, and 32 levels of nesting (the top level plus 31 brackets).
const longestPath = ['order', ...Array.from({ length: 15 }, (_, i) => `k${i}`)].join('.');
const deepest = `${'('.repeat(31)}visits${')'.repeat(31)} > 0`;

const boundsFlow: FlowDocument = {
  schemaVersion: 1,
  id: 'bounds',
  name: 'Expressions at the bounds',
  start: 'count',
  nodes: [
    {
      id: 'count',
      type: 'set-variable',
      version: 1,
      position: { x: 0, y: 0 },
      data: { assignments: [{ name: 'visits', mode: 'expression', value: `${longestPath} + visits + 1` }] },
    },
    { id: 'check', type: 'condition', version: 1, position: { x: 0, y: 100 }, data: { branches: [{ id: 'back', when: deepest }] } },
    { id: 'back', type: 'end', version: 1, position: { x: 0, y: 200 }, data: { text: 'Visit {{visits}}' } },
    { id: 'never', type: 'end', version: 1, position: { x: 200, y: 200 }, data: { text: 'Not counted' } },
  ],
  edges: [
    { id: 'e1', source: 'count', target: 'check' },
    { id: 'e2', source: 'check', sourceHandle: 'back', target: 'back' },
    { id: 'e3', source: 'check', sourceHandle: 'else', target: 'never' },
  ],
};

describe('expressions at the validation bounds', () => {
  it('pass validation and run every turn through the webhook', async () => {
    expect(validateFlow(boundsFlow, defaultRegistry).problems.filter((p) => p.severity === 'error')).toEqual([]);
    harness = await startHarness({ kind: 'in-process' }, { flows: [boundsFlow] });
    for (const id of ['wamid.B1', 'wamid.B2']) {
      expect((await harness.post(text(id, 'hi'))).status).toBe(200);
      await harness.service.idle();
    }
    expect(received(harness.graph)).toEqual(['Visit 1', 'Visit 1']);
  });
});
