import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './run-cli';

const dir = mkdtempSync(join(tmpdir(), 'flow-chat-'));
const node = (id: string, type: string, data: Record<string, unknown>) => ({ id, type, position: { x: 0, y: 0 }, data });
const edge = (source: string, sourceHandle: string, target: string) => ({ id: `${source}-${sourceHandle}`, source, sourceHandle, target });
function flowFile(name: string, start: string, nodes: unknown[], edges: unknown[]): string {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify({ schemaVersion: 1, id: name, name, start, nodes, edges }));
  return path;
}
const welcomeMenu = join(repoRoot, 'examples/flows/welcome-menu.json');
const jsonLines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

describe('pnpm flow chat', () => {
  it('reads user lines from a pipe and prints the conversation readably, menus as numbered options', () => {
    const run = runCli(['chat', welcomeMenu, '--name', 'Ana'], 'pizza\nopening hours\n2\n');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      [
        'bot › Hi Ana! 👋 Welcome to Casa Verde Coffee.',
        'bot › What can we do for you today?',
        '        1) Opening hours',
        '        2) Where to find us',
        '        3) Our coffees',
        'you › pizza',
        "bot › Sorry, I didn't get that. Tap one of the buttons, or reply 1, 2 or 3.",
        'bot › What can we do for you today?',
        '        1) Opening hours',
        '        2) Where to find us',
        '        3) Our coffees',
        'you › opening hours',
        "bot › We're open Monday to Friday 7:00–19:00, and weekends 8:00–17:00. ☕",
        'bot › Is there anything else I can help with?',
        '        1) Back to the menu',
        '        2) No, thanks',
        'you › 2',
        'bot › Thanks for stopping by! Write to us anytime. 💚',
        '      · conversation ended (outcome: answered)',
        '',
      ].join('\n'),
    );
  });

  it('prints one JSON object per effect with --json, a tapped option as a choice', () => {
    const run = runCli(['chat', '--json', welcomeMenu], '3\n2\n');
    expect(run.status).toBe(0);
    const effects = jsonLines(run.stdout);
    expect(effects.map((e) => e.type)).toEqual([
      'message.send',
      'message.send',
      'message.send',
      'message.send',
      'message.send',
      'conversation.end',
    ]);
    expect(effects[1]).toMatchObject({
      nodeId: 'main-menu',
      message: { kind: 'menu', text: 'What can we do for you today?', options: [{ id: 'hours' }, { id: 'location' }, { id: 'coffees' }] },
    });
    expect(effects[2]).toMatchObject({ nodeId: 'coffees', message: { kind: 'text', text: expect.stringContaining('Brazil Cerrado') } });
    expect(effects[5]).toEqual({ type: 'conversation.end', nodeId: 'goodbye', outcome: 'answered' });
  });

  it('fires the pending timer on /timeout, and says so when none is pending', () => {
    const path = flowFile(
      'timer',
      'ask',
      [
        node('ask', 'question', { text: 'What is your email?', variable: 'email', answerType: 'email', timeoutMinutes: 10 }),
        node('late', 'end', { text: 'No rush! Write again whenever you like.' }),
        node('thanks', 'end', { text: 'Thanks, {{email}}!' }),
      ],
      [edge('ask', 'timeout', 'late'), edge('ask', 'next', 'thanks'), edge('ask', 'invalid', 'late')],
    );
    const run = runCli(['chat', path], '/timeout\n/timeout\n');
    expect(run.stdout).toContain('· timer set for 10 min; type /timeout to fire it now');
    expect(run.stdout).toContain('you › /timeout\nbot › No rush! Write again whenever you like.');
    expect(run.stdout).toMatch(/you › \/timeout\n· no timer is pending\n$/);
    const answered = runCli(['chat', '--json', path], 'ana@example.com\n/timeout\n');
    const effects = jsonLines(answered.stdout);
    expect(effects).toContainEqual(expect.objectContaining({ type: 'timer.cancel', nodeId: 'ask' }));
    expect(effects).toContainEqual(expect.objectContaining({ type: 'variable.set', name: 'email', value: 'ana@example.com' }));
    expect(answered.stderr).toContain('no timer is pending');
  });

  it('hands off to an agent, and /release hands the conversation back', () => {
    const path = flowFile(
      'handoff',
      'agent',
      [
        node('agent', 'handoff', { department: 'support', text: 'Connecting you with our support team…' }),
        node('back', 'message', { text: 'Welcome back to the bot!' }),
      ],
      [edge('agent', 'released', 'back')],
    );
    const run = runCli(['chat', path], 'hello?\n/release\n/release\n');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('· handed off to support; an agent has the conversation, type /release to hand it back');
    expect(run.stdout).toContain('you › hello?\nyou › /release\nbot › Welcome back to the bot!');
    expect(run.stdout).toContain('· conversation ended');
  });

  it('takes business hours from --now', () => {
    const path = flowFile(
      'hours',
      'agent',
      [
        node('agent', 'handoff', {
          department: 'sales',
          useBusinessHours: true,
          businessHours: { timezone: 'Europe/Lisbon', weekly: { mon: [{ open: '09:00', close: '18:00' }] } },
          closedText: 'We are closed, back on Monday at 9.',
        }),
      ],
      [],
    );
    const sunday = runCli(['chat', path, '--now', '2025-06-01T12:00:00Z']);
    expect(sunday.stdout).toContain('bot › We are closed, back on Monday at 9.');
    const monday = runCli(['chat', path, '--now', '2025-06-02T12:00:00Z']);
    expect(monday.stdout).toContain('handed off to sales');
    const bad = runCli(['chat', path, '--now', 'tomorrow']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--now "tomorrow" is not a time');
  });

  it('sends any message with /send, and explains a bad one', () => {
    const path = flowFile(
      'location',
      'where',
      [node('where', 'question', { text: 'Where should we deliver?', variable: 'place', answerType: 'location' })],
      [],
    );
    const run = runCli(
      ['chat', '--json', path],
      '/send {"kind":"location"\n/send {"kind":"location","latitude":38.71,"longitude":-9.14}\n',
    );
    expect(run.stderr).toContain('the message must be JSON');
    expect(jsonLines(run.stdout)).toContainEqual(
      expect.objectContaining({ type: 'variable.set', name: 'place', value: expect.objectContaining({ latitude: 38.71 }) }),
    );
  });

  it('answers from the offline AI stand-in and leaves by the outcome the user names', () => {
    const path = flowFile(
      'ai',
      'assistant',
      [
        node('assistant', 'ai', {
          systemPrompt: 'You are a helpful barista.',
          greeting: 'Hi! Ask me anything about coffee.',
          tools: ['finish'],
          outcomes: [{ id: 'resolved', label: 'Resolved' }],
        }),
        node('bye', 'end', { text: 'Glad I could help!' }),
      ],
      [edge('assistant', 'resolved', 'bye')],
    );
    const run = runCli(['chat', path], 'Is the Ethiopian light roast?\nresolved\n');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('the AI node answers with an offline stand-in here');
    expect(run.stdout).toContain('bot › (offline AI) You said: "Is the Ethiopian light roast?". Try "resolved" to finish.');
    expect(run.stdout).toContain('bot › Glad I could help!');
  });

  it('takes an order from the demo catalog (examples/catalog.json) by default', () => {
    const orderCapture = join(repoRoot, 'examples/flows/order-capture.json');
    const run = runCli(
      ['chat', orderCapture, '--name', 'Ana'],
      'Brewing gear\nV60 paper filters\n2\nCheckout\nAna\nRua das Flores 28\nSkip\nConfirm\n',
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('· catalog: examples/catalog.json (9 products)');
    expect(run.stdout).toContain('      ☰ View\n        1) Coffee beans\n        2) Brewing gear\n        3) Merch');
    expect(run.stdout).toContain('· order created: 2 × V60 paper filters @ 5.50 EUR; total 11.00 EUR');
    expect(run.stdout).toContain('· conversation ended (outcome: ordered)');
  });

  it('keeps going after the end: text is refused, /restart starts over, /help lists the commands', () => {
    const run = runCli(['chat', welcomeMenu], '3\n2\nhello\n/restart\n/help\n/nope\n/quit\n1\n');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('· the conversation has ended; type /restart to start again, or /quit');
    expect(run.stdout.match(/Welcome to Casa Verde Coffee/g)).toHaveLength(2);
    expect(run.stdout).toContain('/timeout          fire the pending timer now');
    expect(run.stdout).toContain('· unknown command /nope; type /help');
    // Nothing after /quit is read.
    expect(run.stdout).not.toContain('you › 1');
  });

  it('refuses a flow with errors, naming node and field, and exits 1', () => {
    const path = flowFile('broken', 'ask', [node('ask', 'question', { text: 'Your name?' })], []);
    const run = runCli(['chat', path], 'hi\n');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('error: node "ask", field data.variable: is required');
    expect(run.stderr).toContain('has 1 error; fix them to chat with it');
    expect(run.stdout).toBe('');
  });

  it('refuses a catalog file that is not a catalog', () => {
    const catalog = join(dir, 'catalog.json');
    writeFileSync(catalog, JSON.stringify({ products: [{ id: 'x', name: 'X', price: 'cheap', currency: 'EUR' }] }));
    const run = runCli(['chat', welcomeMenu, '--catalog', catalog]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('is not a catalog: field products[0].price must be number');
    expect(run.stdout).toBe('');
  });
});
