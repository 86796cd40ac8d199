import { type AnyActorRef, assign, emit, enqueueActions, fromPromise } from 'xstate';
import type { AnyNodeType, NodeEffect, NodeEvent, NodeUpdate } from '../define-node-type';
import type { ConversationContext } from '../runtime/conversation-context';
import type { Effect } from '../runtime/effect';
import type { OutboundMessage } from '../runtime/outbound-message';
import type { Ports } from '../runtime/ports';
import { historyMedia, userMessageText } from '../runtime/user-message';
import { applyUpdate, fillMessage, remember } from './apply-update';

type Args = { context: ConversationContext; event: NodeEvent };
/** The part of XState's `enqueue` these actions use. */
type Enqueue = { enqueue: { assign(values: Partial<ConversationContext>): void; emit(effect: Effect): void } };

/** How a flow's machine behaves beyond its states; decided at compile time. */
export interface MachineOptions {
  /** Record the conversation history (only flows with a node that reads it). */
  history: boolean;
}

/**
 * Wraps a pure node update function as an XState action that assigns and emits in one step.
 * Only the parts of the context that changed are assigned: each assign makes XState copy the
 * snapshot, and most updates only emit.
 */
function updateAction(fn: (args: Args, params: unknown) => NodeUpdate | undefined, options: MachineOptions) {
  return enqueueActions(({ context, event, enqueue }: Args & Enqueue, params: unknown) => {
    const update = fn({ context, event }, params);
    if (!update) return;
    const result = applyUpdate(context, update, options);
    const changes: Partial<ConversationContext> = {};
    if (result.context.vars !== context.vars) changes.vars = result.context.vars;
    if (result.context.node !== context.node) changes.node = result.context.node;
    if (result.context.history !== context.history) changes.history = result.context.history;
    if (changes.vars || changes.node || changes.history) enqueue.assign(changes);
    for (const effect of result.effects) enqueue.emit(effect);
  });
}

/** Most nodes one event may pass through: generous for counted loops, small enough to stop a runaway one fast. */
export const NODE_ENTRIES_PER_EVENT = 1000;

/** Actions every node can use, named `engine.*`. */
const engineActions = {
  'engine.enterNode': assign(({ context }: Args, params: { nodeId: string }) => {
    const entries = (context.entries ?? 0) + 1;
    // XState runs eventless transitions synchronously; a loop that never waits would block the process.
    if (entries > NODE_ENTRIES_PER_EVENT) {
      throw new Error(
        `the flow entered ${NODE_ENTRIES_PER_EVENT} nodes for one event without waiting (looping at node "${params.nodeId}")`,
      );
    }
    return { nodeId: params.nodeId, visit: context.visit + 1, node: { retries: 0, data: {} }, entries };
  }),
  'engine.leaveNode': enqueueActions(({ context, event, enqueue }: Args & Enqueue) => {
    const timerId = context.node.timerId;
    const fired = event.type === 'timer.fired' && 'timerId' in event && event.timerId === timerId;
    if (timerId && !fired) enqueue.emit({ type: 'timer.cancel', nodeId: context.nodeId, timerId });
  }),
  'engine.startTimer': enqueueActions(({ context, enqueue }: Args & Enqueue, params: { delayMs: number }) => {
    const timerId = `${context.nodeId}:${context.visit}`;
    enqueue.assign({ node: { ...context.node, timerId } });
    enqueue.emit({ type: 'timer.schedule', nodeId: context.nodeId, timerId, delayMs: params.delayMs });
  }),
  // A fixed effect changes nothing in the context: a plain emit, without an update to apply.
  'engine.effect': emit(({ context }: Args, params: { effect: NodeEffect }) => ({ ...params.effect, nodeId: context.nodeId }) as Effect),
  'engine.rememberUser': assign(({ context, event }: Args) => ({
    history:
      event.type === 'user.message' && 'message' in event
        ? remember(context.history, 'user', userMessageText(event.message), historyMedia(event.message))
        : context.history,
  })),
};

const engineGuards = {
  'engine.isOwnTimer': ({ context, event }: Args) =>
    event.type === 'timer.fired' && 'timerId' in event && event.timerId === context.node.timerId,
};

/** Sends a message with its templates filled; remembered in the history when the flow keeps one. */
function sayAction(options: MachineOptions) {
  if (options.history) {
    return updateAction(
      ({ context }, params) => ({ say: [fillMessage((params as { message: OutboundMessage }).message, context)] }),
      options,
    );
  }
  return emit(
    ({ context }: Args, params: { message: OutboundMessage }): Effect => ({
      type: 'message.send',
      nodeId: context.nodeId,
      message: fillMessage(params.message, context),
    }),
  );
}

/**
 * Every action, guard and actor of the engine and the given node types, ready for `setup`. A node's
 * actor gets the ports of its turn, found by the actor system it runs in (one per turn).
 */
export function machineImplementations(
  types: readonly AnyNodeType[],
  portsOf: (system: AnyActorRef['system']) => Ports,
  options: MachineOptions = { history: true },
) {
  const actions: Record<string, unknown> = { ...engineActions, 'engine.say': sayAction(options) };
  const guards: Record<string, unknown> = { ...engineGuards };
  const actors: Record<string, unknown> = {};
  for (const definition of types) {
    for (const [name, fn] of Object.entries(definition.actions ?? {})) {
      actions[`${definition.type}.${name}`] = updateAction((args, params) => fn({ ...args, params }), options);
    }
    for (const [name, fn] of Object.entries(definition.guards ?? {})) {
      guards[`${definition.type}.${name}`] = (args: Args, params: unknown) => fn({ ...args, params });
    }
    for (const [name, fn] of Object.entries(definition.actors ?? {})) {
      actors[`${definition.type}.${name}`] = fromPromise(
        ({ input, system }: { input: { context: ConversationContext; params: unknown }; system: AnyActorRef['system'] }) =>
          fn({ context: input.context, params: input.params, ports: portsOf(system) }),
      );
    }
  }
  return { actions, guards, actors };
}
