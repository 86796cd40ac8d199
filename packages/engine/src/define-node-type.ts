import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { FlowDocument } from './flow-document';
import type { ConversationContext, HistoryEntry } from './runtime/conversation-context';
import type { Effect } from './runtime/effect';
import type { EngineEvent } from './runtime/engine-event';
import type { OutboundMessage } from './runtime/outbound-message';
import type { Ports } from './runtime/ports';

export type NodeCategory = 'Messages' | 'Input' | 'Logic' | 'People' | 'AI' | 'Commerce' | 'Integrations' | 'Custom';

/** An output handle of a node. An edge leaves a node by one of these. */
export interface Exit {
  id: string;
  label: string;
}

/** An event as a node's action or guard sees it: an engine event, or an invoked actor's result. */
export type NodeEvent = EngineEvent | { type: string; output?: unknown; error?: unknown };

type WithoutNode<T> = T extends unknown ? Omit<T, 'nodeId'> : never;
export type NodeEffect = WithoutNode<Effect>;

/** What a node action returns: changes to apply and effects to emit, all at once. */
export interface NodeUpdate {
  vars?: Record<string, unknown>;
  data?: Record<string, unknown>;
  retries?: number;
  say?: OutboundMessage[];
  /** Adds to the conversation history (when the flow keeps one) without sending anything: what an agent said. */
  remember?: HistoryEntry[];
  effects?: NodeEffect[];
}

export interface NodeActionArgs<P = unknown> {
  context: ConversationContext;
  event: NodeEvent;
  params: P;
}

// biome-ignore lint/suspicious/noExplicitAny: params are whatever the node's own compile passed
export type NodeAction = (args: NodeActionArgs<any>) => NodeUpdate | undefined;
// biome-ignore lint/suspicious/noExplicitAny: as above
export type NodeGuard = (args: NodeActionArgs<any>) => boolean;
// biome-ignore lint/suspicious/noExplicitAny: as above
export type NodeActor = (args: { context: ConversationContext; params: any; ports: Ports }) => Promise<unknown>;

export interface ActionRef {
  type: string;
  params?: unknown;
}

/** An XState state node config, as a node's compile returns it. Behaviour is referenced by name. */
export type NodeState = Record<string, unknown>;

/** Handed to a node's compile: how to reach other nodes and name behaviour. */
export interface CompileContext {
  nodeId: string;
  /** The transition target of an exit; an exit without an edge ends the conversation. */
  exit(exitId: string): string;
  /** This node type's own action, from its `actions`. */
  action(name: string, params?: unknown): ActionRef;
  /** This node type's own guard, from its `guards`. */
  guard(name: string, params?: unknown): ActionRef;
  /** Invoke this node type's own actor, from its `actors`, with the host's ports. */
  invoke(name: string, params?: unknown): NodeState;
  /** Send a message; `{{variable}}` templates in its texts are filled at send time. */
  say(message: OutboundMessage): ActionRef;
  /** Ask the host for a durable timer; it comes back as `timer.fired` and is cancelled on leaving the node. */
  startTimer(delayMs: number): ActionRef;
  /** Guard: the fired timer is this node's current one (not a stale one from an earlier visit). */
  isOwnTimer(): ActionRef;
  /** Emit an effect as it is. */
  effect(effect: NodeEffect): ActionRef;
}

export interface CheckContext {
  flow: FlowDocument;
  nodeId: string;
}

/** A design-time finding beyond the schema, shown on the node and enforced at publish when an error. */
export interface CheckFinding {
  severity: 'error' | 'warning';
  /** Path inside the node, e.g. `data.options[3].label`. */
  field: string;
  message: string;
}

/** The variables a node writes and reads, beyond `{{templates}}` which are found automatically. */
export interface NodeVariables {
  sets?: string[];
  uses?: string[];
}

/**
 * One node type, declared once: identity and palette hints, the schema of its config, its exits,
 * how it compiles to an XState state, design-time checks, and its behaviour by name.
 */
export interface NodeTypeDefinition<S, C> {
  type: string;
  version: number;
  title: string;
  description: string;
  category: NodeCategory;
  /** An emoji or short glyph shown in the palette and on the node. */
  icon: string;
  configSchema: S;
  exits(config: C): Exit[];
  compile(config: C, ctx: CompileContext): NodeState;
  checks?(config: C, ctx: CheckContext): CheckFinding[];
  /** One line shown on the canvas node. */
  summary?(config: C): string;
  variables?(config: C): NodeVariables;
  /** Nodes this one moves to other than through its exits (a jump's target), for reachability. */
  links?(config: C): string[];
  /**
   * This node reads `context.history`, the recent messages both ways (an AI node does). A flow
   * records that history only when one of its node types says so: other flows keep small
   * snapshots, which every message of every conversation stores and restores.
   */
  usesHistory?: boolean;
  actions?: Record<string, NodeAction>;
  guards?: Record<string, NodeGuard>;
  actors?: Record<string, NodeActor>;
}

/** The config type a node's schema describes. */
export type ConfigOf<S> = S extends JSONSchema ? FromSchema<S> : never;

/** A node type with its config type erased, as the registry holds it. */
// biome-ignore lint/suspicious/noExplicitAny: erasure point for heterogeneous node types
export type AnyNodeType = NodeTypeDefinition<object, any>;

/**
 * Declares a node type. The config's TypeScript type is inferred from `configSchema`.
 *
 * @example
 * export const greet = defineNodeType({
 *   type: 'greet', version: 1, title: 'Greet', description: 'Says hello', category: 'Custom', icon: '👋',
 *   configSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
 *   exits: () => [{ id: 'next', label: 'Next' }],
 *   compile: (config, ctx) => ({
 *     entry: [ctx.say({ kind: 'text', text: `Hello ${config.name}` })],
 *     always: { target: ctx.exit('next') },
 *   }),
 * });
 */
export function defineNodeType<const S extends object>(definition: NodeTypeDefinition<S, ConfigOf<S>>): AnyNodeType {
  return definition as unknown as AnyNodeType;
}
