import type { FlowDocument } from '@chatflow/engine';

const at = { x: 0, y: 0 };

/**
 * A small support bot that never ends: a welcome, a menu, and an answer that loops back to the
 * menu. Every customer message is answered with exactly two messages, so the load generator knows
 * when a turn is fully answered.
 */
export const benchFlow: FlowDocument = {
  schemaVersion: 1,
  id: 'bench',
  name: 'Bench support bot',
  start: 'welcome',
  nodes: [
    { id: 'welcome', type: 'message', version: 1, position: at, data: { text: 'Hi {{contact.name}}! Welcome to Lucky Shrub.' } },
    {
      id: 'menu',
      type: 'menu',
      version: 1,
      position: at,
      data: {
        text: 'How can we help?',
        options: [
          { id: 'sales', label: 'Sales' },
          { id: 'support', label: 'Support' },
        ],
        variable: 'topic',
      },
    },
    { id: 'sales', type: 'message', version: 1, position: at, data: { text: 'Our sales team is here for {{topic}}.' } },
    { id: 'support', type: 'message', version: 1, position: at, data: { text: 'Support here: tell us more.' } },
    { id: 'again', type: 'jump', version: 1, position: at, data: { to: 'node', node: 'menu' } },
  ],
  edges: [
    { id: 'e1', source: 'welcome', sourceHandle: 'next', target: 'menu' },
    { id: 'e2', source: 'menu', sourceHandle: 'sales', target: 'sales' },
    { id: 'e3', source: 'menu', sourceHandle: 'support', target: 'support' },
    { id: 'e4', source: 'sales', sourceHandle: 'next', target: 'again' },
    { id: 'e5', source: 'support', sourceHandle: 'next', target: 'again' },
    { id: 'e6', source: 'menu', sourceHandle: 'invalid', target: 'again' },
  ],
};

/** What each customer says, in order; each line gets two replies. */
export const script = ['hi', 'Sales', 'Support'];
export const REPLIES_PER_MESSAGE = 2;
