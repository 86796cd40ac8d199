import type { MenuOption, OutboundMessage } from '@chatflow/engine';
import { describe, expect, it } from 'vitest';
import { toCloudApiMessages } from './cloud-api-payloads';

const options = (n: number, label = (i: number) => `Option ${i + 1}`): MenuOption[] =>
  Array.from({ length: n }, (_, i) => ({ id: `o${i + 1}`, label: label(i) }));
const menu = (n: number, extra: Partial<Extract<OutboundMessage, { kind: 'menu' }>> = {}): OutboundMessage => ({
  kind: 'menu',
  text: 'Choose one',
  options: options(n),
  style: 'auto',
  ...extra,
});

describe('toCloudApiMessages', () => {
  it('sends text as the reference outbound-text shape, previewing links', () => {
    expect(toCloudApiMessages({ kind: 'text', text: 'See https://example.com' })).toEqual([
      { type: 'text', text: { body: 'See https://example.com', preview_url: true } },
    ]);
  });

  it('splits a text over 4096 characters into several messages', () => {
    const parts = toCloudApiMessages({ kind: 'text', text: `${'a '.repeat(3000)}` });
    expect(parts).toHaveLength(2);
    for (const part of parts) expect((part.text as { body: string }).body.length).toBeLessThanOrEqual(4096);
  });

  it('shows up to three short options as reply buttons', () => {
    const [payload] = toCloudApiMessages(menu(3, { header: 'Hi', footer: 'Thanks' }));
    expect(payload).toEqual({
      type: 'interactive',
      interactive: {
        type: 'button',
        header: { type: 'text', text: 'Hi' },
        body: { text: 'Choose one' },
        footer: { text: 'Thanks' },
        action: {
          buttons: [1, 2, 3].map((i) => ({ type: 'reply', reply: { id: `o${i}`, title: `Option ${i}` } })),
        },
      },
    });
  });

  it('uses a list when a button title would exceed 20 characters, keeping the full label readable', () => {
    const [payload] = toCloudApiMessages({
      kind: 'menu',
      text: 'Shipping?',
      style: 'auto',
      options: [
        { id: 'express', label: 'Priority Mail Express' },
        { id: 'ground', label: 'USPS Ground Advantage for big parcels' },
      ],
    });
    const interactive = payload!.interactive as { type: string; action: { button: string; sections: { rows: unknown[] }[] } };
    expect(interactive.type).toBe('list');
    expect(interactive.action.button).toBe('Choose');
    expect(interactive.action.sections[0]?.rows).toEqual([
      { id: 'express', title: 'Priority Mail Express' },
      { id: 'ground', title: 'USPS Ground Advantage f…', description: 'USPS Ground Advantage for big parcels' },
    ]);
  });

  it('shows four to ten options as a list with titled sections when options name them', () => {
    const grouped = options(10).map((o, i) => ({ ...o, section: i < 5 ? 'Fast' : 'Cheap' }));
    const [payload] = toCloudApiMessages({ kind: 'menu', text: 'Pick', style: 'auto', options: grouped, button: 'Shipping Options' });
    const action = (payload!.interactive as { action: { button: string; sections: { title: string; rows: unknown[] }[] } }).action;
    expect(action.button).toBe('Shipping Options');
    expect(action.sections.map((s) => [s.title, s.rows.length])).toEqual([
      ['Fast', 5],
      ['Cheap', 5],
    ]);
  });

  it('beyond ten options sends a numbered text menu the customer answers with a number', () => {
    const parts = toCloudApiMessages(menu(12));
    expect(parts).toHaveLength(1);
    const body = (parts[0]!.text as { body: string }).body;
    expect(body.startsWith('Choose one\n\n1. Option 1\n2. Option 2')).toBe(true);
    expect(body).toContain('12. Option 12');
  });

  it('honours style "list" for three options and falls back from "buttons" to a list for five', () => {
    expect((toCloudApiMessages(menu(3, { style: 'list' }))[0]!.interactive as { type: string }).type).toBe('list');
    expect((toCloudApiMessages(menu(5, { style: 'buttons' }))[0]!.interactive as { type: string }).type).toBe('list');
  });

  it('sends media by id or link with a caption, and a caption over 1024 characters as text after it', () => {
    expect(toCloudApiMessages({ kind: 'media', mediaType: 'image', mediaId: '1003383421387256', caption: 'Taj Mahal' })).toEqual([
      { type: 'image', image: { id: '1003383421387256', caption: 'Taj Mahal' } },
    ]);
    expect(toCloudApiMessages({ kind: 'media', mediaType: 'document', url: 'https://x.test/a.pdf', filename: 'a.pdf' })).toEqual([
      { type: 'document', document: { link: 'https://x.test/a.pdf', filename: 'a.pdf' } },
    ]);
    const long = toCloudApiMessages({ kind: 'media', mediaType: 'video', url: 'https://x.test/v.mp4', caption: 'c'.repeat(1500) });
    expect(long.map((p) => p.type)).toEqual(['video', 'text']);
    expect(long[0]).toEqual({ type: 'video', video: { link: 'https://x.test/v.mp4' } });
  });

  it('sends a template with positional parameters as the reference example', () => {
    expect(
      toCloudApiMessages({ kind: 'template', name: 'order_confirmation', language: 'en_US', params: ['Jessica', 'SKBUP2-4CPIG9'] }),
    ).toEqual([
      {
        type: 'template',
        template: {
          name: 'order_confirmation',
          language: { policy: 'deterministic', code: 'en_US' },
          components: [
            {
              type: 'body',
              parameters: [
                { type: 'text', text: 'Jessica' },
                { type: 'text', text: 'SKBUP2-4CPIG9' },
              ],
            },
          ],
        },
      },
    ]);
  });

  it('sends a location', () => {
    expect(toCloudApiMessages({ kind: 'location', latitude: 1.5, longitude: 2.5, name: 'Shop' })).toEqual([
      { type: 'location', location: { latitude: '1.5', longitude: '2.5', name: 'Shop' } },
    ]);
  });

  it('sends named parameters, a text header, a document header by id and button parameters', () => {
    const [named] = toCloudApiMessages({
      kind: 'template',
      name: 'welcome',
      language: 'en_US',
      params: [],
      namedParams: { first_name: 'Ann' },
      header: { type: 'text', text: 'Order A-1' },
      buttons: [{ index: 0, type: 'quick_reply', payload: 'yes', title: 'Yes' }],
    });
    expect(named?.template).toEqual({
      name: 'welcome',
      language: { policy: 'deterministic', code: 'en_US' },
      components: [
        { type: 'header', parameters: [{ type: 'text', text: 'Order A-1' }] },
        { type: 'body', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Ann' }] },
        { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'yes' }] },
      ],
    });
    const [document] = toCloudApiMessages({
      kind: 'template',
      name: 'receipt',
      language: 'en_US',
      params: [],
      header: { type: 'document', mediaId: '1234', filename: 'receipt.pdf' },
    });
    expect(document?.template).toMatchObject({
      components: [{ type: 'header', parameters: [{ type: 'document', document: { id: '1234', filename: 'receipt.pdf' } }] }],
    });
  });
});
