import { HttpError } from '../api/http-error';
import { iso, type RouteSpec } from '../api/route-spec';
import type { AuditLog } from '../records/audit-log';
import { callerOf } from '../security/require-auth';
import { fetchAllTemplates, GraphTemplatesError, submitTemplate } from './graph-templates';
import type { TemplateRecord, TemplateRepository } from './template-repository';

/** A WhatsApp Business Account the workspace may sync from, with the token that reads it. */
export interface BusinessAccount {
  wabaId: string;
  accessToken: string;
}

export interface TemplateRouteDeps {
  templates: TemplateRepository;
  /** The accounts of the workspace: `WHATSAPP_BUSINESS_ACCOUNT_ID` and every channel's `wabaId`. */
  accounts(workspaceId: string): Promise<BusinessAccount[]>;
  graphUrl: string;
  audit: AuditLog;
  now?: () => number;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Message templates: synced from Meta, listed, submitted for approval. */
export function templateRoutes(deps: TemplateRouteDeps): RouteSpec[] {
  const now = deps.now ?? Date.now;
  const noAccount = () =>
    new HttpError(409, 'no WhatsApp Business Account is configured: set WHATSAPP_BUSINESS_ACCOUNT_ID or a channel wabaId');
  return [
    {
      method: 'get',
      path: '/templates',
      tag: 'templates',
      summary: 'List the synced message templates',
      responses: { 200: { description: 'Templates, by name and language', schema: { type: 'array', items: ref('Template') } } },
      handler: async (_req, res) => {
        res.json((await deps.templates.list(callerOf(res).workspaceId)).map(templateView));
      },
    },
    {
      method: 'post',
      path: '/templates/sync',
      tag: 'templates',
      summary: "Pull every template of the workspace's WhatsApp Business Accounts from Meta",
      responses: {
        200: { description: 'How many templates are stored', schema: ref('TemplateSync') },
        409: { description: 'No WhatsApp Business Account is configured', schema: ref('Error') },
        502: { description: 'The Graph API refused or did not answer', schema: ref('Error') },
      },
      handler: async (_req, res) => {
        const { workspaceId, actor } = callerOf(res);
        const accounts = await deps.accounts(workspaceId);
        if (accounts.length === 0) throw noAccount();
        let synced = 0;
        for (const account of accounts) {
          const listed = await graph(() => fetchAllTemplates(deps.graphUrl, account.accessToken, account.wabaId));
          synced += await deps.templates.replaceAll(workspaceId, account.wabaId, listed, now());
        }
        await deps.audit.record(workspaceId, 'templates.sync', { actor, synced }, now());
        res.json({ synced });
      },
    },
    {
      method: 'post',
      path: '/templates',
      tag: 'templates',
      summary: 'Submit a new template to Meta for approval',
      body: ref('TemplateInput'),
      responses: {
        201: { description: 'The template as submitted, with the status Meta gave it', schema: ref('Template') },
        409: { description: 'No WhatsApp Business Account is configured', schema: ref('Error') },
        502: { description: 'The Graph API refused or did not answer', schema: ref('Error') },
      },
      handler: async (req, res) => {
        const { workspaceId, actor } = callerOf(res);
        const input = req.body as {
          wabaId?: string;
          name: string;
          language: string;
          category: string;
          components: Record<string, unknown>[];
        };
        const accounts = await deps.accounts(workspaceId);
        const account = input.wabaId ? accounts.find((a) => a.wabaId === input.wabaId) : accounts[0];
        if (!account)
          throw input.wabaId ? new HttpError(400, `unknown WhatsApp Business Account "${input.wabaId}"`, { path: 'wabaId' }) : noAccount();
        const { wabaId: _, ...template } = input;
        const answer = await graph(() => submitTemplate(deps.graphUrl, account.accessToken, account.wabaId, template));
        const saved = await deps.templates.save(workspaceId, account.wabaId, { ...template, ...answer }, now());
        await deps.audit.record(workspaceId, 'templates.submit', { actor, name: saved.name, language: saved.language }, now());
        res.status(201).json(templateView(saved));
      },
    },
  ];
}

async function graph<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof GraphTemplatesError) throw new HttpError(502, error.message);
    throw error;
  }
}

function templateView(t: TemplateRecord) {
  return {
    wabaId: t.wabaId,
    id: t.metaId,
    name: t.name,
    language: t.language,
    status: t.status,
    category: t.category,
    components: t.components,
    updatedAt: iso(t.updatedAt),
  };
}
