import { type FlowDocument, type OutsideWindowCause, outsideWindowNodes } from '@chatflow/engine';

/** What the canvas says on a node that may run outside the customer's 24-hour window. */
export interface WindowNote {
  /** `warning` when nothing would reach the customer there (no template at all). */
  severity: 'info' | 'warning';
  text: string;
}

interface NodeMessages {
  /** The template items it sends, as `name (language)`. */
  templates: string[];
  /** Whether it sends anything that is not a template (text, media, a menu, a question). */
  plain: boolean;
}

/**
 * Notes for the nodes that may run outside WhatsApp's 24-hour window, saying which template is
 * used there: the node's own template items, and for its other messages the flow's fallback
 * template (`settings.outsideWindowTemplate`), or that nothing is delivered when it has none.
 *
 * @example
 * windowNotes(flow).get('nudge')?.text;
 * // 'After the 2 days wait “wait” the 24-hour window may be closed: WhatsApp delivers only templates, so the fallback template “cart_reminder” (en_US) goes instead.'
 */
export function windowNotes(document: FlowDocument): Map<string, WindowNote> {
  const notes = new Map<string, WindowNote>();
  const fallback = document.settings?.outsideWindowTemplate;
  const fallbackName = fallback ? `“${fallback.name}” (${fallback.language})` : undefined;
  for (const [nodeId, cause] of outsideWindowNodes(document)) {
    const node = document.nodes.find((n) => n.id === nodeId);
    const sent = node ? messagesOf(node.data) : undefined;
    if (!sent || (!sent.plain && sent.templates.length === 0)) continue;
    const own = sent.templates.length > 0 ? `the template ${sent.templates.join(', ')} is sent` : '';
    let text: string;
    let severity: WindowNote['severity'] = 'info';
    if (!sent.plain) text = `${own}.`;
    else if (fallbackName)
      text = `WhatsApp delivers only templates, so ${own ? `${own} and ` : ''}the fallback template ${fallbackName} goes instead of the rest.`;
    else {
      severity = own ? 'info' : 'warning';
      text = `WhatsApp delivers only templates${own ? `: ${own}, the rest is not delivered` : ', and this flow has no fallback template: nothing reaches the customer'}. Set one in Flow settings, or send a template message.`;
    }
    notes.set(nodeId, { severity, text: `${causeText(cause)}: ${text}` });
  }
  return notes;
}

function causeText(cause: OutsideWindowCause): string {
  return cause.kind === 'start'
    ? 'Started from outside (the start API) for a customer who has not written in 24 hours'
    : `After the ${cause.duration} wait “${cause.nodeId}” the 24-hour window may be closed`;
}

function messagesOf(data: Record<string, unknown>): NodeMessages {
  const items = Array.isArray(data.messages) ? (data.messages as { type?: string; template?: { name?: string; language?: string } }[]) : [];
  const templates = items.flatMap((item) =>
    item.type === 'template' && item.template?.name ? [`“${item.template.name}” (${item.template.language ?? '?'})`] : [],
  );
  const text = typeof data.text === 'string' && data.text.length > 0;
  const plain = text || items.some((item) => item.type !== 'template');
  return { templates, plain };
}
