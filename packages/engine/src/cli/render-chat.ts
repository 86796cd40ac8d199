import type { Effect } from '../runtime/effect';
import type { OutboundMessage } from '../runtime/outbound-message';

const INDENT = '      ';

/** Colours for a terminal; plain text when piped or when NO_COLOR is set. */
export interface Palette {
  bot(text: string): string;
  note(text: string): string;
}

export const plainPalette: Palette = { bot: (t) => t, note: (t) => t };
export const ansiPalette: Palette = { bot: (t) => `\u001b[36m${t}\u001b[0m`, note: (t) => `\u001b[2m${t}\u001b[0m` };

/**
 * A bot message as terminal lines: text as is, menus as numbered options (the number or the
 * label is a valid reply), media, templates and locations as one labelled line.
 */
export function renderMessage(message: OutboundMessage, palette: Palette): string[] {
  const body = messageLines(message);
  return body.map((line, i) => (i === 0 ? `${palette.bot('bot ›')} ${line}` : `${INDENT}${line}`));
}

function messageLines(message: OutboundMessage): string[] {
  switch (message.kind) {
    case 'text':
      return message.text.split('\n');
    case 'media': {
      const source = message.file?.url ?? message.url ?? (message.mediaId ? `media ${message.mediaId}` : '');
      const name = message.filename ? ` ${message.filename}` : '';
      return [`[${message.mediaType}${name}] ${source}`.trim(), ...(message.caption ? message.caption.split('\n') : [])];
    }
    case 'menu': {
      const lines = [...(message.header ? [message.header.toUpperCase()] : []), ...message.text.split('\n')];
      const asList = message.style === 'list' || (message.style === 'auto' && message.options.length > 3);
      if (asList && message.button) lines.push(`☰ ${message.button}`);
      let section: string | undefined;
      message.options.forEach((option, i) => {
        if (option.section && option.section !== section) {
          section = option.section;
          lines.push(`  ${section}`);
        }
        lines.push(`  ${i + 1}) ${option.label}${option.description ? ` — ${option.description}` : ''}`);
      });
      if (message.footer) lines.push(`(${message.footer})`);
      return lines;
    }
    case 'template':
      return [`[template ${message.name}, ${message.language}]${message.params.length ? ` ${message.params.join(' | ')}` : ''}`];
    case 'location': {
      const label = [message.name, message.address].filter(Boolean).join(', ');
      return [`📍 ${label ? `${label} ` : ''}(${message.latitude}, ${message.longitude})`];
    }
  }
}

/** A non-message effect as one note line, or nothing for effects a person need not see. */
export function renderEffect(effect: Effect, palette: Palette): string | undefined {
  const note = (text: string) => palette.note(`${INDENT}· ${text}`);
  switch (effect.type) {
    case 'message.send':
    case 'timer.cancel':
    case 'node.enter':
    case 'node.exit':
      return undefined;
    case 'timer.schedule':
      return note(`timer set for ${duration(effect.delayMs)}; type /timeout to fire it now`);
    case 'handoff':
      return note(
        `handed off to ${effect.department}${effect.note ? ` (${effect.note})` : ''}; an agent has the conversation, type /release to hand it back`,
      );
    case 'variable.set':
      return note(`${effect.name} = ${JSON.stringify(effect.value)}`);
    case 'order.create': {
      const lines = effect.order.lines.map(
        (l) => `${l.quantity} × ${l.name}${l.variant ? ` (${l.variant})` : ''} @ ${money(l.unitPrice, effect.order.currency)}`,
      );
      return note(`order created: ${lines.join(', ')}; total ${money(effect.order.total, effect.order.currency)}`);
    }
    case 'flow.jump':
      return note(`jumps to flow "${effect.flowId}"; the terminal runs one flow, the server follows the jump`);
    case 'ai.usage':
      // The offline stand-in uses no tokens; a line saying so would only be noise.
      if (effect.inputTokens === 0 && effect.outputTokens === 0) return undefined;
      return note(`AI ${effect.model}: ${effect.inputTokens} tokens in, ${effect.outputTokens} out`);
    case 'node.failed':
      return note(`${effect.nodeId} failed: ${effect.reason}`);
    case 'conversation.end':
      return note(`conversation ended${effect.outcome ? ` (outcome: ${effect.outcome})` : ''}`);
  }
}

function duration(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000} d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}

function money(amount: number, currency: string): string {
  return `${amount.toFixed(2)} ${currency}`;
}
