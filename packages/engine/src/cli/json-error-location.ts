/** Where a JSON text stops being valid, as a 1-based line and column. */
export interface JsonErrorLocation {
  offset: number;
  line: number;
  column: number;
}

class Stop {
  constructor(readonly offset: number) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = '"\\/bfnrtu';
const HEX4 = /[0-9a-fA-F]{4}/y;

/**
 * Finds the first offending character of a JSON text. `JSON.parse` on Node 20 reports a
 * position for some errors only (not for "Unexpected token ..."), and never a line, so the CLI
 * scans the text itself to point a person at the right place.
 *
 * @returns undefined when the text is valid JSON.
 */
export function locateJsonError(text: string): JsonErrorLocation | undefined {
  let i = 0;
  const fail: () => never = () => {
    throw new Stop(i);
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i += 1;
  };
  const string = () => {
    i += 1;
    for (;;) {
      const c = text[i];
      if (c === undefined || c < ' ') fail();
      if (c === '"') {
        i += 1;
        return;
      }
      if (c === '\\') {
        i += 1;
        if (!ESCAPES.includes(text[i] ?? '!')) fail();
        if (text[i] === 'u') {
          HEX4.lastIndex = i + 1;
          if (!HEX4.test(text)) fail();
          i += 4;
        }
      }
      i += 1;
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') object();
    else if (c === '[') array();
    else if (c === '"') string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) fail();
      i = NUMBER.lastIndex;
    } else {
      const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
      if (!word) fail();
      i += word.length;
    }
  };
  const object = () => {
    i += 1;
    space();
    if (text[i] === '}') {
      i += 1;
      return;
    }
    for (;;) {
      space();
      if (text[i] !== '"') fail();
      string();
      space();
      if (text[i] !== ':') fail();
      i += 1;
      value();
      space();
      if (text[i] === '}') {
        i += 1;
        return;
      }
      if (text[i] !== ',') fail();
      i += 1;
    }
  };
  const array = () => {
    i += 1;
    space();
    if (text[i] === ']') {
      i += 1;
      return;
    }
    for (;;) {
      value();
      space();
      if (text[i] === ']') {
        i += 1;
        return;
      }
      if (text[i] !== ',') fail();
      i += 1;
    }
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return position(text, error.offset);
  }
}

function position(text: string, offset: number): JsonErrorLocation {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k += 1) {
    if (text[k] === '\n') {
      line += 1;
      lineStart = k + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}
