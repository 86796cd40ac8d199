import type { FromSchema } from 'json-schema-to-ts';
import type { CheckFinding, Exit } from '../../define-node-type';
import type { OutboundMessage, TemplateButton } from '../../runtime/outbound-message';

const variable = '^\\{\\{\\s*[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*\\s*\\}\\}$';

/** The exit a reply takes that is none of the template's quick replies. */
export const OTHER_REPLY = 'other';

/**
 * A message item that is an approved WhatsApp template: its name and language as synced, and the
 * values of its parameters (`{{variables}}` filled at send time). The builder's template picker
 * edits it (`x-widget`); publishing checks it against the synced template.
 */
export const templateItemSchema = {
  type: 'object',
  title: 'Template',
  'x-widget': 'whatsapp-template',
  additionalProperties: false,
  required: ['name', 'language'],
  properties: {
    name: { type: 'string', title: 'Template name', pattern: '^[a-z0-9_]+$', maxLength: 512 },
    language: { type: 'string', title: 'Language', description: 'e.g. en_US', minLength: 2 },
    params: {
      type: 'array',
      title: 'Body parameters',
      description: 'The values of {{1}}, {{2}} … in order; {{variables}} are filled when sent',
      items: { type: 'string' },
    },
    namedParams: {
      type: 'object',
      title: 'Named parameters',
      description: 'For a template with named parameters: a value for each {{name}}',
      additionalProperties: { type: 'string' },
    },
    header: {
      type: 'object',
      title: 'Header',
      additionalProperties: false,
      required: ['type'],
      properties: {
        type: { enum: ['text', 'image', 'video', 'document'], title: 'Header type' },
        text: { type: 'string', title: 'Header parameter' },
        url: { type: 'string', title: 'Media URL' },
        media: { type: 'string', title: 'Media variable', description: 'A variable holding a file, e.g. {{invoice}}', pattern: variable },
        filename: { type: 'string', title: 'File name' },
      },
    },
    buttons: {
      type: 'array',
      title: 'Buttons',
      description: 'Quick replies become exits of the node; URL buttons take the suffix their URL ends with',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['index', 'type'],
        properties: {
          index: { type: 'integer', title: 'Position in the template', minimum: 0, maximum: 9 },
          type: { enum: ['quick_reply', 'url'], title: 'Button type' },
          id: { type: 'string', title: 'Exit id', pattern: '^[A-Za-z0-9_-]+$', minLength: 1, maxLength: 200 },
          label: { type: 'string', title: 'Label', description: "The button's text, shown on the exit" },
          text: { type: 'string', title: 'URL suffix', description: 'Appended to the button’s URL, e.g. {{order_id}}' },
        },
        if: { properties: { type: { const: 'quick_reply' } } },
        then: { required: ['id'] },
        else: { required: ['text'] },
      },
    },
  },
} as const;

/** A template item's config, as the schema above allows it. */
export type TemplateItem = FromSchema<typeof templateItemSchema>;

/** The template message a template item sends; a quick reply's payload is its exit id. */
export function templateMessage(item: TemplateItem): Extract<OutboundMessage, { kind: 'template' }> {
  const { header } = item;
  const buttons: TemplateButton[] = (item.buttons ?? []).map((b) =>
    b.type === 'quick_reply'
      ? { index: b.index, type: 'quick_reply', payload: b.id ?? '', ...(b.label ? { title: b.label } : {}) }
      : { index: b.index, type: 'url', text: b.text ?? '' },
  );
  return {
    kind: 'template',
    name: item.name,
    language: item.language,
    params: [...(item.params ?? [])],
    ...(item.namedParams ? { namedParams: { ...item.namedParams } } : {}),
    ...(header?.type === 'text' ? { header: { type: 'text', text: header.text ?? '' } } : {}),
    ...(header && header.type !== 'text'
      ? {
          header: {
            type: header.type,
            ...(header.url ? { url: header.url } : {}),
            ...(header.media ? { media: header.media } : {}),
            ...(header.filename ? { filename: header.filename } : {}),
          },
        }
      : {}),
    ...(buttons.length > 0 ? { buttons } : {}),
  };
}

/** The quick-reply exits of a node's template items, in order, plus the one for any other reply. */
export function quickReplyExits(items: readonly TemplateItem[]): Exit[] {
  const exits = items.flatMap((item) =>
    (item.buttons ?? []).flatMap((b) => (b.type === 'quick_reply' && b.id ? [{ id: b.id, label: b.label || b.id }] : [])),
  );
  return exits.length > 0 ? [...exits, { id: OTHER_REPLY, label: 'Other reply' }] : [];
}

/** A template item's design-time findings: empty parameters, header media without a source, exit ids that clash. */
export function templateItemChecks(item: TemplateItem, field: string, seen: Set<string>): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const header = item.header;
  // WhatsApp refuses a template with an empty parameter.
  for (const [i, value] of (item.params ?? []).entries())
    if (!value.trim()) findings.push({ severity: 'error', field: `${field}.params[${i}]`, message: `{{${i + 1}}} needs a value` });
  for (const [name, value] of Object.entries(item.namedParams ?? {}))
    if (!value.trim()) findings.push({ severity: 'error', field: `${field}.namedParams.${name}`, message: `{{${name}}} needs a value` });
  if (header?.type === 'text' && !header.text)
    findings.push({ severity: 'error', field: `${field}.header.text`, message: 'the header takes one parameter; give it a value' });
  if (header && header.type !== 'text' && !header.url && !header.media)
    findings.push({
      severity: 'error',
      field: `${field}.header`,
      message: `a ${header.type} header needs a media URL or a media variable`,
    });
  for (const [i, button] of (item.buttons ?? []).entries()) {
    if (button.type !== 'quick_reply' || !button.id) continue;
    const at = `${field}.buttons[${i}].id`;
    if (button.id === OTHER_REPLY || button.id === 'next')
      findings.push({ severity: 'error', field: at, message: `"${button.id}" is reserved for the node's own exit` });
    else if (seen.has(button.id))
      findings.push({ severity: 'error', field: at, message: `two quick replies have the exit id "${button.id}"` });
    seen.add(button.id);
  }
  return findings;
}
