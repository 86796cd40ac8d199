import { ChatSession } from '../cli/chat-session';
import { messageText } from '../compile/apply-update';
import type { CompiledFlow } from '../compile/compile-flow';
import type { FlowTest, FlowTestStep } from '../flow-document';
import type { StepResult } from '../runtime/conversation-runtime';
import { normalizeText } from '../runtime/match-option';
import type { CatalogPort } from '../runtime/ports';
import { lookup } from '../runtime/template';
import type { UserMessage } from '../runtime/user-message';
import { recordedPorts } from './recorded-ports';

export interface FlowTestResult {
  name: string;
  passed: boolean;
  /** The first step that did not hold. */
  failure?: FlowTestFailure;
}

export interface FlowTestFailure {
  /** 1-based, as a person counts the steps. */
  step: number;
  /** The step as written, e.g. `expect "Sales here"`. */
  what: string;
  expected: string;
  actual: string;
}

/**
 * Runs each of a flow's tests as a conversation held the way the server holds one (the first
 * message starts it, as on WhatsApp; a test that checks before any customer step sees the flow open
 * by itself, as in the test chat; the snapshot goes through JSON between messages): customer steps are sent,
 * checks compare what the bot said since the last customer step, where it waits and its variables.
 * AI and HTTP nodes get the test's recorded answers, so the same flow always gives the same result.
 *
 * @example
 * const results = await runFlowTests(compileFlow(flow, registry), flow.tests ?? []);
 * results.filter((r) => !r.passed);
 */
export async function runFlowTests(
  compiled: CompiledFlow,
  tests: readonly FlowTest[],
  options: { catalog?: CatalogPort; clock?: () => number } = {},
): Promise<FlowTestResult[]> {
  const results: FlowTestResult[] = [];
  for (const test of tests) results.push(await runOne(compiled, test, options));
  return results;
}

async function runOne(
  compiled: CompiledFlow,
  test: FlowTest,
  options: { catalog?: CatalogPort; clock?: () => number },
): Promise<FlowTestResult> {
  const recorded = recordedPorts(test, options.catalog);
  const session = new ChatSession(compiled, recorded.ports, { id: 'flow-test', name: test.contact?.name ?? 'Guest' }, options.clock);
  let started = false;
  let said: string[] = [];
  const fail = (index: number, step: FlowTestStep, expected: string, actual: string): FlowTestResult => ({
    name: test.name,
    passed: false,
    failure: { step: index + 1, what: describeStep(step), expected, actual },
  });
  for (const [index, step] of test.steps.entries()) {
    let result: StepResult | string | undefined;
    try {
      // A check before anything was said sees what the flow says when it opens by itself (as in the test chat).
      if (isCustomerStep(step)) result = await customerStep(session, step, started);
      else if (!started) result = await session.start();
    } catch (error) {
      result = error instanceof Error ? error.message : String(error);
    }
    if (typeof result === 'string') return fail(index, step, 'the step to run', result);
    const missing = recorded.missing();
    if (missing) return fail(index, step, 'a recorded answer', missing);
    if (result) {
      started = true;
      said = result.effects.flatMap((e) => (e.type === 'message.send' ? [messageText(e.message)] : []));
    }
    if (isCustomerStep(step)) continue;
    if ('expect' in step) {
      const wanted = normalizeText(step.expect);
      if (!said.some((line) => normalizeText(line).includes(wanted))) {
        return fail(
          index,
          step,
          `a bot message containing "${step.expect}"`,
          said.length > 0 ? said.map((s) => `"${s}"`).join(', ') : 'no bot message',
        );
      }
    } else if ('expectNode' in step) {
      const at = session.done ? `ended at node "${session.nodeId}"` : `at node "${session.nodeId}"`;
      if (session.done || session.nodeId !== step.expectNode) return fail(index, step, `at node "${step.expectNode}"`, at);
    } else if ('expectVariable' in step) {
      const value = lookup({ vars: session.vars, contact: session.contact }, step.expectVariable.name);
      if (JSON.stringify(value) !== JSON.stringify(step.expectVariable.value)) {
        return fail(index, step, JSON.stringify(step.expectVariable.value), value === undefined ? 'not set' : JSON.stringify(value));
      }
    }
  }
  return { name: test.name, passed: true };
}

function isCustomerStep(step: FlowTestStep): boolean {
  return 'say' in step || 'choose' in step || 'media' in step || 'fireTimer' in step;
}

/** Runs a customer's step and returns what the bot did; undefined for a check; a string when it cannot run. */
async function customerStep(session: ChatSession, step: FlowTestStep, started: boolean): Promise<StepResult | string | undefined> {
  if ('fireTimer' in step) {
    const event = started ? session.timerEvent() : undefined;
    return event ? session.send(event) : 'no timer is waiting';
  }
  const message = customerMessage(session, step);
  if (typeof message !== 'object') return message;
  // As on WhatsApp, the first message (or the first after the end) starts the flow.
  return !started || session.done ? session.start(message) : session.send({ type: 'user.message', message });
}

function customerMessage(session: ChatSession, step: FlowTestStep): UserMessage | string | undefined {
  if ('say' in step) return { kind: 'text', text: step.say };
  if ('media' in step) return { kind: 'media', mediaType: step.media.type, ...(step.media.caption ? { caption: step.media.caption } : {}) };
  if ('choose' in step) {
    const message = session.userMessage(step.choose);
    return message.kind === 'choice' ? message : `the bot offers no option "${step.choose}"`;
  }
  return undefined;
}

/** A step as one short line, e.g. `say "hi"`, `expectNode "menu"`. */
export function describeStep(step: FlowTestStep): string {
  const [name, value] = Object.entries(step)[0] as [string, unknown];
  return `${name} ${JSON.stringify(value)}`;
}
