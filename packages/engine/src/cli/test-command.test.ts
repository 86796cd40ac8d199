import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './run-cli';

const dir = mkdtempSync(join(tmpdir(), 'flow-test-'));
const welcome = JSON.parse(readFileSync(join(repoRoot, 'examples/flows/welcome-menu.json'), 'utf8'));
const write = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content, null, 2));
  return path;
};

describe('pnpm flow test', () => {
  it("passes the welcome example's own tests", () => {
    const run = runCli(['test', 'examples/flows/welcome-menu.json']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('✓ a customer asks for the opening hours');
    expect(run.stdout).toContain('2 of 2 tests passed');
    expect(run.status).toBe(0);
  });

  it('fails a wrong expectation, naming the test, the step and what the bot said instead', () => {
    const wrong = {
      ...welcome,
      tests: [
        ...welcome.tests,
        { name: 'hours on Sunday', steps: [{ say: 'hi' }, { choose: 'Opening hours' }, { expect: 'closed on Sundays' }] },
      ],
    };
    const run = runCli(['test', write('wrong.json', wrong)]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('✗ hours on Sunday');
    expect(run.stdout).toContain('step 3: expect "closed on Sundays"');
    expect(run.stdout).toContain('expected: a bot message containing "closed on Sundays"');
    expect(run.stdout).toMatch(/got: +"We're open Monday to Friday 7:00/);
    expect(run.stdout).toContain('2 of 3 tests passed');
  });

  it('fails when the bot waits elsewhere, a variable differs or an option does not exist', () => {
    const steps = [{ say: 'hi' }, { choose: 'Our coffees' }];
    const checks = {
      ...welcome,
      tests: [
        { name: 'node', steps: [...steps, { expectNode: 'main-menu' }] },
        { name: 'variable', steps: [...steps, { expectVariable: { name: 'contact.name', value: 'Ana' } }] },
        { name: 'option', steps: [{ say: 'hi' }, { choose: 'Pastries' }] },
      ],
    };
    const run = runCli(['test', '--json', write('checks.json', checks)]);
    expect(run.status).toBe(1);
    const { results } = JSON.parse(run.stdout);
    expect(results.map((r: { failure: unknown }) => r.failure)).toEqual([
      { step: 3, what: 'expectNode "main-menu"', expected: 'at node "main-menu"', actual: 'at node "anything-else"' },
      { step: 3, what: 'expectVariable {"name":"contact.name","value":"Ana"}', expected: '"Ana"', actual: '"Guest"' },
      { step: 2, what: 'choose "Pastries"', expected: 'the step to run', actual: 'the bot offers no option "Pastries"' },
    ]);
  });

  it('answers AI nodes from the recorded answers and fails a test that has none left', () => {
    const ai = JSON.parse(readFileSync(join(repoRoot, 'examples/flows/ai-assistant.json'), 'utf8'));
    const recorded = { ai: [{ text: 'Our Ethiopia is floral and bright.' }] };
    const tests = [
      { name: 'recorded', recorded, steps: [{ say: 'hi' }, { say: 'which coffee is floral?' }, { expect: 'Ethiopia is floral' }] },
      { name: 'unrecorded', steps: [{ say: 'hi' }, { say: 'which coffee is floral?' }] },
    ];
    const run = runCli(['test', write('ai.json', { ...ai, tests })]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('✓ recorded');
    expect(run.stdout).toContain('✗ unrecorded');
    expect(run.stdout).toContain('got:      node "barista" asked the AI, and the test has no recorded AI answer left');
  });

  it('refuses a flow without tests and a test naming a node the flow lacks', () => {
    const { tests: _none, ...untested } = welcome;
    const none = runCli(['test', write('none.json', untested)]);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('holds no tests');
    const unknown = runCli(['test', write('unknown.json', { ...welcome, tests: [{ name: 'x', steps: [{ expectNode: 'nowhere' }] }] })]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('field tests[0].steps[0].expectNode: test "x" expects node "nowhere", which this flow does not have');
  });
});
