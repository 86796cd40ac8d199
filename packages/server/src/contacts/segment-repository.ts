import { randomUUID } from 'node:crypto';
import { type DocumentStore, DuplicateKeyError } from '../ports/document-store';
import type { SegmentRules } from './segment-rules';

/** A named audience of contacts, kept as rules: who belongs is decided when it is used. */
export interface SegmentRecord {
  id: string;
  workspaceId: string;
  name: string;
  rules: SegmentRules;
  createdAt: number;
  updatedAt: number;
}

export interface SegmentInput {
  name: string;
  rules: SegmentRules;
}

export interface SegmentRepository {
  list(workspaceId: string): Promise<SegmentRecord[]>;
  get(workspaceId: string, id: string): Promise<SegmentRecord | undefined>;
  /** Undefined when the workspace already has a segment of that name. */
  create(workspaceId: string, input: SegmentInput, now: number): Promise<SegmentRecord | undefined>;
  /** The updated segment; `'taken'` when the new name belongs to another segment. */
  update(workspaceId: string, id: string, input: SegmentInput, now: number): Promise<SegmentRecord | 'taken' | undefined>;
  delete(workspaceId: string, id: string): Promise<boolean>;
}

/** Segments on the document store (`segments`), names unique per workspace. */
export function createSegmentRepository(documents: DocumentStore): SegmentRepository {
  const segments = documents.collection<SegmentRecord>('segments', { unique: [['workspaceId', 'name']] });
  return {
    list: (workspaceId) => segments.find({ workspaceId }, { sort: { name: 1 } }),
    get: (workspaceId, id) => segments.findOne({ workspaceId, id }),
    async create(workspaceId, input, now) {
      try {
        return await segments.insert({ id: randomUUID(), workspaceId, ...input, createdAt: now, updatedAt: now });
      } catch (error) {
        if (error instanceof DuplicateKeyError) return undefined;
        throw error;
      }
    },
    async update(workspaceId, id, input, now) {
      try {
        return await segments.update({ workspaceId, id }, { name: input.name, rules: input.rules, updatedAt: now });
      } catch (error) {
        if (error instanceof DuplicateKeyError) return 'taken';
        throw error;
      }
    },
    delete: async (workspaceId, id) => (await segments.delete({ workspaceId, id })) > 0,
  };
}
