import type { ConversationContext } from '../../runtime/conversation-context';
import type { AiMessage, AiTool, AiToolResult, ContactProfile, Ports } from '../../runtime/ports';
import { type Cart, readCart } from '../order/cart';
import { aiMessages } from './ai-messages';
import { aiSystemPrompt } from './ai-system-prompt';
import { carryOut, type TurnState } from './ai-tool-calls';

/** How many model calls one customer message may take, tool rounds included. */
export const MAX_ROUNDS = 5;

/** What an AI node's `respond` actor gets from its compile. */
export interface AiTurnParams {
  model: string;
  systemPrompt: string;
  maxTokens: number;
  historyWindow: number;
  tools: AiTool[];
  variables: string[];
  outcomes: string[];
}

/** The result of answering one customer message: plain JSON, applied by the node's `apply` action. */
export interface AiTurn {
  /** What to say; empty when the model only acted. */
  reply: string;
  vars: Record<string, string | number | boolean>;
  /** The cart, when the model changed it. */
  cart?: Cart;
  handoff?: { note: string };
  outcome?: string;
  /** The contact's profile as the host last reported it. */
  profile?: ContactProfile;
  usage: { model: string; inputTokens: number; outputTokens: number };
}

/**
 * Answers the customer's latest message: calls the AI port with the conversation, carries out the
 * tools it asks for and calls again with their results, until the model replies without tools,
 * hands off or finishes.
 *
 * @throws Error when the host has no AI port, the port fails, or the model keeps calling tools.
 */
export async function runAiTurn(context: ConversationContext, params: AiTurnParams, ports: Ports): Promise<AiTurn> {
  const ai = ports.ai;
  if (!ai) throw new Error(`AI node "${context.nodeId}": the host provides no AI port`);
  const messages: AiMessage[] = aiMessages(context.history, params.historyWindow);
  const { system, facts } = aiSystemPrompt(params.systemPrompt, context);
  const cart = readCart(context.vars.cart);
  const state: TurnState = { vars: {}, cartChanged: false, ...(cart ? { cart } : {}) };
  const limits = { tools: params.tools.map((t) => t.name), variables: params.variables, outcomes: params.outcomes };
  const texts: string[] = [];
  const usage = { model: params.model, inputTokens: 0, outputTokens: 0 };
  let profile: ContactProfile | undefined;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const result = await ai.respond({
      nodeId: context.nodeId,
      model: params.model,
      system,
      ...(facts.length ? { facts } : {}),
      maxTokens: params.maxTokens,
      messages,
      tools: params.tools,
    });
    usage.model = result.model ?? usage.model;
    profile = result.profile ?? profile;
    usage.inputTokens += result.usage.inputTokens;
    usage.outputTokens += result.usage.outputTokens;
    if (result.text.trim()) texts.push(result.text.trim());
    const results: AiToolResult[] = [];
    for (const call of result.toolCalls) results.push(await carryOut(call, state, limits, ports.catalog));
    if (result.toolCalls.length === 0 || state.handoff || state.outcome) {
      return {
        reply: texts.join('\n\n'),
        vars: state.vars,
        ...(state.cartChanged && state.cart ? { cart: state.cart } : {}),
        ...(state.handoff ? { handoff: state.handoff } : {}),
        ...(state.outcome ? { outcome: state.outcome } : {}),
        ...(profile ? { profile } : {}),
        usage,
      };
    }
    messages.push({ role: 'assistant', text: result.text, toolCalls: result.toolCalls }, { role: 'tool', results });
  }
  throw new Error(`AI node "${context.nodeId}": the model called tools ${MAX_ROUNDS} times without answering`);
}
