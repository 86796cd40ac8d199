import { describe, expect, it } from 'vitest';
import { History } from './history';

describe('History', () => {
  it('undoes and redoes steps in order', () => {
    const history = new History<number>();
    history.record(0);
    history.record(1);
    expect(history.undo(2)).toBe(1);
    expect(history.undo(1)).toBe(0);
    expect(history.canUndo).toBe(false);
    expect(history.redo(0)).toBe(1);
    expect(history.redo(1)).toBe(2);
    expect(history.canRedo).toBe(false);
  });

  it('merges edits with the same key made close together into one step', () => {
    let now = 0;
    const history = new History<string>(200, 1000, () => now);
    history.record('', 'text');
    now = 300;
    history.record('H', 'text');
    now = 600;
    history.record('Hi', 'text');
    expect(history.undo('Hi!')).toBe('');
    expect(history.canUndo).toBe(false);
  });

  it('starts a new step after a pause, a different key, or a seal', () => {
    let now = 0;
    const history = new History<string>(200, 1000, () => now);
    history.record('a', 'text');
    now = 5000;
    history.record('b', 'text');
    history.record('c', 'other');
    history.seal();
    history.record('d', 'other');
    expect([history.undo('e'), history.undo('d'), history.undo('c'), history.undo('b')]).toEqual(['d', 'c', 'b', 'a']);
  });

  it('forgets the redo steps once a new edit is made', () => {
    const history = new History<number>();
    history.record(0);
    history.undo(1);
    history.record(0);
    expect(history.canRedo).toBe(false);
  });
});
