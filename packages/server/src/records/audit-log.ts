import { randomUUID } from 'node:crypto';
import type { DocumentStore } from '../ports/document-store';

/** Something worth keeping that no other record holds: an ignored webhook item, an unknown field. */
export interface AuditRecord {
  id: string;
  workspaceId: string;
  /** e.g. `webhook.ignored`, `webhook.unknown-field`, `webhook.unknown-channel`. */
  type: string;
  at: number;
  details: Record<string, unknown>;
}

export interface AuditLog {
  record(workspaceId: string, type: string, details: Record<string, unknown>, at: number): Promise<void>;
  list(workspaceId: string, type?: string): Promise<AuditRecord[]>;
}

/** The audit collection on the document store; every query is scoped by workspace. */
export function createAuditLog(documents: DocumentStore): AuditLog {
  const audit = documents.collection<AuditRecord>('audit', { indexes: [['workspaceId', 'type', 'at']] });
  return {
    async record(workspaceId, type, details, at) {
      await audit.insert({ id: randomUUID(), workspaceId, type, at, details });
    },
    list: (workspaceId, type) => audit.find({ workspaceId, ...(type ? { type } : {}) }, { sort: { at: 1 } }),
  };
}
