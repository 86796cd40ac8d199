import { describe, expect, it } from 'vitest';
import { splitText, truncate } from './split-text';

describe('splitText', () => {
  it('keeps a text within the limit whole', () => {
    expect(splitText('Hello there', 4096)).toEqual(['Hello there']);
  });

  it('cuts at the last line break, else the last space, so no word is broken', () => {
    expect(splitText('line one\nline two', 12)).toEqual(['line one', 'line two']);
    expect(splitText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
  });

  it('cuts a word longer than the limit, never inside a surrogate pair', () => {
    expect(splitText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    const parts = splitText('ab😀cd', 3);
    expect(parts.join('')).toBe('ab😀cd');
    expect(parts).toEqual(['ab', '😀c', 'd']);
  });

  it('splits a 10,000-character text into parts of at most 4096 that add up to the text', () => {
    const text = Array.from({ length: 1200 }, (_, i) => `word${i}`).join(' ');
    const parts = splitText(text, 4096);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= 4096)).toBe(true);
    expect(parts.join(' ')).toBe(text);
  });
});

describe('truncate', () => {
  it('ends a cut title with an ellipsis within the limit', () => {
    expect(truncate('Priority Mail Express Plus', 20)).toBe('Priority Mail Expre…');
    expect(truncate('Short', 20)).toBe('Short');
  });
});
