import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../flow-document';
import { type SyncedTemplate, templateUseProblems } from './template-uses';

const synced: SyncedTemplate[] = [
  {
    name: 'receipt',
    language: 'en_US',
    status: 'APPROVED',
    components: [
      { type: 'HEADER', format: 'DOCUMENT' },
      { type: 'BODY', text: 'Hi {{1}}, your receipt for {{2}}' },
      {
        type: 'BUTTONS',
        buttons: [
          { type: 'QUICK_REPLY', text: 'Thanks' },
          { type: 'URL', text: 'Open', url: 'https://x.example/{{1}}' },
        ],
      },
    ],
  },
];
const withItem = (template: Record<string, unknown>): FlowDocument => ({
  schemaVersion: 1,
  id: 'f',
  name: 'F',
  start: 'send',
  nodes: [{ id: 'send', type: 'message', position: { x: 0, y: 0 }, data: { messages: [{ type: 'template', template }] } }],
  edges: [],
});
const problems = (template: Record<string, unknown>) =>
  templateUseProblems(withItem({ name: 'receipt', language: 'en_US', ...template }), synced).map(
    (p) => `${p.nodeId} ${p.field}: ${p.message}`,
  );

describe('templateUseProblems', () => {
  it('accepts a template item that gives what the template takes', () => {
    expect(
      problems({
        params: ['{{contact.name}}', 'May'],
        header: { type: 'document', media: '{{pdf}}' },
        buttons: [
          { index: 0, type: 'quick_reply', id: 'thanks' },
          { index: 1, type: 'url', text: '{{id}}' },
        ],
      }),
    ).toEqual([]);
  });

  it('names the field of each mismatch: parameters, header and buttons', () => {
    expect(problems({ namedParams: { name: 'x' }, buttons: [{ index: 0, type: 'url', text: 'a' }] })).toEqual([
      'send data.messages[0].template.params: template "receipt" takes 2 body parameter(s); 0 given',
      'send data.messages[0].template.header: template "receipt" has a document header; give it a media URL or variable',
      'send data.messages[0].template.buttons[0]: template "receipt" has no URL button with a variable suffix at position 0',
      'send data.messages[0].template.buttons: template "receipt": the URL button "Open" needs its suffix (position 1)',
    ]);
  });

  it('checks nothing before a sync', () => {
    expect(templateUseProblems(withItem({ name: 'nope', language: 'en_US' }), [])).toEqual([]);
  });
});
