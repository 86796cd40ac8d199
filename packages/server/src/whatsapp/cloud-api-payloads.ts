import type { MenuOption, OutboundMessage } from '@chatflow/engine';
import { splitText, truncate } from './split-text';
import { templatePayload } from './template-payload';

/** WhatsApp Cloud API limits (shared/reference/whatsapp-cloud-api.md §1–2). */
export const limits = {
  text: 4096,
  caption: 1024,
  buttons: 3,
  buttonTitle: 20,
  buttonBody: 1024,
  listRows: 10,
  listSections: 10,
  listBody: 4096,
  rowTitle: 24,
  rowDescription: 72,
  sectionTitle: 24,
  listButton: 20,
  header: 60,
  footer: 60,
  /** `biz_opaque_callback_data`, echoed in the message's status webhooks. */
  callbackData: 512,
} as const;

/** The body of one `POST /{phone_number_id}/messages`, without `messaging_product` and `to`. */
export type CloudApiMessage = { type: string } & Record<string, unknown>;

/**
 * Maps a channel-neutral message onto one or more Cloud API messages within WhatsApp's limits:
 * a menu becomes reply buttons, a list, or beyond ten options a numbered text menu; long texts are
 * split on line or word boundaries; a caption too long for the media follows it as text.
 *
 * @example
 * toCloudApiMessages({ kind: 'text', text: 'Hi' }); // [{ type: 'text', text: { body: 'Hi', preview_url: false } }]
 */
export function toCloudApiMessages(message: OutboundMessage): CloudApiMessage[] {
  switch (message.kind) {
    case 'text':
      return texts(message.text);
    case 'media':
      return media(message);
    case 'menu':
      return menu(message);
    case 'template':
      return [{ type: 'template', template: templatePayload(message) }];
    case 'location':
      return [
        {
          type: 'location',
          // Meta's published schema types the coordinates as strings.
          location: {
            latitude: String(message.latitude),
            longitude: String(message.longitude),
            ...(message.name ? { name: message.name } : {}),
            ...(message.address ? { address: message.address } : {}),
          },
        },
      ];
  }
}

function texts(text: string): CloudApiMessage[] {
  return splitText(text, limits.text).map((body) => ({ type: 'text', text: { body, preview_url: /https?:\/\//.test(body) } }));
}

function media(message: Extract<OutboundMessage, { kind: 'media' }>): CloudApiMessage[] {
  // Audio and stickers take no caption; a caption over the limit is sent as text right after the media.
  const canCaption = message.mediaType !== 'audio' && message.mediaType !== 'sticker';
  const caption = message.caption && canCaption && message.caption.length <= limits.caption ? message.caption : undefined;
  const object = {
    ...(message.mediaId ? { id: message.mediaId } : { link: message.url }),
    ...(caption ? { caption } : {}),
    ...(message.mediaType === 'document' && message.filename ? { filename: message.filename } : {}),
  };
  const follow = message.caption && !caption ? texts(message.caption) : [];
  return [{ type: message.mediaType, [message.mediaType]: object }, ...follow];
}

function menu(message: Extract<OutboundMessage, { kind: 'menu' }>): CloudApiMessage[] {
  const { options } = message;
  const fitsButtons =
    options.length <= limits.buttons &&
    options.every((o) => o.label.length <= limits.buttonTitle) &&
    message.text.length <= limits.buttonBody;
  const fitsList = options.length <= limits.listRows && message.text.length <= limits.listBody;
  if (message.style !== 'list' && fitsButtons) return [buttons(message)];
  if (fitsList) return [list(message)];
  return numberedMenu(message);
}

function chrome(message: Extract<OutboundMessage, { kind: 'menu' }>) {
  return {
    ...(message.header ? { header: { type: 'text', text: truncate(message.header, limits.header) } } : {}),
    body: { text: message.text },
    ...(message.footer ? { footer: { text: truncate(message.footer, limits.footer) } } : {}),
  };
}

function buttons(message: Extract<OutboundMessage, { kind: 'menu' }>): CloudApiMessage {
  return {
    type: 'interactive',
    interactive: {
      type: 'button',
      ...chrome(message),
      action: { buttons: message.options.map((o) => ({ type: 'reply', reply: { id: o.id, title: o.label } })) },
    },
  };
}

function list(message: Extract<OutboundMessage, { kind: 'menu' }>): CloudApiMessage {
  const groups = new Map<string, MenuOption[]>();
  for (const option of message.options) {
    const name = option.section ?? '';
    groups.set(name, [...(groups.get(name) ?? []), option]);
  }
  const many = groups.size > 1;
  const sections = [...groups].slice(0, limits.listSections).map(([title, rows]) => ({
    // A title is required once there are several sections.
    ...(title || many ? { title: truncate(title || 'Options', limits.sectionTitle) } : {}),
    rows: rows.map(row),
  }));
  return {
    type: 'interactive',
    interactive: {
      type: 'list',
      ...chrome(message),
      action: { button: truncate(message.button?.trim() || 'Choose', limits.listButton), sections },
    },
  };
}

/** A row keeps the full label readable: when the title must be cut, the label moves to the description. */
function row(option: MenuOption) {
  const cut = option.label.length > limits.rowTitle;
  const description = option.description ?? (cut ? option.label : undefined);
  return {
    id: option.id,
    title: truncate(option.label, limits.rowTitle),
    ...(description ? { description: truncate(description, limits.rowDescription) } : {}),
  };
}

/** Beyond ten options: numbered lines; the engine matches a reply of "3" to the third option. */
function numberedMenu(message: Extract<OutboundMessage, { kind: 'menu' }>): CloudApiMessage[] {
  const lines = message.options.map((o, i) => `${i + 1}. ${o.label}${o.description ? ` (${o.description})` : ''}`);
  const parts = [message.header, message.text, lines.join('\n'), message.footer].filter((p): p is string => Boolean(p));
  return texts(parts.join('\n\n'));
}
