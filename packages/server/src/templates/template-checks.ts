import type { FlowDocument, Problem } from '@chatflow/engine';
import type { TemplateRecord, TemplateRepository } from './template-repository';

const FIELD = 'settings.outsideWindowTemplate';

/** How many parameters a template takes: its distinct `{{1}}` / `{{first_name}}` placeholders in the header and body. */
export function parameterCount(template: Pick<TemplateRecord, 'components'>): number {
  const names = new Set<string>();
  for (const component of template.components) {
    if ((component.type === 'BODY' || component.type === 'HEADER') && typeof component.text === 'string') {
      for (const match of component.text.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)) names.add(`${component.type}:${match[1]}`);
    }
  }
  return names.size;
}

/**
 * The publish gate for the flow's template against the synced ones: it must exist in its language,
 * be APPROVED, and be given as many parameters as it has placeholders. Before any sync nothing is
 * known, so nothing is refused.
 */
export async function templateProblems(
  templates: Pick<TemplateRepository, 'list'>,
  workspaceId: string,
  document: FlowDocument,
): Promise<Problem[]> {
  const wanted = document.settings?.outsideWindowTemplate;
  if (!wanted) return [];
  const synced = await templates.list(workspaceId);
  if (synced.length === 0) return [];
  const error = (code: string, message: string): Problem[] => [{ severity: 'error', code, field: FIELD, message }];
  const found = synced.find((t) => t.name === wanted.name && t.language === wanted.language);
  if (!found) return error('template-unknown', `template "${wanted.name}" (${wanted.language}) is not among the synced templates`);
  if (found.status !== 'APPROVED')
    return error(
      'template-not-approved',
      `template "${wanted.name}" is ${found.status.toLowerCase()}; only an approved template can be sent`,
    );
  const expected = parameterCount(found);
  const given = wanted.params?.length ?? 0;
  if (given !== expected)
    return error('template-parameters', `template "${wanted.name}" takes ${expected} parameter(s); ${given} given in params`);
  return [];
}
