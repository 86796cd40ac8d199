import type { HistoryEntry } from '@chatflow/engine';
import type { DocumentStore } from '../ports/document-store';

/** What the AI remembers of one conversation beyond the node's history window. */
export interface AiMemoryRecord {
  /** The conversation id. */
  id: string;
  workspaceId: string;
  /** A rolling summary of the turns that left the history window. */
  summary?: string;
  /** The history the model saw last time, with its reply: tells which turns have left the window since. */
  window: HistoryEntry[];
  /** Turns that left the window and are not in the summary yet; folded in once there are enough. */
  pending: HistoryEntry[];
  /** Whether the contact's name and preferences were looked for in this conversation already. */
  profileChecked: boolean;
  updatedAt: number;
}

/** What a contact told about themselves, kept across their conversations. Never identifiers. */
export interface ContactProfileRecord {
  /** The contact id. */
  id: string;
  workspaceId: string;
  name?: string;
  preferences: string[];
  updatedAt: number;
}

/** Tokens the model used in one conversation, across every AI node and call. */
export interface AiUsageRecord {
  /** The conversation id. */
  id: string;
  workspaceId: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** Per model; a list rather than a map because model names may hold dots, which MongoDB keys must not. */
  byModel: { model: string; calls: number; inputTokens: number; outputTokens: number }[];
  updatedAt: number;
}

export interface AiMemoryRepository {
  memory(workspaceId: string, conversationId: string): Promise<AiMemoryRecord | undefined>;
  saveMemory(record: AiMemoryRecord): Promise<void>;
  profile(workspaceId: string, contactId: string): Promise<ContactProfileRecord | undefined>;
  saveProfile(record: ContactProfileRecord): Promise<void>;
  /** Adds one call's tokens to the conversation's total. */
  addUsage(
    workspaceId: string,
    conversationId: string,
    usage: { model: string; inputTokens: number; outputTokens: number },
    now: number,
  ): Promise<void>;
  usage(workspaceId: string, conversationId: string): Promise<AiUsageRecord | undefined>;
  /** Every conversation's usage in the workspace, most recent first. */
  listUsage(workspaceId: string, limit: number): Promise<AiUsageRecord[]>;
  /** Forgets a contact's profile (on a deletion request). */
  deleteProfile(workspaceId: string, contactId: string): Promise<void>;
}

/**
 * AI memory, contact profiles and token usage on the document store; every query is scoped by
 * workspace. A conversation runs one turn at a time, so read-modify-write here does not race.
 */
export function createAiMemoryRepository(documents: DocumentStore): AiMemoryRepository {
  const memories = documents.collection<AiMemoryRecord>('ai_memory', { unique: [['workspaceId', 'id']] });
  const profiles = documents.collection<ContactProfileRecord>('contact_profiles', { unique: [['workspaceId', 'id']] });
  const usage = documents.collection<AiUsageRecord>('ai_usage', {
    unique: [['workspaceId', 'id']],
    indexes: [['workspaceId', 'updatedAt']],
  });
  return {
    memory: (workspaceId, conversationId) => memories.findOne({ workspaceId, id: conversationId }),
    async saveMemory(record) {
      await memories.upsert(record);
    },
    profile: (workspaceId, contactId) => profiles.findOne({ workspaceId, id: contactId }),
    async saveProfile(record) {
      await profiles.upsert(record);
    },
    async addUsage(workspaceId, conversationId, call, now) {
      const found = await usage.findOne({ workspaceId, id: conversationId });
      const record: AiUsageRecord = found ?? {
        id: conversationId,
        workspaceId,
        calls: 0,
        inputTokens: 0,
        outputTokens: 0,
        byModel: [],
        updatedAt: now,
      };
      const model = record.byModel.find((entry) => entry.model === call.model) ?? {
        model: call.model,
        calls: 0,
        inputTokens: 0,
        outputTokens: 0,
      };
      await usage.upsert({
        ...record,
        calls: record.calls + 1,
        inputTokens: record.inputTokens + call.inputTokens,
        outputTokens: record.outputTokens + call.outputTokens,
        byModel: [
          ...record.byModel.filter((entry) => entry.model !== call.model),
          {
            model: call.model,
            calls: model.calls + 1,
            inputTokens: model.inputTokens + call.inputTokens,
            outputTokens: model.outputTokens + call.outputTokens,
          },
        ],
        updatedAt: now,
      });
    },
    usage: (workspaceId, conversationId) => usage.findOne({ workspaceId, id: conversationId }),
    listUsage: (workspaceId, limit) => usage.find({ workspaceId }, { sort: { updatedAt: -1 }, limit }),
    async deleteProfile(workspaceId, contactId) {
      await profiles.delete({ workspaceId, id: contactId }, { erase: true });
    },
  };
}
