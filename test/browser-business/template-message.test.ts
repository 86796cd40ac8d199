import type { FlowDocument } from '@chatflow/engine';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { node } from '../browser/support/canvas';
import { WABA_ID } from '../support/whatsapp-webhooks';
import { type BusinessBrowser, openBusinessBrowser } from './support/business-browser';

/** "3 days after the first visit": the nudge runs long after the customer's 24-hour window closed. */
const followUp: FlowDocument = {
  schemaVersion: 1,
  id: 'follow-up',
  name: 'Follow-up',
  start: 'hello',
  nodes: [
    { id: 'hello', type: 'message', version: 1, position: { x: 0, y: 0 }, data: { text: 'Thanks for visiting!' } },
    { id: 'wait', type: 'wait', version: 1, position: { x: 320, y: 0 }, data: { mode: 'delay', duration: 3, unit: 'days' } },
    { id: 'nudge', type: 'message', version: 1, position: { x: 640, y: 0 }, data: { text: 'Still interested?' } },
  ],
  edges: [
    { id: 'e1', source: 'hello', sourceHandle: 'next', target: 'wait' },
    { id: 'e2', source: 'wait', sourceHandle: 'next', target: 'nudge' },
  ],
};

// The admin turns a follow-up after a long wait into a template message picked from the synced templates.
describe('a template message in the flow editor', () => {
  let b: BusinessBrowser;
  const page = () => b.page;

  beforeAll(async () => {
    b = await openBusinessBrowser({ WHATSAPP_BUSINESS_ACCOUNT_ID: WABA_ID });
    b.world.graph.templates.byAccount.set(WABA_ID, [
      {
        id: '1001',
        name: 'order_update',
        language: 'en_US',
        status: 'APPROVED',
        category: 'UTILITY',
        components: [
          { type: 'BODY', text: 'Hi {{1}}, your order {{2}} is waiting' },
          { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Talk to us' }] },
        ],
      },
      { id: '1002', name: 'spring_sale', language: 'en_US', status: 'PENDING', category: 'MARKETING', components: [] },
    ]);
    expect((await b.world.admin.post('/api/templates/sync')).status).toBe(200);
    expect((await b.world.admin.post('/api/flows', { document: followUp })).status).toBe(201);
  }, 120_000);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail')
      await b?.screenshot(`template-message-failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await b?.close();
  });

  it('picks a synced template, fills its parameters and says it is what goes out after the long wait', async () => {
    await b.openAsAdmin('#/flows/follow-up');
    const nudge = node(page(), 'nudge');
    // A plain text after a 3-day wait: nothing would reach the customer, and the canvas says so.
    await nudge.getByTestId('window-note').getByText('After the 3 days wait “wait” the 24-hour window may be closed').waitFor();
    await nudge.getByTestId('window-note').getByText('this flow has no fallback template').waitFor();

    await nudge.click();
    const inspector = page().getByTestId('node-inspector');
    await inspector.getByTestId('inspector-window-note').getByText('no fallback template').waitFor();
    await inspector.getByRole('button', { name: /^\+ Add/ }).click();
    await inspector.locator('#node-nudge-messages-0-type').selectOption('template');
    const picker = inspector.getByTestId('template-field');
    const choose = picker.getByLabel('Template');
    // Only an approved template can be picked.
    expect(await choose.locator('option', { hasText: 'spring_sale' }).isDisabled()).toBe(true);
    await choose.selectOption({ label: 'order_update (en_US)' });
    await picker.getByTestId('template-body').getByText('Hi {{1}}, your order {{2}} is waiting').waitFor();
    await picker.getByText('{{1}} needs a value').waitFor();
    await picker.getByLabel('{{1}}').fill('{{contact.name}}');
    await picker.getByLabel('{{2}}').fill('A-1042');
    await expect.poll(() => picker.getByRole('alert').allTextContents()).toEqual([]);
    // The quick reply became an exit of the node.
    await picker.getByText('a tap leaves by the exit').waitFor();
    await nudge.locator('[data-exit="talk-to-us"]').waitFor();

    // Without the plain text, the template is all the node sends: the note names it.
    await inspector.getByLabel('Text').first().fill('');
    await nudge.getByTestId('window-note').getByText('the template “order_update” (en_US) is sent.').waitFor();
    await inspector.getByTestId('inspector-window-note').getByText('the template “order_update” (en_US) is sent.').waitFor();
    await b.screenshot('template-message-outside-window');

    // The saved draft holds the item as picked and filled.
    await expect
      .poll(async () => {
        const flow = await b.world.admin.get<{ draft: FlowDocument }>('/api/flows/follow-up');
        return flow.body.draft.nodes.find((n) => n.id === 'nudge')?.data.messages;
      })
      .toEqual([
        {
          type: 'template',
          template: {
            name: 'order_update',
            language: 'en_US',
            params: ['{{contact.name}}', 'A-1042'],
            buttons: [{ index: 0, type: 'quick_reply', id: 'talk-to-us', label: 'Talk to us' }],
          },
        },
      ]);
  });

  it('sends the template in the test chat, where tapping its quick reply takes the exit', async () => {
    const offer: FlowDocument = {
      schemaVersion: 1,
      id: 'offer',
      name: 'Offer',
      start: 'offer',
      nodes: [
        {
          id: 'offer',
          type: 'message',
          version: 1,
          position: { x: 0, y: 0 },
          data: {
            messages: [
              {
                type: 'template',
                template: {
                  name: 'order_update',
                  language: 'en_US',
                  params: ['{{contact.name}}', 'A-7'],
                  buttons: [{ index: 0, type: 'quick_reply', id: 'talk-to-us', label: 'Talk to us' }],
                },
              },
            ],
          },
        },
        { id: 'agent', type: 'message', version: 1, position: { x: 320, y: 0 }, data: { text: 'Someone will call you.' } },
      ],
      edges: [{ id: 'e1', source: 'offer', sourceHandle: 'talk-to-us', target: 'agent' }],
    };
    expect((await b.world.admin.post('/api/flows', { document: offer })).status).toBe(201);
    await b.openAsAdmin('#/flows/offer');
    await node(page(), 'offer').getByText('Template order_update').waitFor();
    await page().getByRole('button', { name: '▶ Test' }).click();
    const chat = page().getByTestId('chat');
    await chat.getByText('order_update (en_US)').waitFor();
    await chat.getByRole('button', { name: 'Talk to us' }).click();
    await chat.getByText('Someone will call you.').waitFor();
  });
});
