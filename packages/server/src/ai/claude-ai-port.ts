import Anthropic from '@anthropic-ai/sdk';
import { type AiPort, type AiRequest, type AiResult, defaultRegistry, type HistoryEntry } from '@chatflow/engine';
import type { MediaStore } from '../media/media-store';
import type { Logger } from '../observability/logger';
import type { WorkspaceAi } from '../workspaces/ai-settings';
import { AiError, toAiError } from './ai-error';
import type { AiMemoryRecord, AiMemoryRepository, ContactProfileRecord } from './ai-memory-repository';
import { aiResultOf, claudeMessages, claudeTools, conversationTurns } from './claude-messages';
import { type CallModel, droppedTurns, type MemoryUpdate, updateMemory } from './conversation-memory';
import { customerFacts } from './customer-facts';
import { mediaBlocks } from './media-blocks';
import { profileVariable } from './profile-variable';
import { redactText } from './redact-contact-data';
import type { TurnScope } from './turn-scope';

/** Which conversation an AI call belongs to: memory, profile and usage are kept by it. */
export type AiScope = TurnScope;

export interface ClaudeAiOptions {
  /** ANTHROPIC_API_KEY; without it every call rejects with a clear error (the node's error exit). */
  apiKey?: string;
  /** ANTHROPIC_BASE_URL; Anthropic's own when unset. */
  baseUrl?: string;
  memory: AiMemoryRepository;
  /** Where the customer's photos are read from, to show them to the model; without it they are described in a note. */
  media?: Pick<MediaStore, 'get'>;
  /** Where a missing API key is reported when an AI node runs (with the flow, so the test chat shows it). */
  log?: Pick<Logger, 'warn'>;
  /** Per API call, retries included; default 30 s. */
  timeoutMs?: number;
  /** Retries of a failed call (429, 5xx, network) inside the SDK; default 1, so the customer is not kept waiting. */
  maxRetries?: number;
  /**
   * The workspace's own AI settings (its key, default model and reply tone), read per call; the
   * options' `apiKey` serves workspaces without a key of their own.
   */
  workspaceAi?: (workspaceId: string) => Promise<WorkspaceAi>;
  /** Turns that left the history window before they are summarised; default 6. */
  summaryBatch?: number;
  now?: () => number;
}

export interface ClaudeAi {
  /** A port bound to one conversation (a turn's, see `createTurnPorts`). */
  portFor(scope: AiScope): AiPort;
}

/** What the operator (and the admin in the test chat) reads when an AI node runs without a key. */
export const MISSING_KEY =
  'ANTHROPIC_API_KEY is not set on the server, so AI nodes cannot call Claude and answer with their error text; set it and restart the server';

/** Unsummarised turns kept at most, should summarising keep failing. */
const MAX_PENDING = 30;
/** SDK clients kept, one per API key (the server's and workspaces' own). */
const MAX_CLIENTS = 200;
/** The AI node's model when its author chose none: a workspace's default model replaces it. */
const NODE_DEFAULT_MODEL = (defaultRegistry.get('ai')?.configSchema as { properties?: { model?: { default?: string } } } | undefined)
  ?.properties?.model?.default;

/**
 * The request with the workspace's default model (for a node left on the node's default) and its
 * reply tone after the node's instructions: both operator settings, so they may join `system`.
 */
function withWorkspaceSettings(request: AiRequest, own: WorkspaceAi): AiRequest {
  const model = own.model && request.model === NODE_DEFAULT_MODEL ? own.model : request.model;
  const system = own.instructions ? `${request.system}\n\n${own.instructions}` : request.system;
  return { ...request, model, system };
}

/**
 * The engine's AI port on Anthropic's Messages API: one request, one model call (the engine runs
 * the tool loop). Around it, conversation memory: turns that leave the node's history window are
 * folded into a rolling summary, and the contact's name and preferences into their profile, both
 * kept in the store and given to the model as marked customer-provided content (never in the system
 * prompt), with the values of the instructions' `{{variables}}`. Phone numbers and e-mails are
 * masked in everything sent; every failure rejects with an `AiError` within the timeout.
 *
 * No sampling parameters are sent: Anthropic's API version 2026-10-21, the SDK's default, rejects
 * `temperature`, `top_p` and `top_k` on every model (the AI node has no temperature setting).
 *
 * @example
 * const ai = createClaudeAi({ apiKey: config.anthropic.apiKey, baseUrl: config.anthropic.baseUrl, memory });
 * const runtime = createRuntime(compiled, (turn) => ({ ai: ai.portFor(turn as AiScope) }));
 * await runtime.send(snapshot, event, { workspaceId, conversationId, contactId });
 */
