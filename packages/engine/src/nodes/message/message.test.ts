import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../../default-registry';
import { botLines, runScript } from '../../testing/run-script';
import { validateFlow } from '../../validation/validate-flow';

const at = { x: 0, y: 0 };
const template = (buttons: Record<string, unknown>[]) => ({
  type: 'template',
  template: { name: 'order_update', language: 'en_US', params: ['{{contact.name}}'], buttons },
});
const flow = (buttons: Record<string, unknown>[]) => ({
  schemaVersion: 1,
  id: 'template-test',
  name: 'Template test',
  start: 'notify',
  nodes: [
    { id: 'notify', type: 'message', position: at, data: { messages: [template(buttons)] } },
    { id: 'agent', type: 'message', position: at, data: { text: 'Calling you' } },
    { id: 'other', type: 'message', position: at, data: { text: 'Sorry?' } },
  ],
  edges: [
    { id: 'e1', source: 'notify', sourceHandle: 'agent', target: 'agent' },
    { id: 'e2', source: 'notify', sourceHandle: 'other', target: 'other' },
  ],
});
const replies = [
  { index: 0, type: 'url', text: '{{contact.name}}' },
  { index: 1, type: 'quick_reply', id: 'agent', label: 'Talk to us' },
];

describe('message with a template', () => {
  it('waits after a template with quick replies: a tap takes its exit, anything else the "other" one', async () => {
    const tapped = await runScript(flow(replies), [{ kind: 'choice', id: 'agent', title: 'Talk to us' }]);
    expect(botLines(tapped.steps)).toEqual(['<template order_update Ana>', 'Calling you']);
    expect(botLines((await runScript(flow(replies), ['talk to us'])).steps).at(-1)).toBe('Calling you');
    expect(botLines((await runScript(flow(replies), ['what?'])).steps).at(-1)).toBe('Sorry?');
  });

  it('fills the URL suffix and names the payload of each quick reply', async () => {
    const { steps } = await runScript(flow(replies), []);
    const sent = steps.flatMap((s) => s.effects).find((e) => e.type === 'message.send');
    expect(sent).toMatchObject({
      message: {
        kind: 'template',
        params: ['Ana'],
        buttons: [
          { index: 0, type: 'url', text: 'Ana' },
          { index: 1, type: 'quick_reply', payload: 'agent', title: 'Talk to us' },
        ],
      },
    });
  });

  it('moves on at once without quick replies, and refuses a reserved or repeated exit id', async () => {
    // Without quick replies its one exit is `next`: edges from the reply exits are left dangling.
    expect(
      validateFlow(flow([]), defaultRegistry)
        .problems.filter((p) => p.code === 'unknown-exit')
        .map((p) => p.field),
    ).toEqual(['exits.agent', 'exits.other']);
    const alone = { ...flow([]), edges: [] };
    const { steps, last } = await runScript(alone, []);
    expect(botLines(steps)).toEqual(['<template order_update Ana>']);
    expect(last.status).toBe('done');
    const clash = flow([
      { index: 0, type: 'quick_reply', id: 'other' },
      { index: 1, type: 'quick_reply', id: 'agent' },
      { index: 2, type: 'quick_reply', id: 'agent' },
    ]);
    const messages = validateFlow(clash, defaultRegistry).problems.map((p) => `${p.field}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        `data.messages[0].template.buttons[0].id: "other" is reserved for the node's own exit`,
        'data.messages[0].template.buttons[2].id: two quick replies have the exit id "agent"',
      ]),
    );
  });
});
