import type { IncomingMessage, ServerResponse } from 'node:http';

/** A template as the fake lists it, in Meta's shape. */
export interface FakeTemplate {
  id: string;
  name: string;
  language: string;
  status: string;
  category: string;
  components: Record<string, unknown>[];
}

/** One `POST /{waba-id}/message_templates` the fake received. */
export interface TemplateSubmission {
  wabaId: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

export interface FakeGraphTemplates {
  /** Templates per WABA id, in listing order. */
  byAccount: Map<string, FakeTemplate[]>;
  /** Each listing page the fake served, as `{ wabaId, after }`. */
  pages: { wabaId: string; after: string | undefined }[];
  submissions: TemplateSubmission[];
  /** Answers a templates request; false when the request is not one. */
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): boolean;
}

type Reply = (res: ServerResponse, status: number, body: unknown) => void;

/** Templates per page: small, so any account with a few templates is served over several pages. */
const PAGE_SIZE = 2;

/**
 * `GET /vNN.N/{waba-id}/message_templates` paged with `after` cursors and `paging.next`, as Meta
 * pages it, and `POST` to the same path, which records the submission and answers `PENDING`.
 */
export function fakeGraphTemplates(base: string, reply: Reply): FakeGraphTemplates {
  const byAccount = new Map<string, FakeTemplate[]>();
  const pages: FakeGraphTemplates['pages'] = [];
  const submissions: TemplateSubmission[] = [];
  let counter = 0;
  return {
    byAccount,
    pages,
    submissions,
    handle(req, res, bytes) {
      const url = new URL(req.url ?? '/', base);
      const match = /^\/(v\d+\.\d+)\/([^/]+)\/message_templates$/.exec(url.pathname);
      if (!match) return false;
      const [, version, wabaId] = match as unknown as [string, string, string];
      if (!req.headers.authorization?.startsWith('Bearer ')) {
        reply(res, 401, { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } });
        return true;
      }
      if (req.method === 'POST') {
        const body = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
        submissions.push({ wabaId, authorization: req.headers.authorization, body });
        counter += 1;
        reply(res, 200, { id: `99000${counter}`, status: 'PENDING', category: body.category });
        return true;
      }
      const after = url.searchParams.get('after') ?? undefined;
      pages.push({ wabaId, after });
      const all = byAccount.get(wabaId) ?? [];
      const start = after ? Number(Buffer.from(after, 'base64').toString('utf8')) : 0;
      const data = all.slice(start, start + PAGE_SIZE);
      const end = start + data.length;
      const cursor = (n: number) => Buffer.from(String(n)).toString('base64');
      const next = new URL(`${base}/${version}/${wabaId}/message_templates`);
      next.searchParams.set('limit', String(PAGE_SIZE));
      next.searchParams.set('after', cursor(end));
      reply(res, 200, {
        data,
        paging: { cursors: { before: cursor(start), after: cursor(end) }, ...(end < all.length ? { next: next.toString() } : {}) },
      });
      return true;
    },
  };
}
