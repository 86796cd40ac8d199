import { normalizeText } from '../runtime/match-option';
import type { AiPort, AiRequest, AiResult, AiTool, AiToolCall } from '../runtime/ports';

const USAGE = { inputTokens: 0, outputTokens: 0 };
const MODEL = 'offline-echo';
const ASKS_FOR_PERSON = /\b(agent|human|person|someone)\b/;
const SEARCH = /^(?:search|find)\s+(.+)$/;

/**
 * The terminal's stand-in for the language model: no key, no network, predictable. It lets a
 * person walk every path of an AI node:
 * - a message that is an outcome's id (e.g. `resolved`) calls `finish` with it;
 * - asking for an agent, a human or a person calls `handoff` (when the node offers it);
 * - `search <words>` or `find <words>` calls `search_catalog` and reads back what it found;
 * - anything else is echoed, with a hint of what would work.
 */
export const echoAi: AiPort = {
  async respond(request) {
    const last = request.messages.at(-1);
    if (last?.role === 'tool') {
      const found = last.results.map((r) => r.content).join('\n');
      return reply(`(offline AI) The tool answered: ${found.length > 400 ? `${found.slice(0, 400)}…` : found}`);
    }
    const said = last?.role === 'user' ? last.text : '';
    const text = normalizeText(said);
    const offered = (name: AiTool['name']) => request.tools.find((tool) => tool.name === name);
    const outcome = finishOutcomes(request).find((o) => normalizeText(o) === text);
    if (outcome) return call('finish', { outcome }, `(offline AI) Finishing with "${outcome}".`);
    if (offered('handoff') && ASKS_FOR_PERSON.test(text)) {
      return call('handoff', { note: `The customer asked for a person: "${said}"` }, '(offline AI) Passing you to a colleague.');
    }
    const search = SEARCH.exec(text);
    if (offered('search_catalog') && search) return call('search_catalog', { query: search[1] as string }, '');
    return reply(`(offline AI) You said: "${said}".${hint(request)}`);
  },
};

function reply(text: string): AiResult {
  return { text, toolCalls: [], usage: USAGE, model: MODEL };
}

function call(name: string, input: AiToolCall['input'], text: string): AiResult {
  return { text, toolCalls: [{ id: `offline-${name}`, name, input }], usage: USAGE, model: MODEL };
}

/** The outcomes the node's `finish` tool accepts, read from the tool's own input schema. */
function finishOutcomes(request: AiRequest): string[] {
  const finish = request.tools.find((tool) => tool.name === 'finish');
  const properties = finish?.inputSchema.properties as Record<string, { enum?: unknown[] }> | undefined;
  return (properties?.outcome?.enum ?? []).filter((o): o is string => typeof o === 'string');
}

function hint(request: AiRequest): string {
  const ways = [
    ...finishOutcomes(request).map((o) => `"${o}" to finish`),
    ...(request.tools.some((t) => t.name === 'handoff') ? ['"agent" to hand off'] : []),
    ...(request.tools.some((t) => t.name === 'search_catalog') ? ['"search <words>" to search the catalog'] : []),
  ];
  return ways.length ? ` Try ${ways.join(', ')}.` : '';
}
