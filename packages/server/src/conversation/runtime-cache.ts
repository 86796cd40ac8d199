import { type ConversationRuntime, compileFlow, createRuntime, type Ports, type Registry, type TurnPorts } from '@chatflow/engine';
import type { FlowVersionRef } from './flow-source';

export interface RuntimeCache {
  /** The runtime of a flow version; compiles it on first use. Throws `FlowValidationError` for a broken flow. */
  runtimeFor(workspaceId: string, ref: FlowVersionRef): ConversationRuntime;
}

/**
 * Compiled runtimes, one per published flow version (immutable, so cached by id and version for
 * the process's life); drafts (version 0, the simulator) are cached by document identity only.
 */
export function createRuntimeCache(registry: Registry, ports: Ports | TurnPorts, limit = 500): RuntimeCache {
  const published = new Map<string, ConversationRuntime>();
  const drafts = new WeakMap<object, ConversationRuntime>();
  return {
    runtimeFor(workspaceId, ref) {
      if (ref.version === 0) {
        let runtime = drafts.get(ref.document);
        if (!runtime) {
          runtime = createRuntime(compileFlow(ref.document, registry), ports);
          drafts.set(ref.document, runtime);
        }
        return runtime;
      }
      const key = `${workspaceId}\u0000${ref.flowId}\u0000${ref.version}`;
      let runtime = published.get(key);
      if (!runtime) {
        runtime = createRuntime(compileFlow(ref.document, registry), ports);
        // Oldest out first once full: a few hundred versions in use at once is plenty.
        if (published.size >= limit) published.delete(published.keys().next().value as string);
        published.set(key, runtime);
      }
      return runtime;
    },
  };
}
