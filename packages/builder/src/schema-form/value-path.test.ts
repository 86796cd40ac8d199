import { describe, expect, it } from 'vitest';
import { getAt, moveItem, pathToField, setAt } from './value-path';

describe('value paths', () => {
  const config = { text: 'Hi', options: [{ id: 'a', label: 'A' }] };

  it('reads and writes nested values without changing the original', () => {
    const next = setAt(config, ['options', 0, 'label'], 'Sales');
    expect(getAt(next, ['options', 0, 'label'])).toBe('Sales');
    expect(config.options[0]?.label).toBe('A');
    expect(getAt(next, ['text'])).toBe('Hi');
  });

  it('removes a key set to undefined and creates missing objects', () => {
    expect(setAt(config, ['text'], undefined)).toEqual({ options: config.options });
    expect(setAt({}, ['settings', 'timeout'], 5)).toEqual({ settings: { timeout: 5 } });
  });

  it('names fields the way the engine reports problems', () => {
    expect(pathToField(['options', 2, 'label'])).toBe('options[2].label');
  });

  it('moves list items', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b'], 1, 2)).toEqual(['a', 'b']);
  });
});
