import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

const dir = mkdtempSync(join(tmpdir(), 'flow-validate-'));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
};

const node = (id: string, type: string, data: Record<string, unknown>) => ({ id, type, position: { x: 0, y: 0 }, data });
const flow = (nodes: unknown[], edges: unknown[] = []) => ({
  schemaVersion: 1,
  id: 'cli-test',
  name: 'CLI test',
  start: 'hello',
  nodes,
  edges,
});

let valid: string;
let withWarning: string;
let invalid: string;

beforeAll(() => {
  valid = file(
    'valid.json',
    flow([node('hello', 'message', { text: 'Hi!' }), node('bye', 'end', {})], [{ id: 'e1', source: 'hello', target: 'bye' }]),
  );
  withWarning = file('warning.json', flow([node('hello', 'message', { text: 'Hi!' })]));
  invalid = file(
    'invalid.json',
    flow(
      [
        node('hello', 'menu', { text: 'Pick one', options: [{ id: 'a', label: 'A button label far too long' }] }),
        node('ask', 'question', { text: 'Your email?' }),
      ],
      [{ id: 'e1', source: 'hello', sourceHandle: 'a', target: 'nowhere' }],
    ),
  );
});

describe('pnpm flow validate', () => {
  it('exits 0 and says so for a valid flow', () => {
    const run = runCli(['validate', valid]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('valid.json is valid');
  });

  it('prints warnings and still exits 0', () => {
    const run = runCli(['validate', withWarning]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('warning: node "hello", field exits.next: exit "Next" is not connected; the conversation ends there');
    expect(run.stdout).toContain('is valid (1 warning)');
  });

  it('prints one line per problem naming node and field, and exits 1', () => {
    const run = runCli(['validate', invalid]);
    expect(run.status).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toContain('error: node "hello", field data.options[0].label: button label is 27 characters; WhatsApp allows 20');
    expect(lines).toContain('error: node "ask", field data.variable: is required');
    expect(lines).toContain('error: node "hello", field exits.a: edge "e1" goes to node "nowhere", which does not exist');
    expect(lines.at(-1)).toMatch(/invalid\.json is invalid: 3 errors/);
  });

  it('points at the line and column of bad JSON, without a stack trace', () => {
    const run = runCli(['validate', file('broken.json', '{\n  "schemaVersion": 1,\n  "id": "x",\n}\n')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('broken.json is not valid JSON at line 4, column 1');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('says plainly when the file cannot be read', () => {
    const missing = runCli(['validate', join(dir, 'missing.json')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe(`error: cannot read ${join(dir, 'missing.json')}: no such file`);
    const directory = runCli(['validate', dir]);
    expect(directory.stderr).toContain('it is a directory, not a file');
  });

  it('explains a document of the wrong shape instead of crashing', () => {
    const run = runCli(['validate', file('list.json', '[1, 2, 3]')]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('error: flow, field (document): must be object');
    const partial = runCli(['validate', file('partial.json', { schemaVersion: 1, id: 'x', nodes: 'none' })]);
    expect(partial.stdout).toContain('field name: is required');
    expect(partial.stdout).toContain('field nodes: must be array');
  });

  it('checks several files and fails when any is invalid', () => {
    const run = runCli(['validate', valid, invalid]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('valid.json is valid');
    expect(run.stdout).toContain('invalid.json is invalid');
  });

  it('prints one JSON object per file with --json', () => {
    const run = runCli(['validate', '--json', valid, invalid]);
    const results = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(results.map((r) => [r.file.endsWith('valid.json'), r.valid])).toEqual([
      [true, true],
      [true, false],
    ]);
    expect(results[1].problems).toContainEqual(expect.objectContaining({ nodeId: 'ask', field: 'data.variable', severity: 'error' }));
  });

  it('shows the usage and exits 2 when the command is incomplete', () => {
    const run = runCli(['validate']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Usage: pnpm flow <command>');
  });
});
