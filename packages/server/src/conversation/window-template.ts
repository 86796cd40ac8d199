import { type FlowDocument, interpolate, type OutboundMessage } from '@chatflow/engine';

type FallbackTemplate = NonNullable<NonNullable<FlowDocument['settings']>['outsideWindowTemplate']>;

/**
 * The flow's outside-window template as a message, its parameters filled from the conversation's
 * `{{variables}}` and `{{contact.name}}` (Meta would otherwise show the placeholder as typed).
 */
export function windowTemplateMessage(
  template: FallbackTemplate,
  vars: Record<string, unknown>,
  contact: { id: string; name?: string },
): Extract<OutboundMessage, { kind: 'template' }> {
  return {
    kind: 'template',
    name: template.name,
    language: template.language,
    params: (template.params ?? []).map((param) => interpolate(param, { vars, contact })),
  };
}

/** A contact as the engine sees it. */
export function contactOf(contact: { id: string; name?: string }): { id: string; name?: string } {
  return { id: contact.id, ...(contact.name ? { name: contact.name } : {}) };
}
