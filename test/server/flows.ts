import { defineNodeType, type FlowDocument } from '@chatflow/engine';

const at = { x: 0, y: 0 };

/** Welcome, then a menu with a timeout; each choice answers and ends. */
export const supportFlow: FlowDocument = {
  schemaVersion: 1,
  id: 'support',
  name: 'Support',
  start: 'welcome',
  nodes: [
    { id: 'welcome', type: 'message', version: 1, position: at, data: { text: 'Hi {{contact.name}}!' } },
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
        timeoutMinutes: 10,
      },
    },
    { id: 'sales', type: 'message', version: 1, position: at, data: { text: 'Sales here.' } },
    { id: 'support', type: 'message', version: 1, position: at, data: { text: 'Support here.' } },
    { id: 'late', type: 'message', version: 1, position: at, data: { text: 'Still there?' } },
    { id: 'bye', type: 'end', version: 1, position: at, data: { outcome: 'done' } },
  ],
  edges: [
    { id: 'e1', source: 'welcome', sourceHandle: 'next', target: 'menu' },
    { id: 'e2', source: 'menu', sourceHandle: 'sales', target: 'sales' },
    { id: 'e3', source: 'menu', sourceHandle: 'support', target: 'support' },
    { id: 'e4', source: 'menu', sourceHandle: 'timeout', target: 'late' },
    { id: 'e5', source: 'sales', sourceHandle: 'next', target: 'bye' },
    { id: 'e6', source: 'support', sourceHandle: 'next', target: 'bye' },
  ],
};

/** Answers every message with its running count, so lost, doubled or interleaved turns show. */
export const counter = defineNodeType({
  type: 'test-counter',
  version: 1,
  title: 'Counter',
  description: 'Echoes each message with its number',
  category: 'Custom',
  icon: '#',
  configSchema: { type: 'object', properties: {} },
  exits: () => [],
  compile: (_, ctx) => ({ on: { 'user.message': { actions: [ctx.action('count')] } } }),
  actions: {
    count: ({ context, event }) => {
      const count = Number(context.vars.count ?? 0) + 1;
      const said = event.type === 'user.message' && 'message' in event && event.message.kind === 'text' ? event.message.text : '?';
      return { vars: { count }, say: [{ kind: 'text', text: `#${count} ${said}` }] };
    },
  },
});

export const counterFlow: FlowDocument = {
  schemaVersion: 1,
  id: 'counter',
  name: 'Counter',
  start: 'count',
  nodes: [{ id: 'count', type: 'test-counter', version: 1, position: at, data: {} }],
  edges: [],
};

/** The support flow with a template for customers outside the 24-hour window. */
export const templatedFlow: FlowDocument = {
  ...supportFlow,
  id: 'templated',
  settings: { outsideWindowTemplate: { name: 'follow_up', language: 'en_US', params: ['{{contact.name}}'] } },
};

/** Half the customers get the short welcome, half the long one, by an A/B split that keeps each on theirs. */
export const greetingSplit: FlowDocument = {
  schemaVersion: 1,
  id: 'welcome-ab',
  name: 'Welcome A/B',
  start: 'split',
  nodes: [
    {
      id: 'split',
      type: 'split',
      version: 1,
      position: at,
      data: {
        branches: [
          { id: 'short', label: 'Short', weight: 50 },
          { id: 'long', label: 'Long', weight: 50 },
        ],
        variable: 'variant',
      },
    },
    { id: 'short', type: 'end', version: 1, position: { x: 340, y: 0 }, data: { text: 'Hi!' } },
    {
      id: 'long',
      type: 'end',
      version: 1,
      position: { x: 340, y: 180 },
      data: { text: 'Hello and welcome to the shop, how can we help?' },
    },
  ],
  edges: [
    { id: 'e1', source: 'split', sourceHandle: 'short', target: 'short' },
    { id: 'e2', source: 'split', sourceHandle: 'long', target: 'long' },
  ],
};
