import type { OutboundMessage } from '@chatflow/engine';

type TemplateMessage = Extract<OutboundMessage, { kind: 'template' }>;

/**
 * The Cloud API `template` object of a template message: body parameters positional (`{{1}}` …)
 * or named (`parameter_name`), the header's text or media (a link, or an uploaded media id), and
 * per button its quick-reply payload or its URL suffix, by the button's position.
 *
 * @example
 * templatePayload({ kind: 'template', name: 'order_shipped', language: 'en_US', params: ['Ann'] });
 * // { name: 'order_shipped', language: { policy: 'deterministic', code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ann' }] }] }
 */
export function templatePayload(message: TemplateMessage): Record<string, unknown> {
  const components: Record<string, unknown>[] = [];
  const { header } = message;
  if (header?.type === 'text') components.push({ type: 'header', parameters: [{ type: 'text', text: header.text }] });
  else if (header) {
    const media = {
      ...(header.mediaId ? { id: header.mediaId } : { link: header.url }),
      ...(header.type === 'document' && header.filename ? { filename: header.filename } : {}),
    };
    components.push({ type: 'header', parameters: [{ type: header.type, [header.type]: media }] });
  }
  const named = Object.entries(message.namedParams ?? {});
  const body =
    named.length > 0
      ? named.map(([name, text]) => ({ type: 'text', parameter_name: name, text }))
      : message.params.map((text) => ({ type: 'text', text }));
  if (body.length > 0) components.push({ type: 'body', parameters: body });
  for (const button of message.buttons ?? []) {
    components.push({
      type: 'button',
      sub_type: button.type,
      index: String(button.index),
      parameters: [button.type === 'quick_reply' ? { type: 'payload', payload: button.payload } : { type: 'text', text: button.text }],
    });
  }
  return {
    name: message.name,
    // Meta's published schema requires the (only) language policy.
    language: { policy: 'deterministic', code: message.language },
    ...(components.length > 0 ? { components } : {}),
  };
}
