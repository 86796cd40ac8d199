import { defaultRegistry } from '@chatflow/engine';
import { describe, expect, it } from 'vitest';
import type { EditorNode } from './editor-node';
import { searchNodes } from './search-nodes';

const nodes: EditorNode[] = [
  { id: 'welcome', type: 'message', position: { x: 0, y: 0 }, data: { text: 'Hello there' } },
  { id: 'pick', type: 'menu', position: { x: 0, y: 0 }, data: { text: 'Choose', options: [{ id: 'billing', label: 'Billing' }] } },
];

describe('searchNodes', () => {
  it('finds nodes by any text in their config, ignoring case', () => {
    expect(searchNodes(nodes, 'BILL', defaultRegistry).map((m) => m.id)).toEqual(['pick']);
  });

  it('finds nodes by id and type title', () => {
    expect(searchNodes(nodes, 'welc', defaultRegistry)).toEqual([{ id: 'welcome', icon: '💬', title: 'Message', summary: 'Hello there' }]);
    expect(searchNodes(nodes, 'menu', defaultRegistry).map((m) => m.id)).toEqual(['pick']);
  });

  it('finds nothing for an empty query', () => {
    expect(searchNodes(nodes, '  ', defaultRegistry)).toEqual([]);
  });
});
