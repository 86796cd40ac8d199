import type { CheckFinding } from '../../define-node-type';
import { defineNodeType } from '../../define-node-type';
import { matchOption } from '../../runtime/match-option';
import type { MenuOption, OutboundMessage } from '../../runtime/outbound-message';
import { OTHER_REPLY, quickReplyExits, type TemplateItem, templateItemChecks, templateItemSchema, templateMessage } from './template-item';

const mediaTypes = ['image', 'document', 'audio', 'video', 'sticker'] as const;

/**
 * Sends one or several messages in a row (text, media, WhatsApp templates), then moves on; when a
 * template has quick-reply buttons it waits instead, and the customer's tap takes that button's exit.
 */
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
            type: { enum: ['text', ...mediaTypes, 'template'], title: 'Type', default: 'text' },
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
            template: templateItemSchema,
          },
          if: { properties: { type: { const: 'text' } } },
          then: { required: ['text'] },
          else: {
            if: { properties: { type: { const: 'template' } } },
            then: { required: ['template'] },
            // Named here too so that a form shows the caption and file name with media only.
            else: {
              properties: { caption: {}, filename: {} },
              anyOf: [{ required: ['url'] }, { required: ['mediaId'] }, { required: ['media'] }],
            },
          },
        },
      },
    },
  },
  exits: (config) => {
    const replies = quickReplyExits(templatesOf(config));
    return replies.length > 0 ? replies : [{ id: 'next', label: 'Next' }];
  },
  summary: (config) => {
    const names = templatesOf(config).map((t) => t.name);
    return config.text ?? (names.length > 0 ? `Template ${names.join(', ')}` : `${config.messages?.length ?? 0} message(s)`);
  },
  checks: (config) => {
    const findings: CheckFinding[] = [];
    if (config.text && config.text.length > 4096)
      findings.push({
        severity: 'warning',
        field: 'data.text',
        message: `is ${config.text.length} characters; WhatsApp shows 4096 per message, so it will be split`,
      });
    const exitIds = new Set<string>();
    for (const [i, item] of (config.messages ?? []).entries()) {
      if (item.type === 'template' && item.template)
        findings.push(...templateItemChecks(item.template, `data.messages[${i}].template`, exitIds));
    }
    return findings;
  },
  compile: (config, ctx) => {
    const messages: OutboundMessage[] = config.text ? [{ kind: 'text', text: config.text }] : [];
    for (const item of config.messages ?? []) {
      if (item.type === 'text') messages.push({ kind: 'text', text: item.text ?? '' });
      else if (item.type === 'template' && item.template) messages.push(templateMessage(item.template));
      else if (item.type !== 'template')
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
    const entry = messages.map((m) => ctx.say(m));
    const replies: MenuOption[] = quickReplyExits(templatesOf(config))
      .filter((exit) => exit.id !== OTHER_REPLY)
      .map((exit) => ({ id: exit.id, label: exit.label }));
    if (replies.length === 0) return { entry, always: { target: ctx.exit('next') } };
    // A quick reply's tap comes back as a choice of its payload (the exit id); typing its label counts too.
    return {
      entry,
      on: {
        'user.message': [
          ...replies.map((reply) => ({ guard: ctx.guard('tapped', { reply: reply.id, replies }), target: ctx.exit(reply.id) })),
          { target: ctx.exit(OTHER_REPLY) },
        ],
      },
    };
  },
  guards: {
    tapped: ({ event, params }) =>
      event.type === 'user.message' && 'message' in event && matchOption(event.message, params.replies)?.id === params.reply,
  },
});

function templatesOf(config: { messages?: readonly { type: string; template?: TemplateItem }[] }): TemplateItem[] {
  return (config.messages ?? []).flatMap((item) => (item.type === 'template' && item.template ? [item.template] : []));
}
