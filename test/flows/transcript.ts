import {
  type Contact,
  type ConversationSnapshot,
  compileFlow,
  createRuntime,
  defaultRegistry,
  type Effect,
  type EngineEvent,
  type OutboundMessage,
  type Ports,
  type Registry,
  type UserMessage,
} from '@chatflow/engine';

/**
 * A conversation written the way a person reads one, which is both the script and the expected
 * result:
 *
 *   '< Hi Ana! What can we do for you? [Opening hours | Find us]'   the bot says (buttons in [ ])
 *   '> 2'                                                             the user writes
 *   '· handoff support: Customer asked for a refund'                  an effect other than a message
 *
 * User lines may be commands instead of text:
 *   '> /choice sales'      taps the option (button or list row) with id `sales`
 *   '> /send {...}'        any UserMessage as JSON (location, media, order...)
 *   '> /timeout'           fires the pending timer, taken from the timer effects
 *   '> /assign' '> /release'  an agent takes / hands back a handed-off conversation
 *   '> /at 2025-06-02T10:00:00Z'  the host's clock for the events that follow
 */
export type TranscriptLine = string;

export interface TranscriptOptions {
  ports?: Ports;
  registry?: Registry;
  contact?: Contact;
  /** The host's clock at the start (epoch ms); events carry it as `now`. */
  now?: number;
  /**
   * `json` (the default): every message restores the snapshot from JSON text in a freshly compiled
   * runtime. `memory`: one runtime, the snapshot object handed back as it came, the baseline the
   * JSON round trip must match.
   */
  persistence?: 'json' | 'memory';
}

export interface TranscriptRun {
  /** The conversation as lines, in the format above. */
  lines: TranscriptLine[];
  /** Every snapshot as stored between messages (JSON text). */
  stored: string[];
  /** Every snapshot object as the runtime returned it. */
  snapshots: ConversationSnapshot[];
  status: 'active' | 'done';
  vars: Record<string, unknown>;
}

/**
 * Plays the user lines of `transcript` against a flow, as the server does and then some: the
 * snapshot is stored as JSON text between messages, and every message is handled by a freshly
 * compiled runtime (as if a different server process took each one), so nothing survives in
 * memory between messages. Returns the whole conversation to compare with `transcript`.
 */
export async function playTranscript(flow: unknown, transcript: TranscriptLine[], options: TranscriptOptions = {}): Promise<TranscriptRun> {
  const registry = options.registry ?? defaultRegistry;
  const document = JSON.stringify(flow);
  const memory = options.persistence === 'memory';
  const kept = createRuntime(compileFlow(JSON.parse(document), registry), options.ports);
  const freshRuntime = () => (memory ? kept : createRuntime(compileFlow(JSON.parse(document), registry), options.ports));
  let now = options.now;
  const timers: string[] = [];
  const lines: TranscriptLine[] = [];
  const stored: string[] = [];
  const snapshots: ConversationSnapshot[] = [];
  let step = await freshRuntime().start({
    contact: options.contact ?? { id: 'contact-1', name: 'Ana' },
    ...(now === undefined ? {} : { now }),
  });
  const record = () => {
    stored.push(JSON.stringify(step.snapshot));
    snapshots.push(step.snapshot);
    for (const effect of step.effects) {
      if (effect.type === 'timer.schedule') timers.push(effect.timerId);
      if (effect.type === 'timer.cancel') timers.splice(timers.indexOf(effect.timerId) >>> 0, 1);
      // The path through the nodes is for the server's per-node counts, not the transcript.
      if (effect.type !== 'node.enter' && effect.type !== 'node.exit') lines.push(renderEffect(effect));
    }
  };
  record();
  for (const line of transcript.filter((l) => l.startsWith('> '))) {
    lines.push(line);
    const input = line.slice(2);
    if (input.startsWith('/at ')) {
      now = Date.parse(input.slice(4));
      continue;
    }
    const event = toEvent(input, timers);
    const snapshot = memory ? step.snapshot : (JSON.parse(stored.at(-1) as string) as ConversationSnapshot);
    step = await freshRuntime().send(snapshot, { ...event, ...(now === undefined ? {} : { now }) });
    if (event.type === 'timer.fired') timers.splice(timers.indexOf(event.timerId) >>> 0, 1);
    record();
  }
  return { lines, stored, snapshots, status: step.status, vars: step.vars };
}

function toEvent(input: string, timers: string[]): EngineEvent {
  if (input === '/timeout') {
    const timerId = timers.at(-1);
    if (!timerId) throw new Error('"/timeout" but no timer is pending');
    return { type: 'timer.fired', timerId };
  }
  if (input === '/assign') return { type: 'agent.assigned', agentId: 'agent-1' };
  if (input === '/release') return { type: 'agent.released', agentId: 'agent-1' };
  if (input.startsWith('/choice ')) return { type: 'user.message', message: { kind: 'choice', id: input.slice(8) } };
  if (input.startsWith('/send ')) return { type: 'user.message', message: JSON.parse(input.slice(6)) as UserMessage };
  return { type: 'user.message', message: { kind: 'text', text: input } };
}

/** One effect as one transcript line. */
export function renderEffect(effect: Exclude<Effect, { type: 'node.enter' | 'node.exit' }>): TranscriptLine {
  switch (effect.type) {
    case 'message.send':
      return `< ${renderMessage(effect.message)}`;
    case 'timer.schedule':
      return `· timer ${effect.delayMs / 60_000} min`;
    case 'timer.cancel':
      return '· timer cancelled';
    case 'handoff':
      return `· handoff ${effect.department}${effect.note ? `: ${effect.note}` : ''}`;
    case 'variable.set':
      return `· ${effect.name} = ${JSON.stringify(effect.value)}`;
    case 'order.create': {
      const { lines, total, currency, delivery } = effect.order;
      const items = lines.map((l) => `${l.quantity} × ${l.name}${l.variant ? ` (${l.variant})` : ''} @ ${l.unitPrice}`).join(', ');
      return `· order ${items}; total ${total} ${currency}; deliver to ${JSON.stringify(delivery)}`;
    }
    case 'flow.jump':
      return `· jump to flow ${effect.flowId}`;
    case 'ai.usage':
      return `· ai usage ${effect.model} ${effect.inputTokens}+${effect.outputTokens}`;
    case 'node.failed':
      return `· ${effect.nodeId} failed: ${effect.reason}`;
    case 'conversation.end':
      return `· end${effect.outcome ? ` ${effect.outcome}` : ''}`;
  }
}

function renderMessage(message: OutboundMessage): string {
  switch (message.kind) {
    case 'text':
      return message.text;
    case 'menu':
      return `${message.text} [${message.options.map((o) => o.label).join(' | ')}]`;
    case 'media':
      return `<${message.mediaType} ${message.url ?? message.mediaId ?? ''}>${message.caption ? ` ${message.caption}` : ''}`;
    case 'template':
      return `<template ${message.name} ${message.params.join(', ')}>`;
    case 'location':
      return `<location ${message.latitude},${message.longitude}${message.name ? ` ${message.name}` : ''}>`;
  }
}
