import type { ConversationContext } from './conversation-context';
import { normalizeText } from './match-option';

/**
 * A small, safe expression language for conditions and computed variables. It is parsed by hand
 * (never `eval` or `new Function`), so a flow author can only read variables and compute values.
 *
 * Precedence, loosest first: `or ||`, `and &&`, `not !`, `== !=`, `< <= > >= contains in startsWith`,
 * `+ -`, `* / %`, unary `-`, then `.name`, `[index]` and calls. `not` binds looser than a comparison,
 * so `not status == 'paid'` means `not (status == 'paid')`.
 */
export type Expression =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'variable'; name: string }
  | { kind: 'member'; object: Expression; key: string }
  | { kind: 'index'; object: Expression; index: Expression }
  | { kind: 'list'; items: Expression[] }
  | { kind: 'not'; operand: Expression }
  | { kind: 'negate'; operand: Expression }
  | { kind: 'binary'; op: BinaryOperator; left: Expression; right: Expression }
  | { kind: 'call'; name: FunctionName; argument: Expression };

type BinaryOperator = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'contains' | 'in' | 'startsWith' | '+' | '-' | '*' | '/' | '%';
type FunctionName = keyof typeof functions;

/** The variables an expression can read: the flow's variables, and `contact`. */
export type ExpressionScope = Pick<ConversationContext, 'vars' | 'contact'>;

/** A parse error; `column` is 1-based and also named in the message. */
export class ExpressionError extends Error {
  readonly column: number;
  constructor(message: string, column: number) {
    super(`${message} at column ${column}`);
    this.name = 'ExpressionError';
    this.column = column;
  }
}

interface Token {
  type: 'number' | 'string' | 'name' | 'op' | 'end';
  text: string;
  value?: string | number;
  column: number;
}

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '+', '-', '*', '/', '%', '(', ')', '[', ']', ',', '.'];
const WORD_OPERATORS: Record<string, BinaryOperator> = { or: '||', and: '&&', contains: 'contains', in: 'in', startsWith: 'startsWith' };
const BINDING: Record<BinaryOperator, number> = {
  '||': 10,
  '&&': 20,
  '==': 30,
  '!=': 30,
  '<': 40,
  '<=': 40,
  '>': 40,
  '>=': 40,
  contains: 40,
  in: 40,
  startsWith: 40,
  '+': 50,
  '-': 50,
  '*': 60,
  '/': 60,
  '%': 60,
};
const NOT_BINDING = 25;
const NEGATE_BINDING = 70;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', "'": "'", '"': '"' };

/**
 * Bounds that keep parsing and evaluation cheap and off the edge of the call stack. They hold at
 * validation and at run time alike, so an expression that validates also runs.
 */
export const EXPRESSION_LIMITS = { length: 2000, depth: 32, pathSegments: 16 } as const;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    const column = i + 1;
    if (/\s/.test(ch)) {
      i += 1;
    } else if (/[0-9]/.test(ch)) {
      // After a `.` a number is a key (`items.0.name`), so it takes no fraction.
      const afterDot = tokens.at(-1)?.text === '.';
      const match = (afterDot ? /^[0-9]+/ : /^[0-9]+(\.[0-9]+)?/).exec(source.slice(i)) as RegExpExecArray;
      tokens.push({ type: 'number', text: match[0], value: Number(match[0]), column });
      i += match[0].length;
    } else if (ch === '"' || ch === "'") {
      let value = '';
      let j = i + 1;
      while (j < source.length && source[j] !== ch) {
        if (source[j] === '\\' && j + 1 < source.length) {
          const escaped = source[j + 1] as string;
          value += ESCAPES[escaped] ?? escaped;
          j += 2;
        } else {
          value += source[j];
          j += 1;
        }
      }
      if (j >= source.length) throw new ExpressionError('Unterminated string', column);
      tokens.push({ type: 'string', text: source.slice(i, j + 1), value, column });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(ch)) {
      const name = (/^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i)) as RegExpExecArray)[0];
      tokens.push({ type: 'name', text: name, column });
      i += name.length;
    } else {
      const op = OPERATORS.find((o) => source.startsWith(o, i));
      if (!op) {
        if (ch === '=') throw new ExpressionError("Unexpected '='; use '==' to compare", column);
        throw new ExpressionError(`Unexpected character '${ch}'`, column);
      }
      tokens.push({ type: 'op', text: op, column });
      i += op.length;
    }
  }
  tokens.push({ type: 'end', text: 'end of expression', column: source.length + 1 });
  return tokens;
}

