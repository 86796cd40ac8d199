/** A template as Meta lists it (`GET /{waba-id}/message_templates`). */
export interface GraphTemplate {
  id: string;
  name: string;
  language: string;
  status: string;
  category: string;
  components: Record<string, unknown>[];
}

/** A template call that failed, with a reason fit for a log line and an API answer (no token, no URL). */
export class GraphTemplatesError extends Error {
  override name = 'GraphTemplatesError';
}

const TIMEOUT_MS = 30_000;
/** A WABA holds at most 6,000 templates: at 100 a page, more pages than this means a paging loop. */
const MAX_PAGES = 100;

/** Every template of a WhatsApp Business Account, following `paging.next` until the last page. */
export async function fetchAllTemplates(graphUrl: string, token: string, wabaId: string): Promise<GraphTemplate[]> {
  const all: GraphTemplate[] = [];
  const first = `${graphUrl}/${encodeURIComponent(wabaId)}/message_templates?limit=100&fields=id,name,language,status,category,components`;
  let url: string | undefined = first;
  for (let page = 0; url && page < MAX_PAGES; page += 1) {
    const body = await call(url, { method: 'GET', headers: { authorization: `Bearer ${token}` } }, 'listing the templates');
    for (const raw of Array.isArray(body.data) ? body.data : []) {
      const template = parseTemplate(raw);
      if (template) all.push(template);
    }
    const paging = body.paging as { next?: unknown } | undefined;
    // Only pages on the Graph host itself are followed: the token goes with them.
    url = typeof paging?.next === 'string' && sameOrigin(paging.next, graphUrl) ? paging.next : undefined;
  }
  return all;
}

/** Submits a template for approval (`POST /{waba-id}/message_templates`); answers Meta's id and status. */
export async function submitTemplate(
  graphUrl: string,
  token: string,
  wabaId: string,
  template: { name: string; language: string; category: string; components: unknown[] },
): Promise<{ id: string; status: string }> {
  const body = await call(
    `${graphUrl}/${encodeURIComponent(wabaId)}/message_templates`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(template),
    },
    'submitting the template',
  );
  return { id: String(body.id ?? ''), status: typeof body.status === 'string' ? body.status : 'PENDING' };
}

async function call(url: string, init: RequestInit, what: string): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    throw new GraphTemplatesError(`${what} failed: the Graph API did not answer`);
  }
  const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (!response.ok || !body) {
    const error = body?.error as { message?: unknown } | undefined;
    const message = typeof error?.message === 'string' ? `: ${error.message.slice(0, 200)}` : '';
    throw new GraphTemplatesError(`${what} failed with HTTP ${response.status}${message}`);
  }
  return body;
}

function parseTemplate(raw: unknown): GraphTemplate | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const t = raw as Record<string, unknown>;
  if (typeof t.name !== 'string' || typeof t.language !== 'string') return undefined;
  return {
    id: String(t.id ?? ''),
    name: t.name,
    language: t.language,
    status: typeof t.status === 'string' ? t.status : 'UNKNOWN',
    category: typeof t.category === 'string' ? t.category : 'UTILITY',
    components: Array.isArray(t.components)
      ? t.components.filter((c): c is Record<string, unknown> => typeof c === 'object' && c !== null)
      : [],
  };
}

function sameOrigin(url: string, base: string): boolean {
  try {
    return new URL(url).origin === new URL(base).origin;
  } catch {
    return false;
  }
}
