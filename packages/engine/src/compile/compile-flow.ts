import type { AnyNodeType } from '../define-node-type';
import type { FlowDocument } from '../flow-document';
import type { Registry } from '../registry';
import { FlowValidationError, type Problem } from '../validation/problem';
import { validateFlow } from '../validation/validate-flow';
import { createCompileContext, END_STATE, exitState, exitTargets } from './compile-context';
import { mapTransitions, withAction } from './transitions';

/** A validated flow and the XState machine config it compiles to. */
export interface CompiledFlow {
  flow: FlowDocument;
  /** Warnings found while validating; a flow with errors does not compile. */
  problems: Problem[];
  /** The machine config: serialisable, behaviour referenced by name. */
  config: Record<string, unknown>;
  /** The node types the flow uses; their behaviour is supplied to `setup`. */
  types: AnyNodeType[];
  /** Whether conversations record their history: only when a node type of the flow reads it. */
  history: boolean;
}

/**
 * Validates a flow and compiles it to an XState machine config: one state per node, one
 * pass-through state per exit used (`node~exit`, reporting the exit), `#id` transitions along the
 * edges, and a final state where open exits lead.
 *
 * @throws FlowValidationError when the flow has errors; `problems` names each node and field.
 */
export function compileFlow(input: unknown, registry: Registry): CompiledFlow {
  const check = validateFlow(input, registry);
  if (check.problems.some((p) => p.severity === 'error')) throw new FlowValidationError(check.problems);
  const flow = input as FlowDocument;
  const targets = exitTargets(flow);
  const states: Record<string, unknown> = {};
  const types = new Map<string, AnyNodeType>();
  for (const checked of check.nodes.values()) types.set(checked.definition.type, checked.definition);
  const history = [...types.values()].some((t) => t.usesHistory === true);
  for (const [nodeId, checked] of check.nodes) {
    const exits = new Set<string>();
    const ctx = createCompileContext(nodeId, checked.definition.type, exits);
    states[nodeId] = wrapNodeState(nodeId, checked.definition.compile(checked.config, ctx), history);
    for (const exitId of exits) {
      const id = exitState(nodeId, exitId);
      // Passed through at once: the host learns which exit was taken (for per-node counts) and moves on.
      states[id] = {
        id,
        entry: [{ type: 'engine.effect', params: { effect: { type: 'node.exit', exit: exitId } } }],
        always: { target: targets.get(`${nodeId}\u0000${exitId}`) ?? `#${END_STATE}` },
      };
    }
  }
  states[END_STATE] = {
    id: END_STATE,
    type: 'final',
    entry: [{ type: 'engine.effect', params: { effect: { type: 'conversation.end' } } }],
  };
  const config = { id: 'flow', initial: flow.start, states };
  return { flow, problems: check.problems, config, types: [...types.values()], history };
}

/** Tells the host a node was entered (for per-node counts). */
const ENTERED = { type: 'engine.effect', params: { effect: { type: 'node.enter' } } };

/**
 * Every node enters the same way; a node that starts a timer cancels it on leaving; and when the
 * flow keeps a history, every user message a node handles is remembered.
 */
function wrapNodeState(nodeId: string, state: Record<string, unknown>, history: boolean): Record<string, unknown> {
  const mapped = mapTransitions(state, (transition, event) => {
    let t = transition;
    if (typeof t.target === 'string' && t.target.startsWith('#')) t = { ...t, reenter: true };
    if (history && event === 'user.message') t = withAction(t, { type: 'engine.rememberUser' }, true);
    return t;
  });
  // Only a node that starts a timer can hold one; leaving the others has nothing to cancel.
  const leave = refersToAction(state, 'engine.startTimer') ? [{ type: 'engine.leaveNode' }] : [];
  return {
    ...mapped,
    id: nodeId,
    entry: [{ type: 'engine.enterNode', params: { nodeId } }, ENTERED, ...asArray(state.entry)],
    exit: [...asArray(state.exit), ...leave],
  };
}

/** Whether a state config (entries, transitions, nested states) uses the action named `type`. */
function refersToAction(value: unknown, type: string): boolean {
  if (Array.isArray(value)) return value.some((item) => refersToAction(item, type));
  if (!value || typeof value !== 'object') return false;
  if ((value as { type?: unknown }).type === type) return true;
  return Object.values(value).some((item) => refersToAction(item, type));
}

function asArray(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
