import { describe, expect, it } from 'vitest';
import { locateJsonError } from './json-error-location';

describe('locateJsonError', () => {
  it('finds nothing wrong with valid JSON', () => {
    expect(locateJsonError('{"a": [1, -2.5e3, "x\\n\\u00e9", true, false, null, {}]}')).toBeUndefined();
  });

  it.each([
    ['a trailing comma in an object', '{\n  "a": 1,\n  }', { line: 3, column: 3 }],
    ['a trailing comma in an array', '[1,2,]', { line: 1, column: 6 }],
    ['a missing colon', '{\n"name" "Ana"}', { line: 2, column: 8 }],
    ['a single-quoted string', "{'a': 1}", { line: 1, column: 2 }],
    ['text that ends too early', '{\n  "a": [1, 2', { line: 2, column: 13 }],
    ['a comment', '{\n  // hi\n  "a": 1\n}', { line: 2, column: 3 }],
    ['a bad escape', '"\\x"', { line: 1, column: 3 }],
    ['two values', '{} {}', { line: 1, column: 4 }],
  ])('points at %s', (_, text, where) => {
    expect(locateJsonError(text)).toMatchObject(where);
  });
});