/**
 * Parses an expression such as `age >= 18 and lower(city) == 'lisboa'`.
 *
 * @throws ExpressionError naming the column of the first problem.
 * @example
 * parseExpression('order.total > 100'); // { kind: 'binary', op: '>', ... }
 */
export function parseExpression(source: string): Expression {
  if (source.length > EXPRESSION_LIMITS.length)
    throw new ExpressionError(`Expression is longer than ${EXPRESSION_LIMITS.length} characters`, EXPRESSION_LIMITS.length + 1);
  const tokens = tokenize(source);
  let position = 0;
  let depth = 0;
  const peek = () => tokens[position] as Token;
  const next = () => tokens[position++] as Token;
  const describe = (token: Token) => (token.type === 'end' ? 'end of expression' : `'${token.text}'`);
  const expect = (text: string) => {
    const token = next();
    if (token.type !== 'op' || token.text !== text)
      throw new ExpressionError(`Expected '${text}' but found ${describe(token)}`, token.column);
  };
  const infixOperator = (token: Token): BinaryOperator | undefined => {
    if (token.type === 'op' && Object.hasOwn(BINDING, token.text)) return token.text as BinaryOperator;
    if (token.type === 'name' && Object.hasOwn(WORD_OPERATORS, token.text)) return WORD_OPERATORS[token.text];
    return undefined;
  };

  /** Every nesting (brackets, `not`, `-`, an operator's right side) goes through here, so depth is counted once. */
  function parse(minBinding: number): Expression {
    depth += 1;
    if (depth > EXPRESSION_LIMITS.depth)
      throw new ExpressionError(`Expression nests more than ${EXPRESSION_LIMITS.depth} levels deep`, peek().column);
    const expression = operators(minBinding);
    depth -= 1;
    return expression;
  }

  function operators(minBinding: number): Expression {
    let left = prefix();
    let segments = 1;
    for (;;) {
      const token = peek();
      if (token.type === 'op' && (token.text === '.' || token.text === '[')) {
        segments += 1;
        if (segments > EXPRESSION_LIMITS.pathSegments)
          throw new ExpressionError(`A path has more than ${EXPRESSION_LIMITS.pathSegments} segments`, token.column);
        next();
        if (token.text === '.') {
          const key = next();
          if (key.type !== 'name' && key.type !== 'number')
            throw new ExpressionError(`Expected a name after '.' but found ${describe(key)}`, key.column);
          left = { kind: 'member', object: left, key: key.text };
        } else {
          left = { kind: 'index', object: left, index: parse(0) };
          expect(']');
        }
        continue;
      }
      const op = infixOperator(token);
      if (!op || BINDING[op] <= minBinding) return left;
      next();
      left = { kind: 'binary', op, left, right: parse(BINDING[op]) };
    }
  }

  function prefix(): Expression {
    const token = next();
    if (token.type === 'number' || token.type === 'string') return { kind: 'literal', value: token.value as string | number };
    if (token.type === 'op') {
      if (token.text === '(') {
        const inner = parse(0);
        expect(')');
        return inner;
      }
      if (token.text === '[') return { kind: 'list', items: listItems() };
      if (token.text === '!') return { kind: 'not', operand: parse(NOT_BINDING) };
      if (token.text === '-') return { kind: 'negate', operand: parse(NEGATE_BINDING) };
    }
    if (token.type === 'name') {
      if (token.text === 'true' || token.text === 'false') return { kind: 'literal', value: token.text === 'true' };
      if (token.text === 'null') return { kind: 'literal', value: null };
      if (token.text === 'not') return { kind: 'not', operand: parse(NOT_BINDING) };
      if (!Object.hasOwn(WORD_OPERATORS, token.text)) {
        if (peek().text !== '(' || peek().type !== 'op') return { kind: 'variable', name: token.text };
        if (!Object.hasOwn(functions, token.text)) {
          throw new ExpressionError(`Unknown function '${token.text}' (known: ${Object.keys(functions).join(', ')})`, token.column);
        }
        next();
        const argument = parse(0);
        expect(')');
        return { kind: 'call', name: token.text as FunctionName, argument };
      }
    }
    throw new ExpressionError(`Expected a value but found ${describe(token)}`, token.column);
  }

  function listItems(): Expression[] {
    const items: Expression[] = [];
    if (peek().type === 'op' && peek().text === ']') {
      next();
      return items;
    }
    for (;;) {
      items.push(parse(0));
      const token = next();
      if (token.type === 'op' && token.text === ']') return items;
      if (token.type !== 'op' || token.text !== ',')
        throw new ExpressionError(`Expected ',' or ']' but found ${describe(token)}`, token.column);
    }
  }

  const expression = parse(0);
  const rest = peek();
  if (rest.type !== 'end') throw new ExpressionError(`Unexpected ${describe(rest)}`, rest.column);
  return expression;
}

