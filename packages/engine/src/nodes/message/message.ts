import { defineNodeType } from '../../define-node-type';
import type { OutboundMessage } from '../../runtime/outbound-message';

const mediaTypes = ['image', 'document', 'audio', 'video', 'sticker'] as const;

/** Sends one or several messages in a row (text and media), then moves on. */
export const message = defineNodeType({
  type: 'message',
  version: 1,
  title: 'Message',
  description: 'Send text or media, then continue',
  category: 'Messages',
  icon: '💬',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    anyOf: [{ required: ['text'] }, { required: ['messages'] }],
    properties: {
      text: { type: 'string', title: 'Text', description: 'Use {{variable}} to insert a variable', minLength: 1, 'x-widget': 'textarea' },
      messages: {
        type: 'array',
        title: 'More messages',
        description: 'Sent after the text, in order',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['type'],
          properties: {
            type: { enum: ['text', ...mediaTypes], title: 'Type', default: 'text' },
            text: { type: 'string', title: 'Text', 'x-widget': 'textarea' },
            url: { type: 'string', title: 'Media URL' },
            mediaId: { type: 'string', title: 'Media id', description: 'A WhatsApp media id, instead of a URL' },
            media: {
              type: 'string',
              title: 'Media variable',
              description: 'A variable holding a file, e.g. {{voice}} (a media answer or a service’s answer)',
              pattern: '^\\{\\{\\s*[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*\\s*\\}\\}$',
            },
            caption: { type: 'string', title: 'Caption', maxLength: 1024 },
            filename: { type: 'string', title: 'File name' },
          },
          if: { properties: { type: { const: 'text' } } },
          then: { required: ['text'] },
          else: { anyOf: [{ required: ['url'] }, { required: ['mediaId'] }, { required: ['media'] }] },
        },
      },
    },
  },
  exits: () => [{ id: 'next', label: 'Next' }],
  summary: (config) => config.text ?? `${config.messages?.length ?? 0} message(s)`,
  checks: (config) =>
    config.text && config.text.length > 4096
      ? [
          {
            severity: 'warning',
            field: 'data.text',
            message: `is ${config.text.length} characters; WhatsApp shows 4096 per message, so it will be split`,
          },
        ]
      : [],
  compile: (config, ctx) => {
    const messages: OutboundMessage[] = config.text ? [{ kind: 'text', text: config.text }] : [];
    for (const item of config.messages ?? []) {
      if (item.type === 'text') messages.push({ kind: 'text', text: item.text ?? '' });
      else
        messages.push({
          kind: 'media',
          mediaType: item.type,
          ...(item.url ? { url: item.url } : {}),
          ...(item.mediaId ? { mediaId: item.mediaId } : {}),
          ...(item.media ? { media: item.media } : {}),
          ...(item.caption ? { caption: item.caption } : {}),
          ...(item.filename ? { filename: item.filename } : {}),
        });
    }
    return { entry: messages.map((m) => ctx.say(m)), always: { target: ctx.exit('next') } };
  },
});
