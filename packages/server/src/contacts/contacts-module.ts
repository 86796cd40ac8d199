import type { RouteSpec } from '../api/route-spec';
import type { ChannelRepository } from '../flows/channel-repository';
import type { DocumentStore } from '../ports/document-store';
import type { Records } from '../records/records';
import { type BusinessNumbers, createBusinessNumbers } from './business-number';
import { contactImportRoutes } from './contact-import-routes';
import { createSegmentRepository } from './segment-repository';
import { segmentRoutes } from './segment-routes';
import { type AudienceResolver, createAudienceResolver } from './segments';

export interface ContactsModuleDeps {
  documents: DocumentStore;
  records: Records;
  channels: Pick<ChannelRepository, 'list' | 'usingFlow'>;
  clock?: () => number;
}

export interface ContactsModule {
  routes: RouteSpec[];
  /** Resolves `{ tags?, segment? }` to contacts, for broadcasts. */
  audiences: AudienceResolver;
  /** Which business number reaches a contact (for flows started from outside). */
  numbers: BusinessNumbers;
}

/**
 * Contacts in bulk: the CSV import, segments (their API) and the audience resolver broadcasts use.
 *
 * @example
 * const contacts = createContactsModule({ documents, records, channels });
 * const vips = await contacts.audiences.resolveAudience(workspaceId, { tags: ['vip'] });
 */
export function createContactsModule(deps: ContactsModuleDeps): ContactsModule {
  const clock = deps.clock ?? Date.now;
  const segments = createSegmentRepository(deps.documents);
  const audiences = createAudienceResolver(deps.documents, segments, clock);
  const numbers = createBusinessNumbers(deps.documents, deps.channels);
  const routes = [
    ...contactImportRoutes({ records: deps.records, numbers, now: clock }),
    ...segmentRoutes({ segments, audiences, audit: deps.records.audit, now: clock }),
  ];
  return { routes, audiences, numbers };
}
