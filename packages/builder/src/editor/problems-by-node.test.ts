import type { Problem } from '@chatflow/engine';
import { describe, expect, it } from 'vitest';
import { problemsByNode } from './problems-by-node';

const problem = (nodeId: string | undefined, message: string): Problem => ({
  severity: 'error',
  code: 'schema',
  ...(nodeId ? { nodeId } : {}),
  field: 'data.text',
  message,
});

describe('problemsByNode', () => {
  it('groups problems by node and leaves flow-level ones out', () => {
    const grouped = problemsByNode([problem('a', 'one'), problem('b', 'two'), problem('a', 'three'), problem(undefined, 'flow')]);
    expect(Object.fromEntries([...grouped].map(([id, list]) => [id, list.map((p) => p.message)]))).toEqual({
      a: ['one', 'three'],
      b: ['two'],
    });
  });

  it('keeps the same list for a node whose problems did not change, so it does not re-render', () => {
    const before = problemsByNode([problem('a', 'one'), problem('b', 'two')]);
    const after = problemsByNode([problem('a', 'one'), problem('b', 'changed')], before);
    expect(after.get('a')).toBe(before.get('a'));
    expect(after.get('b')).not.toBe(before.get('b'));
  });
});
