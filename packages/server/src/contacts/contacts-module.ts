import type { RouteSpec } from '../api/route-spec';
import type { DocumentStore } from '../ports/document-store';
import type { AuditLog } from '../records/audit-log';
import { createSegmentRepository } from './segment-repository';
import { segmentRoutes } from './segment-routes';
import { type AudienceResolver, createAudienceResolver } from './segments';

export interface ContactsModuleDeps {
  documents: DocumentStore;
  audit: AuditLog;
  clock?: () => number;
}

export interface ContactsModule {
  routes: RouteSpec[];
  /** Resolves `{ tags?, segment? }` to contacts, for broadcasts. */
  audiences: AudienceResolver;
}

/**
 * Audiences of contacts: segments (their API) and the resolver broadcasts use.
 *
 * @example
 * const contacts = createContactsModule({ documents, audit: records.audit });
 * const vips = await contacts.audiences.resolveAudience(workspaceId, { tags: ['vip'] });
 */
export function createContactsModule(deps: ContactsModuleDeps): ContactsModule {
  const clock = deps.clock ?? Date.now;
  const segments = createSegmentRepository(deps.documents);
  const audiences = createAudienceResolver(deps.documents, segments, clock);
  return { routes: segmentRoutes({ segments, audiences, audit: deps.audit, now: clock }), audiences };
}
