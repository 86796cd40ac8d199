import type { FlowDocument } from '@chatflow/engine';
import { type DocumentStore, DuplicateKeyError } from '../ports/document-store';
import { createReadCache } from './read-cache';

/** A published flow version: immutable once written (the repository has no way to change one). */
export interface FlowVersionRecord {
  /** `<flowId>@<version>` */
  id: string;
  workspaceId: string;
  flowId: string;
  version: number;
  document: FlowDocument;
  publishedAt: number;
  publishedBy: string;
}

export interface VersionRepository {
  /** Freezes `document` as the flow's next version (1, 2, ...). */
  publish(workspaceId: string, flowId: string, document: FlowDocument, publishedBy: string, now: number): Promise<FlowVersionRecord>;
  /** Newest first. */
  list(workspaceId: string, flowId: string): Promise<FlowVersionRecord[]>;
  get(workspaceId: string, flowId: string, version: number): Promise<FlowVersionRecord | undefined>;
  latest(workspaceId: string, flowId: string): Promise<FlowVersionRecord | undefined>;
}

/** Versions on the document store (`flow-versions`); every query is scoped by workspace. */
export function createVersionRepository(documents: DocumentStore): VersionRepository {
  const versions = documents.collection<FlowVersionRecord>('flow-versions', {
    unique: [['workspaceId', 'flowId', 'version']],
    indexes: [['workspaceId', 'flowId']],
  });
  // Every new conversation asks for its flow's newest version: reused for a second.
  const newest = createReadCache<FlowVersionRecord | undefined>();
  const latest = (workspaceId: string, flowId: string) =>
    newest.get(
      `${workspaceId}\u0000${flowId}`,
      async () => (await versions.find({ workspaceId, flowId }, { sort: { version: -1 }, limit: 1 }))[0],
    );
  return {
    async publish(workspaceId, flowId, document, publishedBy, now) {
      // Two publishes at once pick the same number; the unique index turns one away and it takes the next.
      for (;;) {
        newest.clear();
        const version = ((await latest(workspaceId, flowId))?.version ?? 0) + 1;
        const record: FlowVersionRecord = {
          id: `${flowId}@${version}`,
          workspaceId,
          flowId,
          version,
          document: structuredClone(document),
          publishedAt: now,
          publishedBy,
        };
        try {
          return await versions.insert(record).finally(newest.clear);
        } catch (error) {
          if (!(error instanceof DuplicateKeyError)) throw error;
        }
      }
    },
    list: (workspaceId, flowId) => versions.find({ workspaceId, flowId }, { sort: { version: -1 } }),
    get: (workspaceId, flowId, version) => versions.findOne({ workspaceId, flowId, version }),
    latest,
  };
}
