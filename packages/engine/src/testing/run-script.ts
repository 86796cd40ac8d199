import { compileFlow } from '../compile/compile-flow';
import { builtinNodeTypes } from '../nodes/builtin-node-types';
import { createRegistry, type Registry } from '../registry';
import { createRuntime, type StepResult } from '../runtime/conversation-runtime';
import type { EngineEvent } from '../runtime/engine-event';
import type { Ports } from '../runtime/ports';
import type { UserMessage } from '../runtime/user-message';

export const builtins = createRegistry(builtinNodeTypes);

/** A user line: plain text, or any normalised message, or a host event such as a fired timer. */
export type ScriptLine = string | UserMessage | { event: EngineEvent } | { fireTimer: true };

export interface Transcript {
  steps: StepResult[];
  last: StepResult;
}

/**
 * Runs a flow through a script of user lines with a JSON round trip of the snapshot between
 * every message, as the server does. `fireTimer` fires the newest scheduled timer.
 */
export async function runScript(
  flow: unknown,
  script: ScriptLine[],
  /** `vars`: what the conversation starts with, as a host's start variables (a media file, a profile). */
  options: { ports?: Ports; registry?: Registry; vars?: Record<string, unknown> } = {},
): Promise<Transcript> {
  const runtime = createRuntime(compileFlow(flow, options.registry ?? builtins), options.ports);
  let step = await runtime.start({ contact: { id: 'contact-1', name: 'Ana' }, ...(options.vars ? { vars: options.vars } : {}) });
  const steps = [step];
  const timers: string[] = [];
  for (const line of script) {
    for (const effect of step.effects) {
      if (effect.type === 'timer.schedule') timers.push(effect.timerId);
      if (effect.type === 'timer.cancel') timers.splice(timers.indexOf(effect.timerId) >>> 0, 1);
    }
    const snapshot = JSON.parse(JSON.stringify(step.snapshot));
    step = await runtime.send(snapshot, toEvent(line, timers));
    steps.push(step);
  }
  return { steps, last: step };
}

function toEvent(line: ScriptLine, timers: string[]): EngineEvent {
  if (typeof line === 'string') return { type: 'user.message', message: { kind: 'text', text: line } };
  if ('event' in line) return line.event;
  if ('fireTimer' in line) {
    const timerId = timers.pop();
    if (!timerId) throw new Error('no timer is scheduled');
    return { type: 'timer.fired', timerId };
  }
  return { type: 'user.message', message: line };
}

/** The bot's side of a transcript as readable lines, e.g. `Choose one [Sales | Support]`. */
export function botLines(steps: StepResult[]): string[] {
  return steps.flatMap((step) =>
    step.effects.flatMap((effect) => {
      if (effect.type !== 'message.send') return [];
      const m = effect.message;
      switch (m.kind) {
        case 'text':
          return [m.text];
        case 'menu':
          return [`${m.text} [${m.options.map((o) => o.label).join(' | ')}]`];
        case 'media':
          return [`<${m.mediaType} ${m.url ?? m.mediaId}${m.caption ? ` "${m.caption}"` : ''}>`];
        case 'template':
          return [`<template ${m.name} ${m.params.join(',')}>`];
        case 'location':
          return [`<location ${m.latitude},${m.longitude}>`];
      }
      return [];
    }),
  );
}
