import type { DocumentStore } from '../ports/document-store';

/**
 * Who works a handed-off conversation. Kept apart from the conversation record, which the
 * pipeline rewrites whole on every turn.
 */
export interface AssignmentRecord {
  /** The conversation id. */
  id: string;
  workspaceId: string;
  agentId: string;
  agentName?: string;
  assignedAt: number;
  /** `assigned` while the agent works it; `released` once handed back to the bot; `closed` when the agent ended it. */
  state: 'assigned' | 'released' | 'closed';
  updatedAt: number;
}

export interface AssignmentRepository {
  get(workspaceId: string, conversationId: string): Promise<AssignmentRecord | undefined>;
  /** Current assignments of these conversations, by conversation id. */
  forConversations(workspaceId: string, conversationIds: string[]): Promise<Map<string, AssignmentRecord>>;
  save(record: AssignmentRecord): Promise<void>;
  /**
   * Assigns a conversation unless another agent holds it; returns the assignment in force.
   * `expected` is the agent the caller saw (undefined for none), so two agents taking over at once
   * do not both win.
   */
  take(record: AssignmentRecord, expected: string | undefined): Promise<AssignmentRecord>;
}

/** Assignments on the document store; every query is scoped by workspace. */
export function createAssignmentRepository(documents: DocumentStore): AssignmentRepository {
  const assignments = documents.collection<AssignmentRecord>('inbox_assignments', { indexes: [['workspaceId', 'agentId', 'state']] });
  return {
    get: (workspaceId, conversationId) => assignments.findOne({ workspaceId, id: conversationId }),
    async forConversations(workspaceId, conversationIds) {
      if (conversationIds.length === 0) return new Map();
      const found = await assignments.find({ workspaceId, id: { $in: conversationIds } });
      return new Map(found.map((a) => [a.id, a]));
    },
    async save(record) {
      await assignments.upsert(record);
    },
    async take(record, expected) {
      const current = await assignments.findOne({ workspaceId: record.workspaceId, id: record.id });
      if (!current) {
        try {
          return await assignments.insert(record);
        } catch {
          // Someone inserted first: whoever that is holds it.
          return (await assignments.findOne({ workspaceId: record.workspaceId, id: record.id })) ?? record;
        }
      }
      const held = current.state === 'assigned' ? current.agentId : undefined;
      if (held !== expected) return current;
      // Compare-and-set on what we read, so a concurrent take by another agent is not overwritten.
      const updated = await assignments.update(
        { workspaceId: record.workspaceId, id: record.id, updatedAt: current.updatedAt, state: current.state },
        record,
      );
      return updated ?? (await assignments.findOne({ workspaceId: record.workspaceId, id: record.id })) ?? current;
    },
  };
}
