import { randomUUID } from 'node:crypto';
import type { Effect, FlowDocument, StepResult } from '@chatflow/engine';
import type { TurnScope } from '../ai/turn-scope';
import type { ContactRecord } from '../records/contact-repository';
import type { ConversationRecord } from '../records/conversation-repository';
import type { ConversationKeys } from './conversation-keys';
import type { FlowSource } from './flow-source';
import type { Logger } from './logger';
import { optAcknowledgement, optKeyword } from './opt-out';
import type { QueueItem } from './queue-item';
import type { RuntimeCache } from './runtime-cache';
import type { Outbox, PlannedEffect, SessionState } from './session-state';
import { contactOf, windowTemplateMessage } from './window-template';

const DEFAULT_SESSION_MINUTES = 1440;
/** A flow that jumps to a flow that jumps back would loop; a few hops is more than any real bot needs. */
const MAX_JUMPS = 5;

export interface PlanDeps {
  flows: FlowSource;
  runtimes: RuntimeCache;
  /** Marks the open conversations of a key expired before a new one starts there. */
  expireOpen(workspaceId: string, conversationKey: string, now: number): Promise<unknown>;
  logger: Logger;
  /** Variables a new conversation starts with, from what the host knows of the contact (the AI's profile of them). */
  startVars?(workspaceId: string, contactId: string, flow: FlowDocument): Promise<Record<string, unknown> | undefined>;
}

export interface Plan {
  state: SessionState;
  ttlSeconds: number;
}

/**
 * Decides one turn: restores the conversation (or starts the channel's flow), sends the event
 * through the engine, follows `flow.jump`s, and returns the next state with its outbox: the
 * effects to carry out, each message with its idempotency key `<event id>:<effect index>`.
 * Opt-out and opt-in keywords are answered here, before the flow sees them.
 */
