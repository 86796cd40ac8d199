import type { Problem } from '@chatflow/engine';
import { describe, expect, it } from 'vitest';
import { missingExits, problemsByEdge } from './problems-by-edge';

const problem = (edgeId: string | undefined, message: string, code = 'duplicate-exit-edge', field = 'exits.next'): Problem => ({
  severity: 'error',
  code,
  nodeId: 'menu',
  ...(edgeId ? { edgeId } : {}),
  field,
  message,
});

describe('problemsByEdge', () => {
  it('groups problems by edge and leaves node-only ones out', () => {
    const grouped = problemsByEdge([problem('e1', 'one'), problem('e2', 'two'), problem('e1', 'three'), problem(undefined, 'node')]);
    expect(Object.fromEntries([...grouped].map(([id, list]) => [id, list.map((p) => p.message)]))).toEqual({
      e1: ['one', 'three'],
      e2: ['two'],
    });
  });

  it('keeps the same list for an edge whose problems did not change, so it does not re-render', () => {
    const before = problemsByEdge([problem('e1', 'one'), problem('e2', 'two')]);
    const after = problemsByEdge([problem('e1', 'one'), problem('e2', 'changed')], before);
    expect(after.get('e1')).toBe(before.get('e1'));
    expect(after.get('e2')).not.toBe(before.get('e2'));
  });
});

describe('missingExits', () => {
  it('lists each exit that edges leave but the node no longer has, once', () => {
    const problems = [
      problem('e1', 'gone', 'unknown-exit', 'exits.option_2'),
      problem('e2', 'gone', 'unknown-exit', 'exits.option_2'),
      problem('e3', 'gone', 'unknown-exit', 'exits.option_3'),
      problem('e4', 'two edges', 'duplicate-exit-edge', 'exits.next'),
    ];
    expect(missingExits(problems)).toEqual(['option_2', 'option_3']);
  });
});
