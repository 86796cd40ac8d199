import type { ConversationContext } from './conversation-context';

const placeholder = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)\s*\}\}/g;

/** The names a template reads, e.g. `customer_name` and `contact.name`. */
export function templateVariables(template: string): string[] {
  return [...template.matchAll(placeholder)].map((match) => match[1] as string);
}

/** Looks up `name` or `contact.name` or `order.total` in a conversation's variables. */
export function lookup(context: Pick<ConversationContext, 'vars' | 'contact'>, path: string): unknown {
  const [head, ...rest] = path.split('.');
  let value: unknown = head === 'contact' ? context.contact : context.vars;
  // Own properties only: `{{constructor}}` must not reach into JavaScript's prototypes.
  for (const key of head === 'contact' ? rest : [head as string, ...rest]) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Fills `{{variable}}` placeholders; unknown variables become empty text. */
export function interpolate(template: string, context: Pick<ConversationContext, 'vars' | 'contact'>): string {
  return mapPlaceholders(template, (path) => display(lookup(context, path)));
}

/** Replaces each `{{variable}}` placeholder with what `fill` gives for its name. */
export function mapPlaceholders(template: string, fill: (path: string) => string): string {
  if (!template.includes('{{')) return template;
  return template.replace(placeholder, (_, path: string) => fill(path));
}

function display(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
