import type { Message, MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import type { HistoryEntry } from '@chatflow/engine';

/** Makes one Messages API call (with the port's timeout, retries and usage accounting). */
export type CallModel = (params: MessageCreateParamsNonStreaming) => Promise<Message>;

export interface MemoryUpdate {
  summary?: string;
  name?: string;
  preferences: string[];
}

const instructions =
  'You keep the memory of a customer-service chat on WhatsApp. Answer with one JSON object and nothing else: ' +
  '{"summary": string, "name": string | null, "preferences": string[]}. ' +
  '"summary" merges the earlier summary with the messages to fold in: at most 120 words, in the language of the chat, ' +
  'what the customer wants, what was offered or decided, open questions; no greetings. ' +
  '"name" is the name the customer wants to be called, if they said it. "preferences" are lasting preferences they ' +
  'stated (sizes, tastes, dietary needs), short phrases. Never include phone numbers, e-mail or street addresses.';

/**
 * Asks the model to fold turns that left the history window into the summary, and to pick up the
 * customer's name and preferences from what it reads.
 *
 * @example
 * const update = await updateMemory(call, 'claude-haiku-4-5', { summary, fold: dropped, recent: window });
 */
export async function updateMemory(
  call: CallModel,
  model: string,
  input: { summary?: string; fold: readonly HistoryEntry[]; recent: readonly HistoryEntry[] },
): Promise<MemoryUpdate> {
  const response = await call({
    model,
    max_tokens: 500,
    system: instructions,
    messages: [
      {
        role: 'user',
        content: [
          `Earlier summary:\n${input.summary?.trim() || '(none yet)'}`,
          `Messages to fold into the summary:\n${transcript(input.fold) || '(none)'}`,
          `Recent messages (read them for the name and preferences only):\n${transcript(input.recent) || '(none)'}`,
        ].join('\n\n'),
      },
    ],
  });
  const text = response.content
    .flatMap((block) => (block.type === 'text' ? [block.text] : []))
    .join('\n')
    .trim();
  if (!text || response.stop_reason === 'refusal') throw new Error('the model returned no memory update');
  return parseUpdate(text, input.fold.length > 0);
}

/**
 * The entries of `previous` that are no longer in `current`: the turns that scrolled out of the
 * history window since the model last saw it. The engine may merge neighbouring messages
 * differently once the window moves, so entries match when one text contains the other.
 *
 * @example
 * droppedTurns([a, b, c], [b, c, d]); // [a]
 */
export function droppedTurns(previous: readonly HistoryEntry[], current: readonly HistoryEntry[]): HistoryEntry[] {
  const first = current[0];
  if (!first) return [...previous];
  // Prefer the start where the whole rest of `previous` lines up with `current`; else where `current` starts.
  for (let start = 0; start < previous.length; start += 1) {
    const tail = previous.slice(start);
    if (tail.length <= current.length && tail.every((entry, i) => sameTurn(entry, current[i]))) return previous.slice(0, start);
  }
  const start = previous.findIndex((entry) => sameTurn(entry, first));
  return start === -1 ? [...previous] : previous.slice(0, start);
}

function sameTurn(a: HistoryEntry, b: HistoryEntry | undefined): boolean {
  return b !== undefined && a.role === b.role && (a.text === b.text || a.text.includes(b.text) || b.text.includes(a.text));
}

function transcript(turns: readonly HistoryEntry[]): string {
  return turns.map((turn) => `${turn.role === 'user' ? 'Customer' : 'Business'}: ${turn.text}`).join('\n');
}

/** Reads the model's JSON; a model that answered in prose still gives a usable summary. */
function parseUpdate(text: string, folded: boolean): MemoryUpdate {
  const json = /\{[\s\S]*\}/.exec(text)?.[0];
  if (json) {
    try {
      const value = JSON.parse(json) as { summary?: unknown; name?: unknown; preferences?: unknown };
      return {
        ...(folded && typeof value.summary === 'string' && value.summary.trim() ? { summary: value.summary.trim() } : {}),
        ...(typeof value.name === 'string' && value.name.trim() ? { name: value.name.trim().slice(0, 80) } : {}),
        preferences: Array.isArray(value.preferences)
          ? value.preferences.filter((p): p is string => typeof p === 'string' && p.trim() !== '').map((p) => p.trim().slice(0, 120))
          : [],
      };
    } catch {
      // Not JSON after all: fall through to prose.
    }
  }
  return { ...(folded ? { summary: text } : {}), preferences: [] };
}
