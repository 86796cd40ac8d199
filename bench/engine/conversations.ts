import {
  type ConversationRuntime,
  compileFlow,
  createRuntime,
  defaultRegistry,
  type EngineEvent,
  type OutboundMessage,
} from '@chatflow/engine';
import { createActor } from 'xstate';
import { handWrittenMachine } from './hand-written-machine';
import { loopMessages, twentyNodeFlow } from './twenty-node-flow';

const contact = { id: 'bench', name: 'Ana' };

/** The user's messages, the same for both sides: drinks, cup counts, names, confirm or cancel, again. */
export function userEvents(count: number): EngineEvent[] {
  return Array.from({ length: Math.ceil(count / 5) }, (_, i) => loopMessages(i))
    .flat()
    .slice(0, count)
    .map((text): EngineEvent => ({ type: 'user.message', message: { kind: 'text', text } }));
}

type Sent = { type: string; message?: OutboundMessage };
/** The texts the bot sent, to check that both sides hold the same conversation. */
function texts(effects: readonly Sent[]): string[] {
  return effects.flatMap((e) => (e.type === 'message.send' && e.message && 'text' in e.message ? [e.message.text] : []));
}

let runtime: ConversationRuntime | undefined;

/**
 * One conversation through the engine, as the server runs it: the flow compiled once, the
 * snapshot stored as JSON text between messages and restored for each. Returns what the bot said.
 */
export async function engineConversation(events: readonly EngineEvent[]): Promise<string[]> {
  runtime ??= createRuntime(compileFlow(twentyNodeFlow, defaultRegistry));
  let step = await runtime.start({ contact });
  let stored = JSON.stringify(step.snapshot);
  const said = texts(step.effects);
  for (const event of events) {
    step = await runtime.send(JSON.parse(stored), event);
    stored = JSON.stringify(step.snapshot);
    said.push(...texts(step.effects));
  }
  return said;
}

/** The same conversation through the hand-written machine, with the same snapshot round trip. */
export async function handWrittenConversation(events: readonly EngineEvent[]): Promise<string[]> {
  const step = async (stored: string | undefined, event?: EngineEvent) => {
    const actor =
      stored === undefined
        ? createActor(handWrittenMachine, { input: { contact } })
        : createActor(handWrittenMachine, { snapshot: JSON.parse(stored), input: { contact } });
    const effects: Sent[] = [];
    actor.on('*', (effect) => effects.push(effect));
    actor.start();
    if (event?.type === 'user.message') actor.send(event);
    const snapshot = JSON.stringify(actor.getPersistedSnapshot());
    actor.stop();
    return { stored: snapshot, effects };
  };
  let result = await step(undefined);
  const said = texts(result.effects);
  for (const event of events) {
    result = await step(result.stored, event);
    said.push(...texts(result.effects));
  }
  return said;
}
