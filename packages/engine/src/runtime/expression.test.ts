import { describe, expect, it } from 'vitest';
import { EXPRESSION_LIMITS, ExpressionError, evaluateExpression, expressionVariables, parseExpression } from './expression';

const scope = {
  contact: { id: 'c1', name: 'Ana' },
  vars: {
    age: 20,
    typedAge: '17',
    city: 'Lisboa',
    tags: ['vip', 'new'],
    order: { total: 120.5, items: [{ name: 'Pizza' }, { name: 'Cola' }] },
    note: '   ',
    date: '2024-05-01',
  },
};
const run = (source: string) => evaluateExpression(source, scope);

describe('expression language', () => {
  it('reads literals, variables and dotted paths', () => {
    expect(run('42')).toBe(42);
    expect(run('3.5')).toBe(3.5);
    expect(run(`'it\\'s'`)).toBe("it's");
    expect(run('"double"')).toBe('double');
    expect(run('true')).toBe(true);
    expect(run('null')).toBe(null);
    expect(run('age')).toBe(20);
    expect(run('contact.name')).toBe('Ana');
    expect(run('order.total')).toBe(120.5);
    expect(run('order.items[1].name')).toBe('Cola');
    expect(run('order.items.0.name')).toBe('Pizza');
  });

  it('gives null for a missing variable instead of failing', () => {
    expect(run('nothing')).toBe(null);
    expect(run('nothing.deeper.still')).toBe(null);
    expect(run('nothing == null')).toBe(true);
  });

  it('does not reach into JavaScript prototypes', () => {
    expect(run('city.constructor')).toBe(null);
    expect(run('order.constructor')).toBe(null);
    expect(run('constructor')).toBe(null);
  });

  it('compares numbers, text holding numbers, and ISO dates', () => {
    expect(run('age >= 18')).toBe(true);
    expect(run('typedAge >= 18')).toBe(false);
    expect(run('typedAge == 17')).toBe(true);
    expect(run("'10' > '9'")).toBe(true);
    expect(run("date < '2024-12-31'")).toBe(true);
    expect(run("city == 'Lisboa' && age != 21")).toBe(true);
    expect(run("city == 'lisboa'")).toBe(false);
    expect(run('nothing > 3')).toBe(false);
  });

  it('combines with && || ! and the words and or not', () => {
    expect(run('age > 30 || city == "Lisboa"')).toBe(true);
    expect(run('age > 30 or not city == "Porto"')).toBe(true);
    expect(run('!(age > 18) and true')).toBe(false);
    expect(run('not age > 30')).toBe(true);
    expect(run("nothing or 'friend'")).toBe('friend');
  });

  it('computes with + - * / % and parentheses, respecting precedence', () => {
    expect(run('1 + 2 * 3')).toBe(7);
    expect(run('(1 + 2) * 3')).toBe(9);
    expect(run('10 - 4 - 3')).toBe(3);
    expect(run('7 % 3')).toBe(1);
    expect(run('-age + 1')).toBe(-19);
    expect(run('order.total * 2')).toBe(241);
    expect(run('1 / 0')).toBe(null);
    expect(run('city * 2')).toBe(null);
  });

  it('adds to a missing counter and concatenates text', () => {
    expect(run('count + 1')).toBe(1);
    expect(run('typedAge + 1')).toBe(18);
    expect(run("'Hello ' + contact.name + '!'")).toBe('Hello Ana!');
    expect(run("'Order ' + 5")).toBe('Order 5');
  });

  it('searches text ignoring case and accents, and lists by value', () => {
    expect(run("'I need HELP now' contains 'help'")).toBe(true);
    expect(run("city contains 'BOA'")).toBe(true);
    expect(run("city startsWith 'lis'")).toBe(true);
    expect(run("'São Paulo' startsWith 'sao'")).toBe(true);
    expect(run("tags contains 'vip'")).toBe(true);
    expect(run("'vip' in tags")).toBe(true);
    expect(run('age in [18, 19, 20]')).toBe(true);
    expect(run("city in ['Porto', 'Faro']")).toBe(false);
    expect(run("'boa' in city")).toBe(true);
  });

  it('offers len, lower, upper, number and empty', () => {
    expect(run('len(city)')).toBe(6);
    expect(run('len(tags)')).toBe(2);
    expect(run('len(nothing)')).toBe(0);
    expect(run("lower(city) == 'lisboa'")).toBe(true);
    expect(run('upper(contact.name)')).toBe('ANA');
    expect(run('number(typedAge) + 3')).toBe(20);
    expect(run("number('abc')")).toBe(null);
    expect(run('empty(note)')).toBe(true);
    expect(run('empty(nothing)')).toBe(true);
    expect(run('empty([])')).toBe(true);
    expect(run('empty(city)')).toBe(false);
    expect(run('!empty(tags)')).toBe(true);
  });

  it('names the column of a parse error', () => {
    const error = (source: string) => {
      try {
        parseExpression(source);
      } catch (e) {
        if (e instanceof ExpressionError) return { column: e.column, message: e.message };
        throw e;
      }
      throw new Error(`"${source}" parsed`);
    };
    expect(error('age >')).toEqual({ column: 6, message: 'Expected a value but found end of expression at column 6' });
    expect(error('age = 18')).toMatchObject({ column: 5, message: expect.stringContaining("use '==' to compare") });
    expect(error('(age > 18')).toMatchObject({ column: 10, message: expect.stringContaining("Expected ')'") });
    expect(error("name == 'Ana")).toMatchObject({ column: 9, message: expect.stringContaining('Unterminated string') });
    expect(error('age 18')).toMatchObject({ column: 5, message: "Unexpected '18' at column 5" });
    expect(error('size(x)')).toMatchObject({ column: 1, message: expect.stringContaining("Unknown function 'size'") });
    expect(error('a # b')).toMatchObject({ column: 3 });
    expect(error('')).toMatchObject({ column: 1 });
    expect(error('[1, 2')).toMatchObject({ column: 6, message: expect.stringContaining("Expected ',' or ']'") });
  });

  it('bounds length, nesting and path segments, and what passes also runs', () => {
    const { length, depth, pathSegments } = EXPRESSION_LIMITS;
    const nested = (levels: number) => `${'('.repeat(levels - 1)}age${')'.repeat(levels - 1)}`;
    const path = (segments: number) => ['order', ...Array.from({ length: segments - 1 }, () => 'x')].join('.');
    const reject = (source: string, message: string) => expect(() => parseExpression(source)).toThrow(message);

    expect(run(nested(depth))).toBe(20);
    reject(nested(depth + 1), `nests more than ${depth} levels deep at column ${depth + 1}`);
    reject(nested(10_000), `longer than ${length} characters`);
    reject(`${'not '.repeat(depth)}true`, 'nests more than');
    reject(`${'-'.repeat(depth)}1`, 'nests more than');
    reject(`${'1 + ('.repeat(depth)}1${')'.repeat(depth)}`, 'nests more than');
    reject(`${'['.repeat(depth + 1)}${']'.repeat(depth + 1)}`, 'nests more than');
    reject(`${'len('.repeat(depth)}1${')'.repeat(depth)}`, 'nests more than');

    expect(run(path(pathSegments))).toBe(null);
    expect(expressionVariables(path(pathSegments))).toEqual([path(pathSegments)]);
    reject(path(pathSegments + 1), `A path has more than ${pathSegments} segments`);
    reject(path(5_000), `longer than ${length} characters`);
    reject(`order${'[0]'.repeat(pathSegments)}`, 'more than');
    expect(expressionVariables(path(5_000))).toEqual([]);

    const longest = `${'1+'.repeat(length / 2 - 1)}10`;
    expect(longest).toHaveLength(length);
    expect(run(longest)).toBe(length / 2 + 9);
    expect(() => run('x'.repeat(length + 1))).toThrow(ExpressionError);
  });

  it('lists the variables an expression reads', () => {
    const source = "age > 18 && lower(contact.name) == 'ana' || order.items[0].name in tags or 'x' + missing";
    expect(expressionVariables(parseExpression(source)).sort()).toEqual(['age', 'contact.name', 'missing', 'order.items', 'tags']);
  });
});
