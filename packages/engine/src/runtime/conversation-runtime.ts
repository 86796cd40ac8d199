import { type AnyActorRef, createActor, type Snapshot, setup } from 'xstate';
import type { CompiledFlow } from '../compile/compile-flow';
import { machineImplementations } from '../compile/machine-implementations';
import type { Contact, ConversationContext } from './conversation-context';
import type { Effect } from './effect';
import type { EngineEvent } from './engine-event';
import type { Ports, TurnPorts } from './ports';
import { type UserMessage, userMessageText } from './user-message';

/** A conversation's persisted state: plain JSON, stored by the host between events. */
export type ConversationSnapshot = Snapshot<unknown> & { context?: ConversationContext };

export interface StepResult {
  snapshot: ConversationSnapshot;
  /** What the host must do, in the order the flow asked for it. */
  effects: Effect[];
  status: 'active' | 'done';
  nodeId: string;
  vars: Record<string, unknown>;
}

export interface StartOptions {
  contact: Contact;
  vars?: Record<string, unknown>;
  /** The host's current time in epoch ms; see `EngineEvent.now`. */
  now?: number;
  /**
   * The customer message that opened the conversation. It starts the history (in flows that keep
   * one), so a node that reads it, such as an AI node reached before anything was said, answers it.
   */
  message?: UserMessage;
}

export interface ConversationRuntime {
  readonly flow: CompiledFlow;
  /** Starts a conversation at the flow's start node; `turn` is given to `TurnPorts` (see `createRuntime`). */
  start(options: StartOptions, turn?: unknown): Promise<StepResult>;
  /** Restores a conversation from its snapshot and sends it one event. */
  send(snapshot: ConversationSnapshot, event: EngineEvent, turn?: unknown): Promise<StepResult>;
}

/** Thrown when a node's behaviour fails while stepping; the conversation's snapshot is unchanged. */
export class ConversationError extends Error {
  override name = 'ConversationError';
}

/**
 * Runs conversations of one compiled flow with the host's ports. Each call restores the actor,
 * steps it until nothing is pending (async work such as the AI call included), and returns the
 * new snapshot with the effects to carry out. `ports` are the same for every conversation, or
 * (`TurnPorts`) made per turn from the `turn` value given to `start`/`send`, once a node needs them.
 *
 * @example
 * const runtime = createRuntime(compileFlow(doc, registry), { ai });
 * let step = await runtime.start({ contact: { id: 'c1', name: 'Ana' } });
 * step = await runtime.send(step.snapshot, { type: 'user.message', message: { kind: 'text', text: 'hi' } });
 */
export function createRuntime(compiled: CompiledFlow, ports: Ports | TurnPorts = {}): ConversationRuntime {
  /** Each turn runs in an actor system of its own: its `turn` value and, once asked for, its ports. */
  const turns = new WeakMap<AnyActorRef['system'], { turn: unknown; ports?: Ports }>();
  const portsOf =
    typeof ports === 'function'
      ? (system: AnyActorRef['system']): Ports => {
          const entry = turns.get(system) ?? { turn: undefined };
          entry.ports ??= ports(entry.turn);
          return entry.ports;
        }
      : () => ports;
  const { actions, guards, actors } = machineImplementations(compiled.types, portsOf, { history: compiled.history });
  const defaults = Object.fromEntries(
    (compiled.flow.variables ?? []).filter((v) => v.default !== undefined).map((v) => [v.name, v.default]),
  );
  const machine = setup({
    types: {} as { context: ConversationContext; input: StartOptions; events: EngineEvent },
    actions: actions as never,
    guards: guards as never,
    actors: actors as never,
  }).createMachine({
    ...(compiled.config as object),
    context: ({ input }: { input: StartOptions }) => ({
      flowId: compiled.flow.id,
      contact: input.contact,
      vars: { ...defaults, ...input.vars },
      nodeId: compiled.flow.start,
      visit: 0,
      node: { retries: 0, data: {} },
      history: compiled.history && input.message ? [{ role: 'user', text: userMessageText(input.message) }] : [],
      ...(input.now === undefined ? {} : { now: input.now }),
    }),
  } as never);

  async function run(actor: AnyActorRef, event: EngineEvent | undefined, turn: unknown): Promise<StepResult> {
    if (turn !== undefined && typeof ports === 'function') turns.set(actor.system, { turn });
    const effects: Effect[] = [];
    const listener = actor.on('*', (effect: Effect) => effects.push(effect));
    // An observed error stays in the snapshot, where settle reports it; unobserved, XState rethrows it
    // from a timer, an uncaught exception that would take the host process down.
    actor.subscribe({ error: () => undefined });
    actor.start();
    if (event) actor.send(event);
    await settle(actor);
    listener.unsubscribe();
    const snapshot = actor.getPersistedSnapshot() as ConversationSnapshot;
    actor.stop();
    const context = snapshot.context as ConversationContext;
    return { snapshot, effects, status: snapshot.status === 'done' ? 'done' : 'active', nodeId: context.nodeId, vars: context.vars };
  }

  return {
    flow: compiled,
    start: (options, turn) => run(createActor(machine, { input: options }), undefined, turn),
    send: (snapshot, event, turn) =>
      run(createActor(machine, { snapshot: withClock(snapshot, event.now), input: undefined } as never), event, turn),
  };
}

/**
 * The snapshot with the event's time as `context.now`, or without a time when the event has none,
 * and with the count of nodes entered cleared for the new event.
 */
function withClock(snapshot: ConversationSnapshot, now: number | undefined): ConversationSnapshot {
  if (!snapshot.context) return snapshot;
  const { now: _previous, entries: _entries, ...context } = snapshot.context;
  return { ...snapshot, context: now === undefined ? context : { ...context, now } };
}

/** Resolves once no invoked actor is running, so the snapshot is taken at a resting point. */
function settle(actor: AnyActorRef): Promise<void> {
  return new Promise((resolve, reject) => {
    let subscription: { unsubscribe(): void } | undefined;
    const check = (snapshot: Snapshot<unknown> & { children?: Record<string, unknown> }) => {
      if (snapshot.status === 'error') {
        subscription?.unsubscribe();
        reject(new ConversationError(String((snapshot as { error?: unknown }).error)));
        return true;
      }
      if (snapshot.status === 'done' || Object.keys(snapshot.children ?? {}).length === 0) {
        subscription?.unsubscribe();
        resolve();
        return true;
      }
      return false;
    };
    if (check(actor.getSnapshot())) return;
    subscription = actor.subscribe({ next: check, error: (error) => reject(new ConversationError(String(error))) });
  });
}
