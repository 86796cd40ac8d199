import type { FlowDocument, Problem } from '@chatflow/engine';

/**
 * A warning on every AI node when the server has no ANTHROPIC_API_KEY: such a node can only say its
 * error text, in the test chat and to customers alike.
 */
export function missingAiKeyProblems(document: FlowDocument): Problem[] {
  return document.nodes
    .filter((node) => node.type === 'ai')
    .map((node) => ({
      severity: 'warning',
      code: 'ai.no-api-key',
      nodeId: node.id,
      field: 'server',
      message: 'ANTHROPIC_API_KEY is not set, so this node cannot call Claude and answers with its error text',
    }));
}
