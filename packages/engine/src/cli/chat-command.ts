import { compileFlow } from '../compile/compile-flow';
import { defaultRegistry } from '../default-registry';
import type { Registry } from '../registry';
import type { StepResult } from '../runtime/conversation-runtime';
import type { EngineEvent } from '../runtime/engine-event';
import type { Ports } from '../runtime/ports';
import type { UserMessage } from '../runtime/user-message';
import { formatProblem } from '../validation/problem';
import { validateFlow } from '../validation/validate-flow';
import { readCatalogFile } from './catalog-file';
import { ChatSession } from './chat-session';
import { echoAi } from './echo-ai';
import { fetchHttp } from './fetch-http';
import { memoryCatalog } from './memory-catalog';
import type { Output } from './output';
import { readJsonFile } from './read-json-file';
import { type Palette, renderEffect, renderMessage } from './render-chat';

export interface ChatOptions {
  file: string;
  /** One JSON object per line for every effect, instead of a readable transcript. */
  json: boolean;
  /** The contact's name, for `{{contact.name}}`. */
  name: string;
  catalog: { path: string; explicit: boolean };
  /** A fixed time for every event (epoch ms), to try business hours; the wall clock otherwise. */
  now?: number;
  /** Repeat each input line in the output, so piped output reads as a transcript. */
  echo: boolean;
  palette: Palette;
  registry?: Registry;
}

export interface ChatInput {
  lines: AsyncIterable<string>;
  /** Shows the prompt, when a person is typing. */
  prompt(): void;
}

export const CHAT_HELP = [
  'Type a reply and press Enter. After a menu, a number or an option label taps that option.',
  '/timeout          fire the pending timer now (a reminder, a "no answer" timeout, a wait)',
  '/release [note]   the agent hands the conversation back to the bot',
  '/send <json>      send any message, e.g. /send {"kind":"location","latitude":38.7,"longitude":-9.1}',
  '/vars             show the conversation variables',
  '/restart          start the conversation again',
  '/quit             leave (so does Ctrl+D)',
];

/**
 * `flow chat <file>`: a conversation with a flow in the terminal, through the same runtime the
 * server uses (snapshot stored as JSON between messages). Returns the exit code: 1 when the flow
 * cannot run or a step failed, 0 otherwise.
 */
export async function chatCommand(options: ChatOptions, input: ChatInput, out: Output): Promise<number> {
  const registry = options.registry ?? defaultRegistry;
  const read = readJsonFile(options.file);
  if (!read.ok) {
    out.error(`error: ${read.message}`);
    return 1;
  }
  const { problems } = validateFlow(read.value, registry);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    for (const problem of errors) out.error(formatProblem(problem));
    out.error(`✗ ${options.file} has ${errors.length} error${errors.length === 1 ? '' : 's'}; fix them to chat with it`);
    return 1;
  }
  const note = (text: string) => (options.json ? out.error(`note: ${text}`) : out.line(options.palette.note(`· ${text}`)));
  const warnings = problems.length - errors.length;
  if (warnings > 0) note(`${warnings} warning${warnings === 1 ? '' : 's'}; see pnpm flow validate ${options.file}`);
  const ports = createPorts(options, note, out);
  if (!ports) return 1;

  let failed = false;
  const show = (step: StepResult) => {
    for (const effect of step.effects) {
      // Which nodes were entered and left is for the server's per-node counts, not a transcript.
      if (effect.type === 'node.enter' || effect.type === 'node.exit') continue;
      if (options.json) out.line(JSON.stringify(effect));
      else if (effect.type === 'message.send') for (const line of renderMessage(effect.message, options.palette)) out.line(line);
      else {
        const line = renderEffect(effect, options.palette);
        if (line) out.line(line);
      }
    }
  };
  const run = async (step: Promise<StepResult>) => {
    try {
      show(await step);
    } catch (error) {
      failed = true;
      const message = `${error instanceof Error ? error.message : String(error)}; the conversation stays where it was`;
      if (options.json) out.line(JSON.stringify({ type: 'error', message }));
      else out.error(`error: ${message}`);
    }
  };

  const fixedTime = options.now;
  const session = new ChatSession(
    compileFlow(read.value, registry),
    ports,
    { id: 'terminal', name: options.name },
    fixedTime === undefined ? Date.now : () => fixedTime,
  );
  await run(session.start());
  input.prompt();
  for await (const raw of input.lines) {
    const line = raw.trim();
    if (options.echo && !options.json && line) out.line(`you › ${line}`);
    if (line === '/quit') break;
    if (line.startsWith('/')) await command(line, session, run, note, options, out);
    else if (line && session.done) note('the conversation has ended; type /restart to start again, or /quit');
    else if (line) await run(session.send({ type: 'user.message', message: session.userMessage(line) }));
    input.prompt();
  }
  return failed ? 1 : 0;
}