const parsed = new Map<string, Expression>();
const PARSED_MAX = 1000;

/**
 * Parses (once per distinct source) and evaluates an expression against a conversation's
 * variables. Evaluation never throws: a missing variable is `null`, arithmetic on text that is not
 * a number is `null`. The result is plain JSON.
 *
 * @throws ExpressionError when the source does not parse (validation reports this earlier).
 * @example
 * evaluateExpression('count + 1', { vars: { count: 2 }, contact: { id: 'c1' } }); // 3
 */
export function evaluateExpression(source: string, scope: ExpressionScope): unknown {
  let expression = parsed.get(source);
  if (!expression) {
    expression = parseExpression(source);
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parsed.set(source, expression);
  }
  return evaluate(expression, scope) ?? null;
}

/** Evaluates a parsed expression; see {@link evaluateExpression}. */
export function evaluate(expression: Expression, scope: ExpressionScope): unknown {
  const run = (e: Expression) => evaluate(e, scope);
  switch (expression.kind) {
    case 'literal':
      return expression.value;
    case 'variable':
      return expression.name === 'contact' ? scope.contact : property(scope.vars, expression.name);
    case 'member':
      return property(run(expression.object), expression.key);
    case 'index': {
      const key = run(expression.index);
      return typeof key === 'number' || typeof key === 'string' ? property(run(expression.object), String(key)) : undefined;
    }
    case 'list':
      return expression.items.map((item) => run(item) ?? null);
    case 'not':
      return !isTruthy(run(expression.operand));
    case 'negate': {
      const value = toNumber(run(expression.operand));
      return value === null ? null : finite(-value);
    }
    case 'call':
      return functions[expression.name](run(expression.argument));
    case 'binary': {
      const left = run(expression.left);
      // `and` / `or` give back an operand, so `name or 'friend'` is a default value.
      if (expression.op === '&&') return isTruthy(left) ? run(expression.right) : left;
      if (expression.op === '||') return isTruthy(left) ? left : run(expression.right);
      return binary(expression.op, left, run(expression.right));
    }
  }
}

/**
 * Every variable an expression reads, as `name` or `contact.name` / `order.total` paths. Source
 * that does not parse reads nothing (validation reports it on its own).
 */
export function expressionVariables(expression: Expression | string): string[] {
  if (typeof expression === 'string') {
    try {
      return expressionVariables(parseExpression(expression));
    } catch (error) {
      if (error instanceof ExpressionError) return [];
      throw error;
    }
  }
  const found = new Set<string>();
  const visit = (e: Expression): void => {
    const path = variablePath(e);
    if (path) found.add(path);
    else for (const child of children(e)) visit(child);
  };
  visit(expression);
  return [...found];
}

