import type { FlowDocument } from '@chatflow/engine';
import { type DocumentStore, DuplicateKeyError } from '../ports/document-store';

/** A flow as the builder edits it: a freely edited draft, plus the number of its newest published version. */
export interface FlowRecord {
  id: string;
  workspaceId: string;
  name: string;
  /** Always carries `id === record.id` and `name === record.name`. */
  draft: FlowDocument;
  createdAt: number;
  updatedAt: number;
  publishedVersion?: number;
}

export interface FlowRepository {
  /** Oldest first. */
  list(workspaceId: string): Promise<FlowRecord[]>;
  get(workspaceId: string, id: string): Promise<FlowRecord | undefined>;
  /** Stores a new flow under the draft's id, or the first free `<id>-2`, `<id>-3`... when it is taken. */
  create(workspaceId: string, draft: FlowDocument, now: number): Promise<FlowRecord>;
  saveDraft(workspaceId: string, id: string, draft: FlowDocument, now: number): Promise<FlowRecord | undefined>;
  markPublished(workspaceId: string, id: string, version: number, now: number): Promise<void>;
  delete(workspaceId: string, id: string): Promise<boolean>;
}

const MAX_ID_LENGTH = 100;

/** Flows on the document store (`flows`); every query is scoped by workspace. */
export function createFlowRepository(documents: DocumentStore): FlowRepository {
  const flows = documents.collection<FlowRecord>('flows', { unique: [['workspaceId', 'id']], indexes: [['workspaceId', 'createdAt']] });
  return {
    list: (workspaceId) => flows.find({ workspaceId }, { sort: { createdAt: 1 } }),
    get: (workspaceId, id) => flows.findOne({ workspaceId, id }),
    async create(workspaceId, draft, now) {
      for (let attempt = 1; ; attempt += 1) {
        const id = candidateId(draft.id, attempt);
        if (attempt > 1 && (await flows.findOne({ workspaceId, id }))) continue;
        const record: FlowRecord = { id, workspaceId, name: draft.name, draft: { ...draft, id }, createdAt: now, updatedAt: now };
        try {
          return await flows.insert(record);
        } catch (error) {
          // Another request took the id between the check and the insert: try the next one.
          if (!(error instanceof DuplicateKeyError)) throw error;
        }
      }
    },
    saveDraft: (workspaceId, id, draft, now) => flows.update({ workspaceId, id }, { draft, name: draft.name, updatedAt: now }),
    async markPublished(workspaceId, id, version, now) {
      await flows.update({ workspaceId, id }, { publishedVersion: version, updatedAt: now });
    },
    delete: async (workspaceId, id) => (await flows.delete({ workspaceId, id })) > 0,
  };
}

function candidateId(base: string, attempt: number): string {
  if (attempt === 1) return base;
  const suffix = `-${attempt}`;
  return `${base.slice(0, MAX_ID_LENGTH - suffix.length)}${suffix}`;
}
