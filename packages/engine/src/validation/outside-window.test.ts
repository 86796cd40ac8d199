import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../flow-document';
import { outsideWindowNodes } from './outside-window';

const at = { x: 0, y: 0 };
const flow: FlowDocument = {
  schemaVersion: 1,
  id: 'cart',
  name: 'Cart',
  start: 'hello',
  nodes: [
    { id: 'hello', type: 'message', position: at, data: { text: 'Saved your cart' } },
    { id: 'short', type: 'wait', position: at, data: { duration: 2, unit: 'hours' } },
    { id: 'ask', type: 'menu', position: at, data: { text: 'Still there?', options: [{ id: 'yes', label: 'Yes' }] } },
    { id: 'yes', type: 'message', position: at, data: { text: 'Great' } },
    { id: 'long', type: 'wait', position: at, data: { duration: 2, unit: 'days' } },
    { id: 'nudge', type: 'message', position: at, data: { text: 'Your cart misses you' } },
  ],
  edges: [
    { id: 'e1', source: 'hello', sourceHandle: 'next', target: 'short' },
    { id: 'e2', source: 'short', sourceHandle: 'next', target: 'ask' },
    { id: 'e3', source: 'ask', sourceHandle: 'yes', target: 'yes' },
    { id: 'e4', source: 'yes', sourceHandle: 'next', target: 'long' },
    { id: 'e5', source: 'long', sourceHandle: 'next', target: 'nudge' },
  ],
};

describe('outsideWindowNodes', () => {
  it('finds the nodes after a wait over 24 hours, and from the start until the customer replies', () => {
    expect(Object.fromEntries(outsideWindowNodes(flow))).toEqual({
      nudge: { kind: 'wait', nodeId: 'long', duration: '2 days' },
      hello: { kind: 'start' },
      short: { kind: 'start' },
      ask: { kind: 'start' },
    });
  });
});
