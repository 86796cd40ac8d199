import type { CompileContext } from '../define-node-type';
import type { FlowDocument } from '../flow-document';

export const END_STATE = '__end';

/** Exit targets of every node: `#<target>` for a connected exit, the end state otherwise. */
export function exitTargets(flow: FlowDocument): Map<string, string> {
  const targets = new Map<string, string>();
  for (const edge of flow.edges) {
    const key = `${edge.source}\u0000${edge.sourceHandle ?? 'next'}`;
    if (!targets.has(key)) targets.set(key, `#${edge.target}`);
  }
  return targets;
}

/** The state a node's exit passes through on its way to the exit's target: it reports the exit taken. */
export function exitState(nodeId: string, exitId: string): string {
  return `${nodeId}~${exitId}`;
}

/**
 * The compile context of one node: behaviour named by this node type, exits resolved by edges.
 * Each exit the node uses goes through its own pass-through state, listed in `exits`.
 */
export function createCompileContext(nodeId: string, type: string, exits: Set<string>): CompileContext {
  return {
    nodeId,
    exit: (exitId) => {
      exits.add(exitId);
      return `#${exitState(nodeId, exitId)}`;
    },
    action: (name, params) => ({ type: `${type}.${name}`, params }),
    guard: (name, params) => ({ type: `${type}.${name}`, params }),
    invoke: (name, params) => ({
      src: `${type}.${name}`,
      input: ({ context }: { context: unknown }) => ({ context, params }),
    }),
    say: (message) => ({ type: 'engine.say', params: { message } }),
    startTimer: (delayMs) => ({ type: 'engine.startTimer', params: { delayMs } }),
    isOwnTimer: () => ({ type: 'engine.isOwnTimer' }),
    effect: (effect) => ({ type: 'engine.effect', params: { effect } }),
  };
}
