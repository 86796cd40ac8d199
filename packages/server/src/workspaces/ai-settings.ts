import type { AiMemoryRepository } from '../ai/ai-memory-repository';
import type { DocumentStore } from '../ports/document-store';
import type { SecretBox } from '../security/secret-box';

/** The reply tones an admin picks from, and the sentence each adds to an AI node's instructions. */
export const TONES = {
  friendly: 'Reply in a warm, friendly tone.',
  formal: 'Reply in a polite, formal tone.',
  concise: 'Reply concisely: short sentences, no small talk.',
} as const;

export type Tone = keyof typeof TONES | 'custom';

/** A workspace's AI settings as stored: its Anthropic key sealed with SECRET_KEY. */
interface AiSettingsRecord {
  id: string;
  workspaceId: string;
  apiKey?: string;
  model?: string;
  tone?: Tone;
  /** The admin's own words for the tone, when `tone` is `custom`. */
  customTone?: string;
  usage: { calls: number; inputTokens: number; outputTokens: number };
  updatedAt: number;
}

/** The settings as the API shows them: never the key, only whether one is set. */
export interface AiSettingsView {
  hasApiKey: boolean;
  model?: string;
  tone?: Tone;
  customTone?: string;
  usage: AiSettingsRecord['usage'];
}

export interface AiSettingsChange {
  apiKey?: string | null;
  model?: string | null;
  tone?: Tone | null;
  customTone?: string | null;
}

/** What an AI call of the workspace uses: operator settings, never customer text. */
export interface WorkspaceAi {
  apiKey?: string;
  model?: string;
  /** The tone's sentence, for the end of the AI node's instructions. */
  instructions?: string;
}

export interface AiSettings {
  view(workspaceId: string): Promise<AiSettingsView>;
  change(workspaceId: string, change: AiSettingsChange, now: number): Promise<AiSettingsView>;
  /** The decrypted settings, for the AI port only. */
  forCalls(workspaceId: string): Promise<WorkspaceAi>;
  /** The AI memory repository, also counting each call's tokens in the workspace's usage. */
  metered(memory: AiMemoryRepository): AiMemoryRepository;
}

/**
 * Per-workspace AI settings on the document store (`ai_settings`): the workspace's own Anthropic
 * key (sealed with a context naming the workspace, write-only through the API), a default model,
 * a reply tone, and the tokens the workspace's AI calls used.
 */
export function createAiSettings(documents: DocumentStore, box: SecretBox): AiSettings {
  const settings = documents.collection<AiSettingsRecord>('ai_settings');
  const context = (workspaceId: string) => `${workspaceId}/ai/apiKey`;
  const get = async (workspaceId: string): Promise<AiSettingsRecord> =>
    (await settings.findOne({ workspaceId, id: workspaceId })) ?? {
      id: workspaceId,
      workspaceId,
      usage: { calls: 0, inputTokens: 0, outputTokens: 0 },
      updatedAt: 0,
    };
  const view = (record: AiSettingsRecord): AiSettingsView => ({
    hasApiKey: record.apiKey !== undefined,
    ...(record.model ? { model: record.model } : {}),
    ...(record.tone ? { tone: record.tone } : {}),
    ...(record.customTone ? { customTone: record.customTone } : {}),
    usage: record.usage,
  });
  return {
    view: async (workspaceId) => view(await get(workspaceId)),
    async change(workspaceId, change, now) {
      const next: AiSettingsRecord = { ...(await get(workspaceId)), updatedAt: now };
      if (change.apiKey === null) delete next.apiKey;
      else if (change.apiKey !== undefined) next.apiKey = box.seal(change.apiKey, context(workspaceId));
      for (const field of ['model', 'tone', 'customTone'] as const) {
        const value = change[field];
        if (value === null) delete next[field];
        else if (value !== undefined) (next as Record<typeof field, string>)[field] = value;
      }
      return view(await settings.upsert(next));
    },
    async forCalls(workspaceId) {
      const record = await get(workspaceId);
      const instructions = record.tone === 'custom' ? record.customTone : record.tone ? TONES[record.tone] : undefined;
      return {
        ...(record.apiKey ? { apiKey: box.open(record.apiKey, context(workspaceId)) } : {}),
        ...(record.model ? { model: record.model } : {}),
        ...(instructions ? { instructions } : {}),
      };
    },
    metered: (memory) => ({
      ...memory,
      async addUsage(workspaceId, conversationId, usage, now) {
        await memory.addUsage(workspaceId, conversationId, usage, now);
        const record = await get(workspaceId);
        const { calls, inputTokens, outputTokens } = record.usage;
        await settings.upsert({
          ...record,
          usage: { calls: calls + 1, inputTokens: inputTokens + usage.inputTokens, outputTokens: outputTokens + usage.outputTokens },
          updatedAt: now,
        });
      },
    }),
  };
}
