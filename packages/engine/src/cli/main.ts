import { relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CHAT_HELP, chatCommand } from './chat-command';
import { type Output, processOutput } from './output';
import { ansiPalette, plainPalette } from './render-chat';
import { testCommand } from './test-command';
import { validateCommand } from './validate-command';

const USAGE = `Usage: pnpm flow <command> [options]

Commands:
  validate <file>...   Check flow documents. Prints one line per problem (node and field) and
                       exits 1 when a file has errors; warnings alone exit 0.
  test <file>...       Run the tests a flow document holds ("tests"). One line per test; a failing
                       test names the step, what was expected and what the bot did instead.
                       Exits 1 when a test fails.
  chat <file>          Chat with a flow in the terminal: your lines on stdin, the bot's on stdout.
                       Works typed or piped (e.g. printf 'hi\\n2\\n' | pnpm flow chat flow.json).

Options:
  --json               validate, test: one JSON object per file. chat: one JSON object per line for
                       every effect (bot messages, timers, handoffs, variables, orders, the end).
  --name <name>        chat: the contact's name, for {{contact.name}} (default: Guest)
  --catalog <file>     chat, test: the product catalog for order and AI nodes (default: examples/catalog.json)
  --now <time>         chat: pretend it is this time, e.g. 2025-06-02T10:00:00Z, to try business hours
  -h, --help           show this help

In the chat:
${CHAT_HELP.map((line) => `  ${line}`).join('\n')}

The terminal has no server, so:
  - the AI node answers with an offline stand-in, not a real model: an outcome's id finishes with
    that outcome, asking for an "agent" hands off, "search <words>" searches the catalog, and
    anything else is echoed. Use the builder's simulator to talk to the real model.
  - the catalog (order node, AI search) is read from --catalog.
  - HTTP nodes make real requests from this machine.
  - the handoff node's agent is you: /release hands the conversation back.`;

/** Paths on the command line are relative to where the person typed the command. */
const baseDir = process.env.INIT_CWD ?? process.cwd();
const defaultCatalog = fileURLToPath(new URL('../../../../examples/catalog.json', import.meta.url));

/** Runs the command line and returns the exit code: 0 ok, 1 the flow or a step failed, 2 usage. */
export async function main(argv: string[], out: Output): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    out.error(`error: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...files] = positionals;
  if (values.help || command === 'help') {
    out.line(USAGE);
    return 0;
  }
  if (command === 'validate' && files.length > 0) {
    return validateCommand({ files: files.map(display), json: values.json ?? false }, out);
  }
  if (command === 'test' && files.length > 0) {
    const catalog = { path: display(values.catalog ?? defaultCatalog), explicit: values.catalog !== undefined };
    return testCommand({ files: files.map(display), json: values.json ?? false, catalog }, out);
  }
  if (command === 'chat' && files.length === 1) {
    const now = values.now === undefined ? undefined : Date.parse(values.now);
    if (now !== undefined && Number.isNaN(now)) {
      out.error(`error: --now "${values.now}" is not a time; use ISO 8601, e.g. 2025-06-02T10:00:00Z`);
      return 2;
    }
    const interactive = process.stdin.isTTY === true;
    const readline = createInterface({ input: process.stdin, terminal: interactive, ...(interactive ? { output: process.stdout } : {}) });
    readline.setPrompt('you › ');
    try {
      return await chatCommand(
        {
          file: display(files[0] as string),
          json: values.json ?? false,
          name: values.name ?? 'Guest',
          catalog: { path: display(values.catalog ?? defaultCatalog), explicit: values.catalog !== undefined },
          echo: !interactive,
          ...(now === undefined ? {} : { now }),
          palette: process.stdout.isTTY && !process.env.NO_COLOR ? ansiPalette : plainPalette,
        },
        { lines: readline, prompt: () => interactive && readline.prompt() },
        out,
      );
    } finally {
      readline.close();
    }
  }
  out.error(command ? `error: usage of "${command}" is wrong or unknown\n\n${USAGE}` : USAGE);
  return 2;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      name: { type: 'string' },
      catalog: { type: 'string' },
      now: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** An absolute path for reading, shown relative to where the command was typed. */
function display(path: string): string {
  const absolute = resolve(baseDir, path);
  const shown = relative(process.cwd(), absolute);
  return shown.startsWith('..') ? absolute : shown || '.';
}

main(process.argv.slice(2), processOutput).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A bug of ours, not of the document: still one line, with the way to report it.
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)} (this is a bug in the CLI)\n`);
    process.exitCode = 1;
  },
);
