import type { NodeUpdate } from '../define-node-type';
import type { ConversationContext } from '../runtime/conversation-context';
import { HISTORY_LIMIT } from '../runtime/conversation-context';
import type { Effect } from '../runtime/effect';
import { isMediaFile, type MediaFile } from '../runtime/media-file';
import type { OutboundMessage } from '../runtime/outbound-message';
import type { AiMedia } from '../runtime/ports';
import { interpolate, lookup } from '../runtime/template';

/** The context after a node's update, and the effects it emits, in order. */
export function applyUpdate(
  context: ConversationContext,
  update: NodeUpdate,
  options: { history: boolean } = { history: true },
): { context: ConversationContext; effects: Effect[] } {
  const nodeId = context.nodeId;
  const effects: Effect[] = [];
  let { vars, node, history } = context;
  if (update.vars) {
    vars = { ...vars, ...update.vars };
    for (const [name, value] of Object.entries(update.vars)) effects.push({ type: 'variable.set', nodeId, name, value });
  }
  if (update.data || update.retries !== undefined) {
    node = { ...node, data: update.data ? { ...node.data, ...update.data } : node.data, retries: update.retries ?? node.retries };
  }
  for (const message of update.say ?? []) {
    effects.push({ type: 'message.send', nodeId, message });
    if (options.history) history = remember(history, 'assistant', messageText(message));
  }
  if (options.history) for (const entry of update.remember ?? []) history = remember(history, entry.role, entry.text);
  for (const effect of update.effects ?? []) effects.push({ ...effect, nodeId } as Effect);
  return { context: { ...context, vars, node, history }, effects };
}

export function remember(
  history: ConversationContext['history'],
  role: 'user' | 'assistant',
  text: string,
  media?: AiMedia,
): ConversationContext['history'] {
  const next = [...history, media ? { role, text, media } : { role, text }];
  return next.length > HISTORY_LIMIT ? next.slice(next.length - HISTORY_LIMIT) : next;
}

/** Fills `{{variable}}` templates in every text a message carries. */
export function fillMessage(message: OutboundMessage, context: ConversationContext): OutboundMessage {
  const fill = (text: string) => interpolate(text, context);
  switch (message.kind) {
    case 'text':
      return { ...message, text: fill(message.text) };
    case 'media': {
      const filled = {
        ...message,
        ...(message.url ? { url: fill(message.url) } : {}),
        ...(message.caption ? { caption: fill(message.caption) } : {}),
      };
      return withFile(filled, context);
    }
    case 'menu':
      return {
        ...message,
        text: fill(message.text),
        options: message.options.map((o) => ({
          ...o,
          label: fill(o.label),
          ...(o.description ? { description: fill(o.description) } : {}),
        })),
        ...(message.header ? { header: fill(message.header) } : {}),
        ...(message.footer ? { footer: fill(message.footer) } : {}),
      };
    case 'template':
      return fillTemplate(message, context);
    case 'location':
      return message;
  }
}

type Template = Extract<OutboundMessage, { kind: 'template' }>;

/** A template's parameters filled; a media header's `{{variable}}` resolved to the file it holds. */
function fillTemplate(message: Template, context: ConversationContext): Template {
  const fill = (text: string) => interpolate(text, context);
  const { header, namedParams, buttons } = message;
  return {
    ...message,
    params: message.params.map(fill),
    ...(namedParams ? { namedParams: Object.fromEntries(Object.entries(namedParams).map(([name, value]) => [name, fill(value)])) } : {}),
    ...(header?.type === 'text' ? { header: { ...header, text: fill(header.text) } } : {}),
    ...(header && header.type !== 'text'
      ? { header: withFile({ ...header, ...(header.url ? { url: fill(header.url) } : {}) }, context) }
      : {}),
    ...(buttons ? { buttons: buttons.map((b) => (b.type === 'url' ? { ...b, text: fill(b.text) } : b)) } : {}),
  };
}

/** A message part naming a media `{{variable}}`: carries the file instead when the variable holds one. */
function withFile<T extends { media?: string; file?: MediaFile }>(part: T, context: ConversationContext): T {
  const file = part.media ? lookup(context, part.media.replace(/^\{\{\s*|\s*\}\}$/g, '')) : undefined;
  if (!isMediaFile(file)) return part;
  const { media: _resolved, ...rest } = part;
  return { ...rest, file } as T;
}

/** A bot message as the plain text a person reads: a menu with its numbered options. */
export function messageText(message: OutboundMessage): string {
  switch (message.kind) {
    case 'text':
      return message.text;
    case 'menu':
      return `${message.text}\n${message.options.map((o, i) => `${i + 1}. ${o.label}`).join('\n')}`;
    case 'media':
      return message.caption ?? `[${message.mediaType}]`;
    case 'template':
      return `[template ${message.name}]`;
    case 'location':
      return message.name ?? '[location]';
  }
}
