import { describe, expect, it } from 'vitest';
import { autoLayout } from './auto-layout';
import type { EditorNode } from './editor-node';

const node = (id: string): EditorNode => ({ id, type: 'message', position: { x: 0, y: 0 }, data: {} });

describe('autoLayout', () => {
  it('places each node to the right of the one before it, and branches apart', async () => {
    const nodes = ['menu', 'yes', 'no'].map(node);
    const edges = [
      { id: 'a', source: 'menu', sourceHandle: 'yes', target: 'yes' },
      { id: 'b', source: 'menu', sourceHandle: 'no', target: 'no' },
    ];
    const exits = (n: EditorNode) =>
      n.id === 'menu'
        ? [
            { id: 'yes', label: 'Yes' },
            { id: 'no', label: 'No' },
          ]
        : [{ id: 'next', label: 'Next' }];
    const positions = await autoLayout(nodes, edges, exits);
    const at = (id: string) => positions.get(id)!;
    expect(at('yes').x).toBeGreaterThan(at('menu').x + 200);
    expect(at('no').x).toBe(at('yes').x);
    expect(at('no').y).toBeGreaterThan(at('yes').y);
  });
});