export async function planTurn(
  deps: PlanDeps,
  item: QueueItem,
  keys: ConversationKeys,
  state: SessionState | undefined,
  contact: ContactRecord,
  at: number,
  /** The contact was created by this turn: no conversation of theirs can be left open. */
  firstContact = false,
): Promise<Plan> {
  const isMessage = item.event.type === 'user.message';
  const base: Outbox = { eventId: item.id, at, effects: [], ...(isMessage ? { inbound: true } : {}) };
  let meta = state?.conversation;
  let snapshot = meta ? state?.snapshot : undefined;
  const start = item.event.type === 'conversation.start' && item.event.flowId ? item.event : undefined;
  // A start from outside replaces the running conversation (left expired); a reply to a broadcast
  // naming a flow replaces one running another flow. Neither takes a conversation an agent has.
  const named = start?.flowId ?? item.flowId;
  if (named !== undefined && meta?.status !== 'handoff' && (start !== undefined || meta?.flowId !== named)) {
    meta = undefined;
    snapshot = undefined;
  }
  let flow = meta && snapshot ? await deps.flows.version(item.workspaceId, meta.flowId, meta.flowVersion) : undefined;
  if (!flow) {
    meta = undefined;
    snapshot = undefined;
    const chosen = named !== undefined ? await deps.flows.version(item.workspaceId, named) : undefined;
    // A start names its flow or nothing; a broadcast reply whose flow is gone gets the channel's.
    flow = start ? chosen : (chosen ?? (await deps.flows.flowFor(item.workspaceId, item.channel)));
  }
  const lastInboundAt = isMessage ? Math.max(state?.lastInboundAt ?? 0, item.receivedAt) : state?.lastInboundAt;
  const inbound = lastInboundAt !== undefined ? { lastInboundAt } : {};
  const keep = (outbox: Outbox): Plan => ({
    state: { ...state, contactId: contact.id, outbox, ...inbound },
    ttlSeconds: ttlOf(flow?.document, state?.timersDueBy, at),
  });
  if (!flow) {
    deps.logger.warn('no flow for this channel; the event is recorded and not answered', { workspaceId: item.workspaceId });
    return keep(base);
  }
  const settings = flow.document.settings;
  // A contact the business blocked hears nothing, not even a keyword's acknowledgement: their messages
  // are recorded in the running conversation, where agents see them.
  if (contact.blocked) return keep({ ...base, ...(meta ? { open: true as const } : {}) });

  if (item.event.type === 'user.message') {
    const keyword = optKeyword(item.event.message, settings);
    const change = (keyword === 'opt-out' && !contact.optedOut) || (keyword === 'opt-in' && contact.optedOut);
    if (keyword && change) {
      const ack: PlannedEffect = {
        type: 'message.send',
        nodeId: '',
        message: { kind: 'text', text: optAcknowledgement(keyword, settings) },
        key: `${item.id}:${keyword}`,
      };
      return keep({ ...base, optOut: keyword === 'opt-out', effects: [ack] });
    }
  }
  // An opted-out contact hears nothing from the bot: their messages are recorded, the flow waits.
  if (contact.optedOut) return keep(base);
  const event = item.event;
  if (event.type === 'conversation.start' && snapshot && meta) {
    deps.logger.info('a conversation start for a conversation already running; ignored', { conversationId: meta.id });
    return keep(base);
  }
  if (item.event.type === 'timer.fired' && item.conversationId !== meta?.id) return keep(base);

  const now = item.event.now ?? item.receivedAt;
  let step: StepResult;
  const startedNew = !snapshot || !meta;
  // A flow version's runtime is shared by its conversations: its ports for this turn are made from this.
  const scope: TurnScope = {
    workspaceId: item.workspaceId,
    conversationId: snapshot && meta ? meta.id : randomUUID(),
    contactId: contact.id,
    contactAddress: item.address,
    flowId: flow.flowId,
  };
  try {
    if (!snapshot || !meta) {
      // A customer message or an explicit start begins a conversation; a late timer or agent event of an ended one is dropped.
      if (event.type !== 'user.message' && event.type !== 'conversation.start') return keep(base);
      // A session that outlived its conversation says it ended; only an expired session can leave one open.
      if ((!state && !firstContact) || state?.conversation) await deps.expireOpen(item.workspaceId, keys.conversation, at);
      const runtime = deps.runtimes.runtimeFor(item.workspaceId, flow);
      // Nothing is known yet of a contact seen for the first time.
      const known = firstContact ? undefined : await deps.startVars?.(item.workspaceId, contact.id, flow.document);
      const vars = start?.vars ? { ...known, ...start.vars } : known;
      // The customer's opening message starts the history, so a flow whose first speaker is an AI node answers it.
      const message = event.type === 'user.message' ? event.message : undefined;
      const contactRef = contactOf(contact);
      step = await runtime.start({ contact: contactRef, ...(vars ? { vars } : {}), ...(message ? { message } : {}), now }, scope);
      meta = { id: scope.conversationId, flowId: flow.flowId, flowVersion: flow.version, startedAt: at, status: 'active' };
    } else {
      // A start for a running conversation was set aside above; this tells the compiler so.
      if (event.type === 'conversation.start') return keep(base);
      const runtime = deps.runtimes.runtimeFor(item.workspaceId, flow);
      step = await runtime.send(snapshot, { ...event, now }, scope);
    }
  } catch (error) {
    // A broken flow or a failing node must not block the conversation's queue: the event is dropped, logged.
    deps.logger.error('the flow failed on an event; its state is unchanged', {
      workspaceId: item.workspaceId,
      flowId: flow.flowId,
      version: flow.version,
      error: error instanceof Error ? error.message : String(error),
    });
    return keep(base);
  }

  // The simulator shows a session the failures of its own draft, which a jump may have left.
  const startFlowId = flow.flowId;
  let effects: Effect[] = step.effects;
  let scanFrom = 0;
  for (let hops = 0; hops < MAX_JUMPS; hops += 1) {
    const jumpAt = effects.findIndex((e, i) => i >= scanFrom && e.type === 'flow.jump');
    const jump = effects[jumpAt];
    if (jump?.type !== 'flow.jump') break;
    const target = await deps.flows.version(item.workspaceId, jump.flowId);
    if (!target) {
      deps.logger.warn('flow.jump to a flow without a published version; the conversation ends', { flowId: jump.flowId });
      break;
    }
    const contactRef = { id: contact.id, ...(contact.name ? { name: contact.name } : {}) };
    const runtime = deps.runtimes.runtimeFor(item.workspaceId, target);
    const next = await runtime.start({ contact: contactRef, vars: step.vars, now }, scope);
    // The jumping flow ends itself; the conversation goes on in the target flow.
    const kept = effects.filter((e, i) => i <= jumpAt || e.type !== 'conversation.end');
    scanFrom = kept.length;
    effects = [...kept, ...next.effects];
    step = next;
    flow = target;
    meta = { ...meta, flowId: target.flowId, flowVersion: target.version };
  }

  const end = effects.find((e) => e.type === 'conversation.end');
  const ended = step.status === 'done' || end !== undefined;
  for (const effect of effects) {
    if (effect.type === 'handoff')
      meta = { ...meta, status: 'handoff', department: effect.department, ...(effect.note ? { handoffNote: effect.note } : {}) };
    if (effect.type === 'node.failed') {
      deps.logger.warn(`node "${effect.nodeId}" failed`, { flowId: startFlowId, nodeId: effect.nodeId, error: effect.reason });
      meta = { ...meta, lastFailure: { nodeId: effect.nodeId, reason: effect.reason, at } };
    }
  }
  if (item.event.type === 'agent.released' && meta.status === 'handoff') meta = { ...meta, status: 'active' };

  const conversation: ConversationRecord = {
    id: meta.id,
    workspaceId: item.workspaceId,
    conversationKey: keys.conversation,
    contactId: contact.id,
    channel: item.channel,
    flowId: meta.flowId,
    flowVersion: meta.flowVersion,
    status: ended ? 'ended' : meta.status,
    nodeId: step.nodeId,
    vars: step.vars,
    ...(meta.department ? { department: meta.department } : {}),
    ...(meta.handoffNote ? { handoffNote: meta.handoffNote } : {}),
    ...(meta.lastFailure ? { lastFailure: meta.lastFailure } : {}),
    ...(end?.type === 'conversation.end' && end.outcome ? { outcome: end.outcome } : {}),
    startedAt: meta.startedAt,
    updatedAt: at,
    ...(ended ? { endedAt: at } : {}),
  };
  const template = start?.template ?? settings?.outsideWindowTemplate;
  // Which nodes the turn passed is counted, not carried out: kept apart so message keys stay `<event>:<index>`.
  const visits = effects.flatMap((e) => (e.type === 'node.enter' ? [e.nodeId] : e.type === 'node.exit' ? [`${e.nodeId}>${e.exit}`] : []));
  const outbox: Outbox = {
    ...base,
    ...(ended ? { conversation } : { open: true }),
    effects: effects.filter((e): e is PlannedEffect => e.type !== 'node.enter' && e.type !== 'node.exit'),
    ...(visits.length > 0 ? { visits } : {}),
    ...(startedNew ? { started: true as const } : {}),
    ...(template ? { outsideWindowTemplate: windowTemplateMessage(template, step.vars, contactOf(contact)) } : {}),
  };
  if (startedNew) deps.logger.info('conversation started', { conversationId: meta.id, flowId: meta.flowId });
  const timersDueBy = ended ? undefined : dueBy(state?.timersDueBy, effects, at);
  return {
    state: {
      contactId: contact.id,
      ...(ended ? {} : { conversation: meta, snapshot: step.snapshot }),
      outbox,
      ...inbound,
      ...(timersDueBy ? { timersDueBy } : {}),
    },
    ttlSeconds: ttlOf(flow.document, timersDueBy, at),
  };
}

/** A session outlives its last timer by this much, so the timer's turn still finds it. */
const TIMER_GRACE_SECONDS = 60 * 60;

/** The flow's session timeout, or longer while a timer of the conversation is still to fire. */
function ttlOf(document: FlowDocument | undefined, timersDueBy: number | undefined, at: number): number {
  const idle = (document?.settings?.sessionTimeoutMinutes ?? DEFAULT_SESSION_MINUTES) * 60;
  if (!timersDueBy || timersDueBy <= at) return idle;
  return Math.max(idle, Math.ceil((timersDueBy - at) / 1000) + TIMER_GRACE_SECONDS);
}

/** The latest due time of the timers still pending (a cancelled one only keeps the session a little longer). */
function dueBy(previous: number | undefined, effects: readonly { type: string; delayMs?: number }[], at: number): number | undefined {
  let latest = previous !== undefined && previous > at ? previous : undefined;
  for (const effect of effects) {
    if (effect.type === 'timer.schedule' && effect.delayMs !== undefined) latest = Math.max(latest ?? 0, at + effect.delayMs);
  }
  return latest;
}