async function command(
  line: string,
  session: ChatSession,
  run: (step: Promise<StepResult>) => Promise<void>,
  note: (text: string) => void,
  options: ChatOptions,
  out: Output,
): Promise<void> {
  const [name = '', ...rest] = line.split(/\s+/);
  const argument = line.slice(name.length).trim();
  const send = (event: EngineEvent) =>
    session.done ? note('the conversation has ended; type /restart to start again') : run(session.send(event));
  switch (name) {
    case '/timeout': {
      const event = session.timerEvent();
      if (event) return send(event);
      return note('no timer is pending');
    }
    case '/release':
      if (!session.agent) return note('no agent has the conversation');
      return send({ type: 'agent.released', ...(argument ? { note: argument } : {}) });
    case '/send': {
      const message = parseUserMessage(argument);
      if (typeof message === 'string') return note(message);
      return send({ type: 'user.message', message });
    }
    case '/vars':
      if (options.json) out.line(JSON.stringify({ type: 'vars', vars: session.vars }));
      else note(JSON.stringify(session.vars));
      return;
    case '/restart':
      return run(session.start());
    case '/help':
      for (const help of CHAT_HELP) note(help);
      return;
    default:
      note(`unknown command ${name}${rest.length ? ' …' : ''}; type /help`);
  }
}

const MESSAGE_KINDS = ['text', 'choice', 'media', 'location', 'order', 'contacts'];

/** A `/send` argument as a user message, or a sentence saying what is wrong with it. */
function parseUserMessage(text: string): UserMessage | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'usage: /send {"kind":"location","latitude":38.7,"longitude":-9.1} (the message must be JSON)';
  }
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string' || !MESSAGE_KINDS.includes(kind)) return `the message needs "kind": one of ${MESSAGE_KINDS.join(', ')}`;
  return value as UserMessage;
}

/**
 * The terminal's ports: an offline echo AI (no key, no network), the catalog file, real HTTP.
 * Each says once, when a node first uses it, what stands behind it.
 */
function createPorts(options: ChatOptions, note: (text: string) => void, out: Output): Ports | undefined {
  const catalog = readCatalogFile(options.catalog.path);
  if (!catalog.ok && options.catalog.explicit) {
    out.error(`error: ${catalog.message}`);
    return undefined;
  }
  const once = <T extends object>(port: T, text: string): T => {
    let told = false;
    return new Proxy(port, {
      get(target, key, receiver) {
        if (!told) {
          told = true;
          note(text);
        }
        return Reflect.get(target, key, receiver);
      },
    });
  };
  return {
    ai: once(
      echoAi,
      'the AI node answers with an offline stand-in here (an outcome id finishes, "agent" hands off, "search <words>" searches); use the simulator for the real model',
    ),
    http: once(fetchHttp, 'HTTP nodes make real requests from this machine'),
    ...(catalog.ok
      ? { catalog: once(memoryCatalog(catalog.catalog), `catalog: ${options.catalog.path} (${catalog.catalog.products.length} products)`) }
      : {}),
  };
}
