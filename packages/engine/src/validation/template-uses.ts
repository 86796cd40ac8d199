import type { FlowDocument } from '../flow-document';
import type { TemplateItem } from '../nodes/message/template-item';
import type { Problem } from './problem';

/** A template as synced from Meta (`GET /api/templates`): its components in Meta's shape. */
export interface SyncedTemplate {
  name: string;
  language: string;
  status: string;
  components: readonly Record<string, unknown>[];
}

/** What a synced template asks a send to give: the placeholders of its header and body, and its buttons. */
export interface TemplateShape {
  /** `TEXT`, `IMAGE`, `VIDEO`, `DOCUMENT` (…), and how many parameters a text header takes. */
  header?: { format: string; params: number };
  /** The body's placeholders, in order of first use: `1`, `2` … or names. */
  body: string[];
  /** Whether the body uses named parameters (`{{first_name}}`) rather than positional ones. */
  named: boolean;
  buttons: { type: string; text: string; url?: string /** A URL ending in `{{1}}`: it takes a suffix. */; dynamic: boolean }[];
}

const placeholder = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

function placeholders(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  return [...new Set([...text.matchAll(placeholder)].map((m) => m[1] as string))];
}

/** Reads a synced template's components into what a send must match. */
export function templateShape(template: Pick<SyncedTemplate, 'components'>): TemplateShape {
  const component = (type: string) => template.components.find((c) => String(c.type).toUpperCase() === type);
  const header = component('HEADER');
  const body = placeholders(component('BODY')?.text);
  const listed = component('BUTTONS')?.buttons;
  const buttons = (Array.isArray(listed) ? (listed as Record<string, unknown>[]) : []).map((b) => ({
    type: String(b.type ?? '').toUpperCase(),
    text: String(b.text ?? ''),
    ...(typeof b.url === 'string' ? { url: b.url } : {}),
    dynamic: typeof b.url === 'string' && placeholders(b.url).length > 0,
  }));
  return {
    ...(header ? { header: { format: String(header.format ?? 'TEXT').toUpperCase(), params: placeholders(header.text).length } } : {}),
    body,
    named: body.some((name) => !/^\d+$/.test(name)),
    buttons,
  };
}

/**
 * The flow's templates checked against the synced ones: the fallback template and every template
 * item of a message node must exist in its language, be APPROVED, and be given exactly the
 * parameters, header and buttons the template has. Before any sync nothing is known: no problems.
 *
 * @example
 * templateUseProblems(flow, await api.templates.list()); // [{ code: 'template-parameters', nodeId: 'notify', field: 'data.messages[0].template.params', … }]
 */
export function templateUseProblems(document: FlowDocument, synced: readonly SyncedTemplate[]): Problem[] {
  if (synced.length === 0) return [];
  const problems: Problem[] = [];
  const wanted = document.settings?.outsideWindowTemplate;
  if (wanted) {
    const field = 'settings.outsideWindowTemplate';
    const found = approved(wanted, synced, field, problems);
    const shape = found && templateShape(found);
    const expected = shape ? shape.body.length + (shape.header?.params ?? 0) : 0;
    const given = wanted.params?.length ?? 0;
    if (shape && given !== expected)
      problems.push(
        error('template-parameters', field, `template "${wanted.name}" takes ${expected} parameter(s); ${given} given in params`),
      );
  }
  for (const node of document.nodes) {
    if (node.type !== 'message') continue;
    const items = (node.data as { messages?: { type?: string; template?: TemplateItem }[] }).messages ?? [];
    for (const [i, item] of items.entries()) {
      if (item.type !== 'template' || !item.template) continue;
      const field = `data.messages[${i}].template`;
      const found: Problem[] = [];
      const template = approved(item.template, synced, field, found);
      if (template) found.push(...itemProblems(item.template, templateShape(template), field));
      problems.push(...found.map((p) => ({ ...p, nodeId: node.id })));
    }
  }
  return problems;
}

function error(code: string, field: string, message: string): Problem {
  return { severity: 'error', code, field, message };
}

function approved(
  wanted: { name: string; language: string },
  synced: readonly SyncedTemplate[],
  field: string,
  into: Problem[],
): SyncedTemplate | undefined {
  const found = synced.find((t) => t.name === wanted.name && t.language === wanted.language);
  if (!found) {
    into.push(error('template-unknown', field, `template "${wanted.name}" (${wanted.language}) is not among the synced templates`));
    return undefined;
  }
  if (found.status !== 'APPROVED') {
    into.push(
      error(
        'template-not-approved',
        field,
        `template "${wanted.name}" is ${found.status.toLowerCase()}; only an approved template can be sent`,
      ),
    );
    return undefined;
  }
  return found;
}

function itemProblems(item: TemplateItem, shape: TemplateShape, field: string): Problem[] {
  const problems: Problem[] = [];
  const name = item.name;
  if (shape.named) {
    const given = Object.keys(item.namedParams ?? {});
    const missing = shape.body.filter((p) => !given.includes(p));
    const extra = given.filter((p) => !shape.body.includes(p));
    if (missing.length > 0 || extra.length > 0 || (item.params?.length ?? 0) > 0)
      problems.push(
        error(
          'template-parameters',
          `${field}.namedParams`,
          `template "${name}" takes the named parameters ${shape.body.join(', ')}${missing.length ? `; missing ${missing.join(', ')}` : ''}${extra.length ? `; not in the template: ${extra.join(', ')}` : ''}`,
        ),
      );
  } else {
    const given = item.params?.length ?? 0;
    if (given !== shape.body.length || Object.keys(item.namedParams ?? {}).length > 0)
      problems.push(
        error('template-parameters', `${field}.params`, `template "${name}" takes ${shape.body.length} body parameter(s); ${given} given`),
      );
  }
  problems.push(...headerProblems(item, shape, field));
  for (const [i, button] of (item.buttons ?? []).entries()) {
    const at = shape.buttons[button.index];
    const kind = button.type === 'quick_reply' ? 'QUICK_REPLY' : 'URL';
    if (!at || at.type !== kind || (kind === 'URL' && !at.dynamic))
      problems.push(
        error(
          'template-buttons',
          `${field}.buttons[${i}]`,
          `template "${name}" has no ${kind === 'URL' ? 'URL button with a variable suffix' : 'quick reply'} at position ${button.index}`,
        ),
      );
  }
  shape.buttons.forEach((button, index) => {
    if (button.dynamic && !(item.buttons ?? []).some((b) => b.index === index && b.type === 'url'))
      problems.push(
        error(
          'template-buttons',
          `${field}.buttons`,
          `template "${name}": the URL button "${button.text}" needs its suffix (position ${index})`,
        ),
      );
  });
  return problems;
}

function headerProblems(item: TemplateItem, shape: TemplateShape, field: string): Problem[] {
  const header = shape.header;
  const given = item.header;
  const at = `${field}.header`;
  if (!header || (header.format === 'TEXT' && header.params === 0))
    return given ? [error('template-header', at, `template "${item.name}" has no header parameter`)] : [];
  const format = header.format.toLowerCase();
  if (given?.type !== format)
    return [
      error(
        'template-header',
        at,
        `template "${item.name}" has ${/^[aeiou]/.test(format) ? 'an' : 'a'} ${format} header; give it ${format === 'text' ? 'its parameter' : 'a media URL or variable'}`,
      ),
    ];
  return [];
}
