import { defaultRegistry, type FlowDocument } from '@chatflow/engine';
import { describe, expect, it } from 'vitest';
import { indexVariables } from './variables-index';

describe('indexVariables', () => {
  it('lists where each variable is declared, set and used', () => {
    const flow: FlowDocument = {
      schemaVersion: 1,
      id: 'f',
      name: 'F',
      start: 'ask',
      variables: [{ name: 'plan', type: 'string' }],
      nodes: [
        {
          id: 'ask',
          type: 'menu',
          position: { x: 0, y: 0 },
          data: { text: 'Hi {{contact.name}}', options: [{ id: 'a', label: 'A' }], variable: 'choice' },
        },
        { id: 'say', type: 'message', position: { x: 0, y: 0 }, data: { text: 'You chose {{choice}} on {{ plan }}' } },
      ],
      edges: [],
    };
    expect(indexVariables(flow, defaultRegistry)).toEqual([
      { name: 'choice', setBy: ['ask'], usedBy: [{ nodeId: 'say', field: 'data.text' }], builtIn: false },
      {
        name: 'plan',
        declared: { name: 'plan', type: 'string' },
        setBy: [],
        usedBy: [{ nodeId: 'say', field: 'data.text' }],
        builtIn: false,
      },
      { name: 'contact.name', setBy: [], usedBy: [{ nodeId: 'ask', field: 'data.text' }], builtIn: true },
    ]);
  });
});
