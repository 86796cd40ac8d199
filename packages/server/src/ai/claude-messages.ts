import type { Message, MessageParam, Tool } from '@anthropic-ai/sdk/resources/messages';
import type { AiRequest, AiResult, HistoryEntry } from '@chatflow/engine';
import type { MediaBlock } from './media-blocks';

type AiMessage = AiRequest['messages'][number];
type AiTool = AiRequest['tools'][number];
type AiToolCall = AiResult['toolCalls'][number];

/**
 * The engine's conversation as Messages API turns: `user` text, `assistant` text plus `tool_use`
 * blocks, and `tool` results as a user turn of `tool_result` blocks. The engine already starts with
 * the user and alternates; a trailing assistant turn gets a short bracketed user turn, since the
 * model answers the last user turn (and the API treats a trailing assistant turn as a prefill).
 * `facts`, the marked customer-provided context, opens the first user turn as its own text block;
 * `media[i]`, the blocks for the customer's photos and files in message `i`, go before its text.
 */
export function claudeMessages(
  messages: readonly AiMessage[],
  redact: Redactors,
  facts?: string,
  media: readonly MediaBlock[][] = [],
): MessageParam[] {
  const turns = messages.map((message, i) => claudeTurn(message, redact, media[i] ?? []));
  if (turns[0]?.role !== 'user') turns.unshift({ role: 'user', content: '[The customer opened the conversation.]' });
  if (turns.at(-1)?.role !== 'user') turns.push({ role: 'user', content: '[The customer is waiting for your reply.]' });
  const first = turns[0];
  if (facts && first) turns[0] = { role: 'user', content: [{ type: 'text', text: facts }, ...contentBlocks(first.content)] };
  return turns;
}

/** A turn's content as blocks, so a block can go before it. */
function contentBlocks(content: MessageParam['content']): Exclude<MessageParam['content'], string> {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

/** How texts are masked: conversation text fully, tool results (catalog data) only for the contact's identifiers. */
export interface Redactors {
  text(text: string): string;
  toolResult(text: string): string;
}

function claudeTurn(message: AiMessage, redact: Redactors, media: readonly MediaBlock[]): MessageParam {
  switch (message.role) {
    case 'user':
      if (media.length === 0) return { role: 'user', content: redact.text(message.text) };
      return { role: 'user', content: [...media, { type: 'text', text: redact.text(message.text) }] };
    case 'assistant': {
      const calls = message.toolCalls ?? [];
      if (calls.length === 0) return { role: 'assistant', content: redact.text(message.text) };
      return {
        role: 'assistant',
        content: [
          ...(message.text.trim() ? [{ type: 'text' as const, text: redact.text(message.text) }] : []),
          ...calls.map((call) => ({ type: 'tool_use' as const, id: call.id, name: call.name, input: call.input })),
        ],
      };
    }
    case 'tool':
      return {
        role: 'user',
        content: message.results.map((result) => ({
          type: 'tool_result' as const,
          tool_use_id: result.callId,
          content: redact.toolResult(result.content),
          ...(result.isError ? { is_error: true } : {}),
        })),
      };
  }
}

/** The engine's tool definitions as Messages API tools. */
export function claudeTools(tools: readonly AiTool[]): Tool[] {
  return tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    input_schema: { type: 'object', ...tool.inputSchema },
  }));
}

/** A Messages API response as the engine's result: text blocks joined, `tool_use` blocks as calls. */
export function aiResultOf(response: Message): AiResult {
  const text = response.content
    .flatMap((block) => (block.type === 'text' ? [block.text] : []))
    .join('\n\n')
    .trim();
  const toolCalls = response.content.flatMap((block): AiToolCall[] =>
    block.type === 'tool_use' ? [{ id: block.id, name: block.name, input: isRecord(block.input) ? block.input : {} }] : [],
  );
  return {
    text,
    toolCalls,
    usage: { inputTokens: response.usage.input_tokens, outputTokens: response.usage.output_tokens },
    model: response.model,
  };
}

/**
 * The plain conversation in a request (what the customer and the bot said), without the tool
 * rounds of the current turn: what conversation memory keeps track of.
 */
export function conversationTurns(messages: readonly AiMessage[]): HistoryEntry[] {
  return messages.flatMap((message): HistoryEntry[] => {
    if (message.role === 'tool' || (message.role === 'assistant' && message.toolCalls?.length)) return [];
    return message.text.trim() ? [{ role: message.role, text: message.text }] : [];
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
