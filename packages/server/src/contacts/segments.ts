import type { DocumentStore, Filter } from '../ports/document-store';
import type { ContactRecord } from '../records/contact-repository';
import type { SegmentRepository } from './segment-repository';
import { compileRules, type SegmentRules } from './segment-rules';

/** Who a broadcast or a segment view reaches: contacts with any of `tags`, within the saved `segment` (an id). Both given: both hold. */
export interface Audience {
  tags?: string[];
  segment?: string;
}

export interface AudienceResolver {
  /**
   * Every WhatsApp contact of the audience, in pages (ordered by id, so a page boundary never
   * skips or repeats a contact), so a large audience is never held in memory at once. It says
   * nothing of blocking or opt-in beyond the segment's own rules: a sender checks those when it sends.
   * Throws `UnknownSegmentError` for a segment id the workspace does not have.
   */
  pages(workspaceId: string, audience: Audience, pageSize?: number): AsyncGenerator<ContactRecord[]>;
  /** The whole audience as one list (use `pages` for large ones). */
  resolveAudience(workspaceId: string, audience: Audience): Promise<ContactRecord[]>;
  /** How many contacts the audience has, and the first `limit` of them after `offset`. */
  page(
    workspaceId: string,
    audience: Audience | { rules: SegmentRules },
    offset: number,
    limit: number,
  ): Promise<{ count: number; contacts: ContactRecord[] }>;
}

export class UnknownSegmentError extends Error {
  override name = 'UnknownSegmentError';
}

const PAGE = 500;

/**
 * Resolves audiences over the contacts collection. Its indexes (tags, last contact) are declared
 * here, beside the queries that need them.
 *
 * @example
 * const audiences = createAudienceResolver(documents, segments, Date.now);
 * for await (const page of audiences.pages(workspaceId, { tags: ['vip'] })) for (const contact of page) send(contact);
 */
export function createAudienceResolver(documents: DocumentStore, segments: SegmentRepository, clock: () => number): AudienceResolver {
  const contacts = documents.collection<ContactRecord>('contacts', {
    indexes: [
      ['workspaceId', 'tags'],
      ['workspaceId', 'lastInboundAt'],
    ],
  });

  /** The rules of the audience, and the audience's own tags when a segment's rules come with them. */
  async function rulesOf(
    workspaceId: string,
    audience: Audience | { rules: SegmentRules },
  ): Promise<{ rules: SegmentRules; anyTag?: string[] }> {
    if ('rules' in audience) return { rules: audience.rules };
    const tags = audience.tags?.length ? audience.tags : undefined;
    if (audience.segment === undefined) return { rules: tags ? { tags: { any: tags } } : {} };
    const segment = await segments.get(workspaceId, audience.segment);
    if (!segment) throw new UnknownSegmentError(`segment "${audience.segment}" not found`);
    return { rules: segment.rules, ...(tags ? { anyTag: tags } : {}) };
  }

  async function* pagesOf(
    workspaceId: string,
    audience: Audience | { rules: SegmentRules },
    pageSize: number,
  ): AsyncGenerator<ContactRecord[]> {
    const { rules, anyTag } = await rulesOf(workspaceId, audience);
    const { filter, matches } = compileRules(workspaceId, rules, clock());
    const kept = (contact: ContactRecord) => matches(contact) && (!anyTag || anyTag.some((tag) => contact.tags?.includes(tag)));
    let after: string | undefined;
    for (;;) {
      const scope: Filter = after === undefined ? filter : { ...filter, id: { $gt: after } };
      const batch = await contacts.find(scope, { sort: { id: 1 }, limit: pageSize });
      if (batch.length === 0) return;
      after = batch[batch.length - 1]?.id;
      const members = batch.filter(kept);
      if (members.length > 0) yield members;
      if (batch.length < pageSize) return;
    }
  }

  return {
    async *pages(workspaceId, audience, pageSize = PAGE) {
      yield* pagesOf(workspaceId, audience, pageSize);
    },
    async resolveAudience(workspaceId, audience) {
      const all: ContactRecord[] = [];
      for await (const page of pagesOf(workspaceId, audience, PAGE)) all.push(...page);
      return all;
    },
    async page(workspaceId, audience, offset, limit) {
      let count = 0;
      const shown: ContactRecord[] = [];
      for await (const batch of pagesOf(workspaceId, audience, PAGE)) {
        for (const contact of batch) {
          if (count >= offset && shown.length < limit) shown.push(contact);
          count += 1;
        }
      }
      return { count, contacts: shown };
    },
  };
}