function children(e: Expression): Expression[] {
  switch (e.kind) {
    case 'member':
      return [e.object];
    case 'index':
      return [e.object, e.index];
    case 'not':
    case 'negate':
      return [e.operand];
    case 'list':
      return e.items;
    case 'call':
      return [e.argument];
    case 'binary':
      return [e.left, e.right];
    default:
      return [];
  }
}

function variablePath(e: Expression): string | undefined {
  if (e.kind === 'variable') return e.name;
  if (e.kind !== 'member') return undefined;
  const base = variablePath(e.object);
  return base === undefined ? undefined : `${base}.${e.key}`;
}

const functions = {
  len: (value: unknown): number => {
    if (typeof value === 'string') return [...value].length;
    if (Array.isArray(value)) return value.length;
    if (value && typeof value === 'object') return Object.keys(value).length;
    return value === null || value === undefined ? 0 : String(value).length;
  },
  lower: (value: unknown): string => text(value).toLowerCase(),
  upper: (value: unknown): string => text(value).toUpperCase(),
  number: (value: unknown): number | null => toNumber(value),
  empty: (value: unknown): boolean =>
    value === null ||
    value === undefined ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) ? value.length === 0 : typeof value === 'object' && Object.keys(value).length === 0),
};

function binary(op: BinaryOperator, left: unknown, right: unknown): unknown {
  switch (op) {
    case '==':
      return equals(left, right);
    case '!=':
      return !equals(left, right);
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const order = compare(left, right);
      if (order === undefined) return false;
      return op === '<' ? order < 0 : op === '<=' ? order <= 0 : op === '>' ? order > 0 : order >= 0;
    }
    case 'contains':
      return contains(left, right);
    case 'in':
      return contains(right, left);
    case 'startsWith':
      return typeof left === 'string' && normalizeText(left).startsWith(normalizeText(text(right)));
    case '+':
      return add(left, right);
    default:
      return arithmetic(op, left, right);
  }
}

/** Text search ignores case and accents; list membership uses `==`. */
function contains(haystack: unknown, needle: unknown): boolean {
  if (Array.isArray(haystack)) return haystack.some((item) => equals(item, needle));
  if (typeof haystack === 'string') return normalizeText(haystack).includes(normalizeText(text(needle)));
  if (haystack && typeof haystack === 'object' && typeof needle === 'string') return Object.hasOwn(haystack, needle);
  return false;
}

/** Exact, except a number equals text holding that number (answers typed as text). */
function equals(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a === 'number' || typeof b === 'number') {
    const x = toNumber(a);
    return x !== null && x === toNumber(b);
  }
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

/** Numbers (and text holding numbers) compare as numbers; other text compares as text, so ISO dates order correctly. */
function compare(a: unknown, b: unknown): number | undefined {
  const x = toNumber(a);
  const y = toNumber(b);
  if (x !== null && y !== null) return x - y;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

function add(a: unknown, b: unknown): unknown {
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  const x = a ?? (typeof b === 'number' ? 0 : undefined);
  const y = b ?? (typeof a === 'number' ? 0 : undefined);
  if (typeof x === 'number' || typeof y === 'number') {
    const m = toNumber(x);
    const n = toNumber(y);
    if (m !== null && n !== null) return finite(m + n);
  }
  return text(a) + text(b);
}

/** A missing value counts as 0, so `count + 1` starts a counter; text that is not a number gives `null`. */
function arithmetic(op: BinaryOperator, a: unknown, b: unknown): number | null {
  const x = toNumber(a ?? 0);
  const y = toNumber(b ?? 0);
  if (x === null || y === null) return null;
  if (op === '-') return finite(x - y);
  if (op === '*') return finite(x * y);
  if (op === '/') return finite(x / y);
  return finite(x % y);
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return finite(value);
  if (typeof value !== 'string' || value.trim() === '') return null;
  return finite(Number(value.trim()));
}

/** How a condition reads a value: false, 0, '', null, a missing value and an empty list are false. */
export function isTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Own properties only: `x.constructor` must not reach into JavaScript's prototypes. */
function property(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
  return (value as Record<string, unknown>)[key];
}