export function createClaudeAi(options: ClaudeAiOptions): ClaudeAi {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const summaryBatch = options.summaryBatch ?? 6;
  const now = options.now ?? Date.now;
  const clients = new Map<string, Anthropic>();
  const clientOf = (apiKey: string | undefined) => {
    if (!apiKey) return undefined;
    const known = clients.get(apiKey);
    if (known) return known;
    const client = new Anthropic({
      apiKey,
      ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
      timeout: timeoutMs,
      maxRetries: options.maxRetries ?? 1,
    });
    // Keys replaced by their workspaces leave; the rest stay warm.
    if (clients.size >= MAX_CLIENTS) clients.delete(clients.keys().next().value as string);
    clients.set(apiKey, client);
    return client;
  };

  async function respond(scope: AiScope | undefined, asked: AiRequest): Promise<AiResult> {
    const own = scope && options.workspaceAi ? await options.workspaceAi(scope.workspaceId) : {};
    const client = clientOf(own.apiKey ?? options.apiKey);
    const request = withWorkspaceSettings(asked, own);
    if (!client) {
      options.log?.warn(MISSING_KEY, { ...(scope?.flowId ? { flowId: scope.flowId } : {}), nodeId: request.nodeId });
      throw new AiError(`AI node "${request.nodeId}": ANTHROPIC_API_KEY is not set, so Claude cannot be called`, 'config');
    }
    const exact = scope?.contactAddress ? [scope.contactAddress] : [];
    const redact = (text: string) => redactText(text, exact);
    // One deadline for the whole call, retries included: the conversation waits on it.
    const signal = AbortSignal.timeout(timeoutMs);
    const call: CallModel = async (params) => {
      const message = await client.messages.create(params, { signal });
      if (!scope) return message;
      await options.memory.addUsage(
        scope.workspaceId,
        scope.conversationId,
        { model: params.model, inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens },
        now(),
      );
      return message;
    };
    try {
      const facts = (request.facts ?? []).map((fact) => ({ name: fact.name, value: redact(fact.value) }));
      const turns = conversationTurns(request.messages).map((turn) => ({ role: turn.role, text: redact(turn.text) }));
      // Memory moves once per customer message, not on the tool rounds that follow it.
      const newTurn = request.messages.at(-1)?.role === 'user';
      const { memory, profile } = scope
        ? await remember(scope, request.model, turns, newTurn, call)
        : { memory: undefined, profile: undefined };
      const store = options.media;
      const media = await mediaBlocks(request.messages, store && scope ? (id) => store.get(scope.workspaceId, id) : undefined);
      const response = await call({
        model: request.model,
        max_tokens: request.maxTokens,
        system: redact(request.system),
        messages: claudeMessages(
          request.messages,
          { text: redact, toolResult: (text) => redactText(text, exact, { anyPhone: false }) },
          customerFacts(facts, memory, profile),
          media,
        ),
        ...(request.tools.length ? { tools: claudeTools(request.tools) } : {}),
      });
      if (response.stop_reason === 'refusal') {
        throw new AiError(`AI node "${request.nodeId}": Claude declined to answer (stop_reason refusal)`, 'refusal');
      }
      const result = aiResultOf(response);
      if (!result.text && result.toolCalls.length === 0) {
        throw new AiError(`AI node "${request.nodeId}": Claude returned an empty answer (stop_reason ${response.stop_reason})`, 'invalid');
      }
      // The node keeps it as the `profile` variable, for the nodes after it.
      return profile ? { ...result, profile: profileVariable(profile) } : result;
    } catch (error) {
      throw toAiError(request.nodeId, error, timeoutMs);
    }
  }

  /** Updates the conversation's memory with the turns that left the window; returns what the prompt gets. */
  async function remember(
    scope: AiScope,
    model: string,
    turns: HistoryEntry[],
    newTurn: boolean,
    call: CallModel,
  ): Promise<{ memory: AiMemoryRecord | undefined; profile: ContactProfileRecord | undefined }> {
    const [stored, profile] = await Promise.all([
      options.memory.memory(scope.workspaceId, scope.conversationId),
      options.memory.profile(scope.workspaceId, scope.contactId),
    ]);
    if (!newTurn) return { memory: stored, profile };
    const pending = [...(stored?.pending ?? []), ...droppedTurns(stored?.window ?? [], turns)].slice(-MAX_PENDING);
    const customerTurns = turns.filter((turn) => turn.role === 'user').length;
    const wantsProfile = !stored?.profileChecked && customerTurns >= 2;
    let memory: AiMemoryRecord = {
      id: scope.conversationId,
      workspaceId: scope.workspaceId,
      ...(stored?.summary ? { summary: stored.summary } : {}),
      window: turns,
      pending,
      profileChecked: stored?.profileChecked ?? false,
      updatedAt: now(),
    };
    let nextProfile = profile;
    if (pending.length >= summaryBatch || wantsProfile) {
      const fold = pending.length >= summaryBatch ? pending : [];
      let update: MemoryUpdate | undefined;
      try {
        update = await updateMemory(call, model, { ...(memory.summary ? { summary: memory.summary } : {}), fold, recent: turns });
      } catch {
        // Memory is a nicety: the turns stay pending and are sent verbatim, and the reply goes ahead.
      }
      if (update) {
        memory = {
          ...memory,
          ...(update.summary ? { summary: redactText(update.summary), pending: [] } : {}),
          profileChecked: memory.profileChecked || wantsProfile,
        };
        nextProfile = mergeProfile(profile, update, scope, now());
        if (nextProfile !== profile && nextProfile) await options.memory.saveProfile(nextProfile);
      }
    }
    await options.memory.saveMemory(memory);
    return { memory, profile: nextProfile };
  }

  return {
    portFor: (scope) => ({ respond: (request) => respond(scope, request) }),
  };
}

/** The stored profile with what the model picked up; the same object when nothing new was learnt. */
function mergeProfile(
  stored: ContactProfileRecord | undefined,
  update: MemoryUpdate,
  scope: AiScope,
  at: number,
): ContactProfileRecord | undefined {
  const name = update.name ? redactText(update.name) : stored?.name;
  const added = update.preferences.map((p) => redactText(p)).filter((p) => !stored?.preferences.includes(p));
  if (name === stored?.name && added.length === 0) return stored;
  return {
    id: scope.contactId,
    workspaceId: scope.workspaceId,
    ...(name ? { name } : {}),
    preferences: [...(stored?.preferences ?? []), ...added].slice(-20),
    updatedAt: at,
  };
}
