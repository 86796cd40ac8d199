import { type SyncedTemplate, type TemplateItem, templateShape } from '@chatflow/engine';

const HEADER_TYPES = ['text', 'image', 'video', 'document'] as const;

/** An exit id from a button's text: "Talk to us" → `talk-to-us`. */
function exitId(text: string, index: number, taken: Set<string>): string {
  const base =
    text
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || `reply-${index + 1}`;
  let id = base === 'other' || base === 'next' ? `${base}-reply` : base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/**
 * The config of a template item for a picked template: one empty value per body placeholder
 * (positional or named), the header its format asks for, a suffix per URL button with a variable,
 * and an exit per quick reply. Values already typed for the same placeholders are kept.
 */
export function templateItemDraft(template: SyncedTemplate, previous?: TemplateItem): TemplateItem {
  const shape = templateShape(template);
  const same = previous?.name === template.name && previous.language === template.language ? previous : undefined;
  const format = shape.header?.format.toLowerCase();
  const headerType = HEADER_TYPES.find((t) => t === format);
  const wantsHeader = headerType && (headerType !== 'text' || (shape.header?.params ?? 0) > 0);
  const taken = new Set<string>();
  const buttons = shape.buttons.flatMap((button, index): NonNullable<TemplateItem['buttons']> => {
    const kept = same?.buttons?.find((b) => b.index === index);
    if (button.type === 'QUICK_REPLY')
      return [{ index, type: 'quick_reply', id: kept?.id ?? exitId(button.text, index, taken), label: button.text }];
    if (button.type === 'URL' && button.dynamic) return [{ index, type: 'url', text: kept?.text ?? '' }];
    return [];
  });
  return {
    name: template.name,
    language: template.language,
    ...(shape.named
      ? { namedParams: Object.fromEntries(shape.body.map((name) => [name, same?.namedParams?.[name] ?? ''])) }
      : shape.body.length > 0
        ? { params: shape.body.map((_, i) => same?.params?.[i] ?? '') }
        : {}),
    ...(wantsHeader ? { header: same?.header?.type === headerType ? same.header : { type: headerType } } : {}),
    ...(buttons.length > 0 ? { buttons } : {}),
  };
}
