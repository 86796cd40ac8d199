import { type FlowDocument, type Problem, templateUseProblems } from '@chatflow/engine';
import type { TemplateRepository } from './template-repository';

/**
 * The publish gate for the flow's templates (its fallback and its template messages) against the
 * synced ones: each must exist in its language, be APPROVED, and be given the parameters it has.
 * Before any sync nothing is known, so nothing is refused.
 */
export async function templateProblems(
  templates: Pick<TemplateRepository, 'list'>,
  workspaceId: string,
  document: FlowDocument,
): Promise<Problem[]> {
  return templateUseProblems(document, await templates.list(workspaceId));
}
