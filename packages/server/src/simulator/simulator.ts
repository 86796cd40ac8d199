import { randomUUID } from 'node:crypto';
import type { FlowDocument, UserMessage } from '@chatflow/engine';
import { type TimerPayload, timerKey } from '../conversation/carry-out';
import { conversationKeys } from '../conversation/conversation-keys';
import type { ChannelRef, InboundEvent } from '../conversation/inbound-event';
import { parseSessionState, type SessionState } from '../conversation/session-state';
import type { SessionStore } from '../ports/session-store';
import type { SimulatorSession, SimulatorSessions } from './simulator-sessions';

/** The SSE `state` event: where the conversation is and what it knows. */
export interface SimulatorState {
  nodeId: string;
  vars: Record<string, unknown>;
  status: 'active' | 'handoff' | 'ended' | 'expired';
  timerPending: boolean;
}

export interface SimulatorDeps {
  sessions: SimulatorSessions;
  /** The conversation service every channel shares. */
  accept(events: InboundEvent[]): Promise<void>;
  store: Pick<SessionStore, 'getSession' | 'peek' | 'scheduleTimer'>;
  /** Deletes what is kept about a visitor (after a restart, or once the session is swept). */
  forgetVisitor(workspaceId: string, channel: ChannelRef, address: string): Promise<void>;
  clock?: () => number;
  onError?: (error: unknown) => void;
}

export interface Simulator {
  /** Opens a session on a draft; its flow starts at once. */
  open(workspaceId: string, document: FlowDocument, contactName?: string): Promise<SimulatorSession>;
  /** A visitor message: echoed as `message { direction: 'in' }`, then run like a WhatsApp message. */
  send(session: SimulatorSession, message: UserMessage): Promise<void>;
  /** Makes the pending timer due now; false when none is pending. */
  fireTimer(session: SimulatorSession): Promise<boolean>;
  /** Starts again with a new visitor, on a new draft when one is given. */
  restart(session: SimulatorSession, document?: FlowDocument): Promise<void>;
  /** Publishes the `state` once the conversation's queued work is done (one wait per session at a time). */
  refresh(workspaceId: string, sessionId: string): void;
  /** Closes sessions idle since before `cutoff` and deletes their visitors' data. */
  sweep(cutoff: number): Promise<void>;
}

/** How long a turn may take before the simulator reports it as stuck. */
const TURN_TIMEOUT_MS = 15_000;
const POLL_MS = 15;

/**
 * The builder's simulator over the real conversation pipeline: a simulator session is a web
 * channel conversation, its visitor's messages go through `accept` like WhatsApp's, its timers
 * are the same durable timers. Only the flow differs: the session's draft (see SimulatorFlowSource).
 */
export function createSimulator(deps: SimulatorDeps): Simulator {
  const clock = deps.clock ?? Date.now;
  const refreshing = new Set<string>();
  const channelOf = (session: SimulatorSession): ChannelRef => ({ kind: 'web', sessionId: session.id });
  const keysOf = (session: SimulatorSession) => conversationKeys(session.workspaceId, channelOf(session), session.address);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const report = (session: SimulatorSession, error: unknown) => {
    deps.sessions.publish(session.id, 'error', { message: error instanceof Error ? error.message : String(error) });
    deps.onError?.(error);
  };

  async function readState(session: SimulatorSession): Promise<SessionState | undefined> {
    return parseSessionState(await deps.store.getSession(keysOf(session).session));
  }

  function stateOf(session: SimulatorSession, state: SessionState | undefined): SimulatorState {
    const context = state?.snapshot?.context;
    const record = state?.outbox?.conversation;
    const open = state?.conversation;
    return {
      nodeId: context?.nodeId ?? record?.nodeId ?? session.document.start,
      vars: context?.vars ?? record?.vars ?? {},
      status: open ? open.status : (record?.status ?? 'active'),
      timerPending: Boolean(open && context?.node.timerId),
    };
  }

  /** Waits until `ready` holds and the conversation's queue is empty, then publishes the state. */
  async function publishWhenSettled(session: SimulatorSession, ready: (state: SessionState | undefined) => boolean = () => true) {
    const deadline = clock() + TURN_TIMEOUT_MS;
    const { queue } = keysOf(session);
    const generation = session.generation;
    for (;;) {
      if (session.generation !== generation) return;
      const state = await readState(session);
      if (ready(state) && (await deps.store.peek(queue)) === undefined) {
        deps.sessions.publish(session.id, 'state', stateOf(session, state));
        return;
      }
      if (clock() > deadline) throw new Error('the flow did not finish its turn in time');
      await sleep(POLL_MS);
    }
  }

  function inBackground(session: SimulatorSession, work: () => Promise<void>) {
    work().catch((error: unknown) => report(session, error));
  }

  async function begin(session: SimulatorSession) {
    // A WhatsApp conversation starts on the customer's first message; the simulator's starts when it opens.
    await deps.accept([event(session, `open:${session.generation}`, { type: 'conversation.start' })]);
    refresh(session);
  }

  function refresh(session: SimulatorSession) {
    if (refreshing.has(session.id)) return;
    refreshing.add(session.id);
    inBackground(session, () => publishWhenSettled(session).finally(() => refreshing.delete(session.id)));
  }

  function event(session: SimulatorSession, id: string, body: InboundEvent['event']): InboundEvent {
    return {
      id: `web:${session.id}:${id}`,
      workspaceId: session.workspaceId,
      channel: channelOf(session),
      address: session.address,
      contactName: session.contactName,
      event: body,
      receivedAt: clock(),
    };
  }

  return {
    async open(workspaceId, document, contactName) {
      const session = deps.sessions.create(workspaceId, document, contactName);
      await begin(session);
      return session;
    },
    async send(session, message) {
      deps.sessions.publish(session.id, 'message', { direction: 'in', message });
      await deps.accept([event(session, randomUUID(), { type: 'user.message', message })]);
      refresh(session);
    },
    async fireTimer(session) {
      const state = await readState(session);
      const conversationId = state?.conversation?.id;
      const timerId = state?.snapshot?.context?.node.timerId;
      if (!conversationId || !timerId) return false;
      // The same durable timer a WhatsApp conversation has, made due now: the poller fires it.
      const key = timerKey(conversationId, timerId);
      const payload: TimerPayload = {
        workspaceId: session.workspaceId,
        channel: channelOf(session),
        address: session.address,
        conversationId,
        timerId,
      };
      await deps.store.scheduleTimer(key, clock(), JSON.stringify(payload));
      inBackground(session, () => publishWhenSettled(session, (next) => next?.outbox?.eventId === `timer:${key}`));
      return true;
    },
    async restart(session, document) {
      const previous = session.address;
      deps.sessions.restart(session, document);
      await deps.forgetVisitor(session.workspaceId, channelOf(session), previous);
      await begin(session);
    },
    refresh(workspaceId, sessionId) {
      const session = deps.sessions.get(workspaceId, sessionId);
      if (session) refresh(session);
    },
    async sweep(cutoff) {
      for (const session of deps.sessions.sweep(cutoff)) {
        await deps.forgetVisitor(session.workspaceId, channelOf(session), session.address);
      }
    },
  };
}
