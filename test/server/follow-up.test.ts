import type { FlowDocument } from '@chatflow/engine';
import type { SessionStore } from '@chatflow/server/src/ports/session-store';
import { afterEach, describe, expect, it } from 'vitest';
import { supportFlow } from './flows';
import { type Harness, received, startHarness, text, until } from './harness';

const at = { x: 0, y: 0 };
const DAY = 24 * 60 * 60 * 1000;

/** "2 days after an abandoned cart": a wait far longer than the 30-minute session timeout, then a follow-up. */
const cartFollowUp: FlowDocument = {
  schemaVersion: 1,
  id: 'cart-follow-up',
  name: 'Cart follow-up',
  start: 'total',
  settings: {
    sessionTimeoutMinutes: 30,
    outsideWindowTemplate: { name: 'cart_reminder', language: 'en_US', params: ['{{contact.name}}', '{{cart_total}}'] },
  },
  nodes: [
    { id: 'total', type: 'set-variable', version: 1, position: at, data: { assignments: [{ name: 'cart_total', value: '42.50' }] } },
    { id: 'hello', type: 'message', version: 1, position: at, data: { text: 'Your cart is saved.' } },
    { id: 'wait', type: 'wait', version: 1, position: at, data: { mode: 'delay', duration: 2, unit: 'days' } },
    { id: 'nudge', type: 'message', version: 1, position: at, data: { text: 'Still thinking about your cart?' } },
  ],
  edges: [
    { id: 'e0', source: 'total', sourceHandle: 'next', target: 'hello' },
    { id: 'e1', source: 'hello', sourceHandle: 'next', target: 'wait' },
    { id: 'e2', source: 'wait', sourceHandle: 'next', target: 'nudge' },
  ],
};

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Sessions that expire on the harness's clock, as a store would after that much real time. */
function expiringOn(clock: () => number) {
  return (sessions: SessionStore): SessionStore => {
    const expiry = new Map<string, number>();
    return Object.assign(Object.create(sessions) as SessionStore, {
      setSession: async (key: string, value: string, ttlSeconds: number) => {
        expiry.set(key, clock() + ttlSeconds * 1000);
        await sessions.setSession(key, value, ttlSeconds);
      },
      getSession: async (key: string) => ((expiry.get(key) ?? Number.POSITIVE_INFINITY) < clock() ? undefined : sessions.getSession(key)),
    });
  };
}

describe('follow-ups past the session timeout and the 24-hour window', () => {
  it('fires a 2-day wait after the 30-minute session timeout and sends the template outside the window', async () => {
    let now = () => Date.now();
    harness = await startHarness({ kind: 'in-process' }, { flows: [cartFollowUp, supportFlow], wrapSessions: expiringOn(() => now()) });
    const h = harness;
    now = h.clock.now;
    await h.post(text('wamid.F1', 'hi'));
    await h.service.idle();
    expect(received(h.graph)).toEqual(['Your cart is saved.']);

    h.clock.advance(2 * DAY + 60_000);
    await until(() => received(h.graph).length === 2);
    await h.service.idle();
    expect(received(h.graph)).toEqual(['Your cart is saved.', '[template] cart_reminder']);
    const template = h.graph.delivered().find((r) => r.body.type === 'template');
    expect(template?.body.template).toMatchObject({
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Sheena Nelson' },
            { type: 'text', text: '42.50' },
          ],
        },
      ],
    });
  });

  it("sends the node's own template item after the 2-day wait, with the contact's values, and no fallback", async () => {
    const ownTemplate: FlowDocument = {
      ...cartFollowUp,
      id: 'cart-template-item',
      settings: { sessionTimeoutMinutes: 30 },
      nodes: cartFollowUp.nodes.map((node) =>
        node.id === 'nudge'
          ? {
              ...node,
              data: {
                messages: [
                  {
                    type: 'template',
                    template: {
                      name: 'cart_items',
                      language: 'en_US',
                      namedParams: { first_name: '{{contact.name}}', total: '{{cart_total}}' },
                    },
                  },
                ],
              },
            }
          : node,
      ),
    };
    let now = () => Date.now();
    harness = await startHarness({ kind: 'in-process' }, { flows: [ownTemplate, supportFlow], wrapSessions: expiringOn(() => now()) });
    const h = harness;
    now = h.clock.now;
    await h.post(text('wamid.F2', 'hi'));
    await h.service.idle();
    h.clock.advance(2 * DAY + 60_000);
    await until(() => received(h.graph).length === 2);
    await h.service.idle();
    expect(received(h.graph)).toEqual(['Your cart is saved.', '[template] cart_items']);
    expect(h.graph.delivered().find((r) => r.body.type === 'template')?.body.template).toMatchObject({
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', parameter_name: 'first_name', text: 'Sheena Nelson' },
            { type: 'text', parameter_name: 'total', text: '42.50' },
          ],
        },
      ],
    });
  });
});
