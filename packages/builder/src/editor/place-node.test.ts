import { describe, expect, it } from 'vitest';
import type { EditorNode } from './editor-node';
import { freeSpot, spotAfter } from './place-node';

const at = (id: string, x: number, y: number, height = 100): EditorNode => ({
  id,
  position: { x, y },
  data: {},
  measured: { width: 260, height },
});

describe('placing new nodes', () => {
  it('puts a node added after another to its right', () => {
    const previous = at('a', 0, 0);
    expect(spotAfter(previous, [previous])).toEqual({ x: 340, y: 0 });
  });

  it('moves down past the nodes already there, keeping a margin', () => {
    const previous = at('a', 0, 0);
    const taken = at('b', 340, 0, 150);
    const spot = spotAfter(previous, [previous, taken]);
    expect(spot.x).toBe(340);
    expect(spot.y).toBeGreaterThanOrEqual(150 + 24);
  });

  it('keeps a free spot as it is', () => {
    expect(freeSpot({ x: 1000, y: 1000 }, [at('a', 0, 0)])).toEqual({ x: 1000, y: 1000 });
  });
});
