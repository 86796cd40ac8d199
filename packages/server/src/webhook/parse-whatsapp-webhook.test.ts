import { describe, expect, it } from 'vitest';
import { parseWhatsAppWebhook } from './parse-whatsapp-webhook';

const change = (value: Record<string, unknown>, field = 'messages') => ({
  object: 'whatsapp_business_account',
  entry: [{ id: 'waba', changes: [{ field, value: { messaging_product: 'whatsapp', metadata: { phone_number_id: 'PN1' }, ...value } }] }],
});
const message = (type: string, body: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  change({
    contacts: [{ profile: { name: 'Ana' }, wa_id: '5511999' }],
    messages: [{ from: '5511999', id: `wamid.${type}`, timestamp: '1749416383', type, ...body, ...extra }],
  });
const userMessages = (body: unknown) => parseWhatsAppWebhook(body).flatMap((i) => (i.kind === 'message' ? [i.message] : []));

describe('parseWhatsAppWebhook', () => {
  it('normalises a text message with its sender, name and time', () => {
    expect(parseWhatsAppWebhook(message('text', { text: { body: 'hi' } }))).toEqual([
      {
        kind: 'message',
        phoneNumberId: 'PN1',
        id: 'wamid.text',
        from: '5511999',
        name: 'Ana',
        timestamp: 1749416383000,
        message: { kind: 'text', text: 'hi' },
      },
    ]);
  });

  it('turns button, list and template quick replies into choices', () => {
    expect(
      userMessages(message('interactive', { interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes' } } })),
    ).toEqual([{ kind: 'choice', id: 'yes', title: 'Yes' }]);
    expect(
      userMessages(
        message('interactive', { interactive: { type: 'list_reply', list_reply: { id: 'r2', title: 'Row 2', description: 'd' } } }),
      ),
    ).toEqual([{ kind: 'choice', id: 'r2', title: 'Row 2' }]);
    expect(userMessages(message('button', { button: { payload: 'STOP_PROMOS', text: 'Stop promotions' } }))).toEqual([
      { kind: 'choice', id: 'STOP_PROMOS', title: 'Stop promotions' },
    ]);
  });

  it('passes a WhatsApp Flow reply (nfm_reply) as its JSON text', () => {
    const response = JSON.stringify({ flow_token: 't', name: 'Ana' });
    expect(
      userMessages(
        message('interactive', { interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json: response } } }),
      ),
    ).toEqual([{ kind: 'text', text: response }]);
  });

  it('normalises media, location, contacts and orders', () => {
    expect(userMessages(message('image', { image: { id: 'm1', mime_type: 'image/jpeg', caption: 'look' } }))).toEqual([
      { kind: 'media', mediaType: 'image', id: 'm1', mimeType: 'image/jpeg', caption: 'look' },
    ]);
    for (const type of ['document', 'audio', 'video', 'sticker']) {
      expect(userMessages(message(type, { [type]: { id: 'm2' } }))).toEqual([{ kind: 'media', mediaType: type, id: 'm2' }]);
    }
    expect(userMessages(message('location', { location: { latitude: -23.5, longitude: -46.6, name: 'Home' } }))).toEqual([
      { kind: 'location', latitude: -23.5, longitude: -46.6, name: 'Home' },
    ]);
    expect(
      userMessages(message('contacts', { contacts: [{ name: { formatted_name: 'Bob B' }, phones: [{ phone: '+1 555', type: 'CELL' }] }] })),
    ).toEqual([{ kind: 'contacts', contacts: [{ name: 'Bob B', phones: ['+1 555'] }] }]);
    expect(
      userMessages(
        message('order', {
          order: {
            catalog_id: 'cat',
            text: 'for today',
            product_items: [{ product_retailer_id: 'sku1', quantity: '2', item_price: '9.5', currency: 'USD' }],
          },
        }),
      ),
    ).toEqual([
      { kind: 'order', catalogId: 'cat', items: [{ productId: 'sku1', quantity: 2, price: 9.5, currency: 'USD' }], text: 'for today' },
    ]);
  });

  it('records reactions, unsupported and system messages as ignored', () => {
    for (const [type, body] of [
      ['reaction', { reaction: { message_id: 'wamid.x', emoji: '👍' } }],
      ['unsupported', { errors: [{ code: 131051, title: 'Message type unknown' }] }],
      ['system', { system: { body: 'changed number', type: 'user_changed_number' } }],
    ] as const) {
      const items = parseWhatsAppWebhook(message(type, body));
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ kind: 'ignored', phoneNumberId: 'PN1' });
    }
  });

  it('reads statuses with their errors, and every entry and change of a batch', () => {
    const batch = {
      object: 'whatsapp_business_account',
      entry: [
        message('text', { text: { body: 'one' } }).entry[0],
        {
          id: 'waba2',
          changes: [
            {
              field: 'messages',
              value: {
                metadata: { phone_number_id: 'PN2' },
                statuses: [
                  { id: 'wamid.out1', status: 'delivered', timestamp: '1698266945', recipient_id: '1' },
                  {
                    id: 'wamid.out2',
                    status: 'failed',
                    timestamp: 1698266946,
                    errors: [{ code: 131049, title: 'not delivered', error_data: { details: 'ecosystem' } }],
                  },
                ],
              },
            },
            { field: 'message_template_status_update', value: { event: 'APPROVED' } },
          ],
        },
      ],
    };
    expect(parseWhatsAppWebhook(batch).map((i) => [i.kind, 'id' in i ? i.id : i.phoneNumberId])).toEqual([
      ['message', 'wamid.text'],
      ['status', 'wamid.out1'],
      ['status', 'wamid.out2'],
      ['template-status', undefined],
    ]);
    expect(parseWhatsAppWebhook(batch)[2]).toMatchObject({
      status: 'failed',
      errors: [{ code: 131049, title: 'not delivered', details: 'ecosystem' }],
    });
  });

  it('records unknown fields, and never throws on strange shapes', () => {
    const items = parseWhatsAppWebhook(
      change({ brand_new_field: 1, messages: [{ id: 'x', type: 'text', text: { body: 'no sender' } }, 'junk', null] }),
    );
    expect(items.map((i) => (i.kind === 'ignored' ? i.reason : i.kind))).toEqual(['unknown fields', 'message without an id or a sender']);
    for (const body of [null, 42, 'x', [], {}, { object: 'page' }, { object: 'whatsapp_business_account', entry: 'x' }]) {
      expect(() => parseWhatsAppWebhook(body)).not.toThrow();
    }
  });

  it('takes a username-only sender by its business-scoped user id', () => {
    const body = change({
      contacts: [{ profile: { name: 'U' }, user_id: 'US.1349' }],
      messages: [{ from_user_id: 'US.1349', id: 'wamid.b', timestamp: '1', type: 'text', text: { body: 'hey' } }],
    });
    expect(parseWhatsAppWebhook(body)[0]).toMatchObject({ kind: 'message', from: 'US.1349', name: 'U' });
  });
});
