import type { RouteSpec } from '../api/route-spec';
import type { AuditLog } from '../records/audit-log';
import { requireAdmin } from '../users/authenticate';
import { type AiSettings, type AiSettingsChange, TONES } from './ai-settings';

const tone = { enum: [...Object.keys(TONES), 'custom'] };
const counts = {
  type: 'object',
  properties: { calls: { type: 'integer' }, inputTokens: { type: 'integer' }, outputTokens: { type: 'integer' } },
};
const settingsSchema = {
  type: 'object',
  required: ['hasApiKey', 'usage'],
  properties: {
    hasApiKey: { type: 'boolean', description: 'Whether the workspace has its own Anthropic key (it is never shown)' },
    model: { type: 'string', description: "Used by AI nodes left on the node's default model" },
    tone,
    customTone: { type: 'string' },
    usage: { ...counts, description: "Every AI call of the workspace's conversations" },
  },
};

/** The workspace's AI settings, for its owners and admins: the key is write-only. */
export function aiSettingsRoutes(deps: { settings: AiSettings; audit: AuditLog; clock: () => number }): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/ai/settings',
      tag: 'ai',
      summary: "The workspace's AI settings and usage (admins only)",
      responses: { 200: { description: 'The settings', schema: settingsSchema } },
      handler: async (req, res) => {
        res.json(await deps.settings.view(requireAdmin(req).workspaceId));
      },
    },
    {
      method: 'put',
      path: '/ai/settings',
      tag: 'ai',
      summary: "Set the workspace's Anthropic key, default model or reply tone; null clears one (admins only)",
      body: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        properties: {
          apiKey: { type: ['string', 'null'], minLength: 10, maxLength: 500 },
          model: { type: ['string', 'null'], minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' },
          tone: { enum: [...tone.enum, null] },
          customTone: { type: ['string', 'null'], minLength: 1, maxLength: 500, description: 'Your own words, when the tone is `custom`' },
        },
      },
      responses: { 200: { description: 'Saved', schema: settingsSchema } },
      handler: async (req, res) => {
        const admin = requireAdmin(req);
        const change = req.body as AiSettingsChange;
        const saved = await deps.settings.change(admin.workspaceId, change, deps.clock());
        // Which fields changed, never the key.
        await deps.audit.record(admin.workspaceId, 'ai-settings.update', { actor: admin.id, changed: Object.keys(change) }, deps.clock());
        res.json(saved);
      },
    },
  ];
}
