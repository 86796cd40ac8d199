import { iso, type RouteSpec } from '../api/route-spec';
import { callerOf } from '../security/require-auth';
import type { AiMemoryRepository, AiUsageRecord } from './ai-memory-repository';

const usageSchema = {
  type: 'object',
  required: ['conversationId', 'calls', 'inputTokens', 'outputTokens', 'byModel'],
  properties: {
    conversationId: { type: 'string' },
    calls: { type: 'integer' },
    inputTokens: { type: 'integer' },
    outputTokens: { type: 'integer' },
    byModel: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          model: { type: 'string' },
          calls: { type: 'integer' },
          inputTokens: { type: 'integer' },
          outputTokens: { type: 'integer' },
        },
      },
    },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};

function usageView(record: AiUsageRecord) {
  const { id, workspaceId: _workspace, updatedAt, ...counts } = record;
  return { conversationId: id, ...counts, updatedAt: iso(updatedAt) };
}

/** Tokens Claude used, per conversation: what the AI nodes cost; and whether AI nodes can answer at all. */
export function aiUsageRoutes(memory: AiMemoryRepository, status: { configured: (workspaceId: string) => Promise<boolean> }): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/ai/status',
      tag: 'ai',
      summary: 'Whether AI nodes can call Claude (ANTHROPIC_API_KEY is set on the server, or the workspace has its own key)',
      responses: {
        200: {
          description: 'The AI setup',
          schema: { type: 'object', required: ['configured'], properties: { configured: { type: 'boolean' } } },
        },
      },
      handler: async (_req, res) => {
        res.json({ configured: await status.configured(callerOf(res).workspaceId) });
      },
    },
    {
      method: 'get',
      path: '/ai/usage',
      tag: 'ai',
      summary: 'Tokens used by AI nodes, per conversation, most recent first (or of one conversation)',
      query: {
        conversationId: { schema: { type: 'string', minLength: 1 }, description: 'Only this conversation' },
        limit: { schema: { type: 'string', pattern: '^[1-9][0-9]{0,2}$' }, description: 'At most this many (default 100)' },
      },
      responses: { 200: { description: 'Usage per conversation', schema: { type: 'array', items: usageSchema } } },
      handler: async (req, res) => {
        const { conversationId, limit } = req.query as { conversationId?: string; limit?: string };
        const { workspaceId } = callerOf(res);
        if (conversationId) {
          const record = await memory.usage(workspaceId, conversationId);
          res.json(record ? [usageView(record)] : []);
          return;
        }
        res.json((await memory.listUsage(workspaceId, limit ? Number(limit) : 100)).map(usageView));
      },
    },
  ];
}
