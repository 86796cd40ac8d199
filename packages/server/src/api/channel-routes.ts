import type { ChannelInput, ChannelRepository, ChannelView } from '../flows/channel-repository';
import type { FlowRepository } from '../flows/flow-repository';
import type { AuditLog } from '../records/audit-log';
import { callerOf } from '../security/require-auth';
import { HttpError } from './http-error';
import { iso, param, type RouteSpec } from './route-spec';

export interface ChannelRouteDeps {
  channels: ChannelRepository;
  flows: Pick<FlowRepository, 'get'>;
  audit: AuditLog;
  now?: () => number;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const notFound = { description: 'No channel with this phone number id', schema: ref('Error') };

/** WhatsApp numbers: their tokens are encrypted at rest and never returned. */
export function channelRoutes(deps: ChannelRouteDeps): RouteSpec[] {
  const now = deps.now ?? Date.now;
  const checkFlow = async (workspaceId: string, flowId: string | null | undefined) => {
    if (flowId && !(await deps.flows.get(workspaceId, flowId))) throw new HttpError(400, `flow "${flowId}" not found`, { path: 'flowId' });
  };
  return [
    {
      method: 'get',
      path: '/channels',
      tag: 'channels',
      summary: 'List WhatsApp numbers',
      responses: { 200: { description: 'Channels, without secrets', schema: { type: 'array', items: ref('Channel') } } },
      handler: async (_req, res) => {
        res.json((await deps.channels.list(callerOf(res).workspaceId)).map(channelView));
      },
    },
    {
      method: 'post',
      path: '/channels',
      tag: 'channels',
      summary: 'Add a WhatsApp number with its access token (and app secret, when it belongs to another Meta app)',
      body: ref('ChannelInput'),
      responses: {
        201: { description: 'The channel, without secrets', schema: ref('Channel') },
        400: { description: 'Invalid body or unknown flow', schema: ref('Error') },
        409: { description: 'This number is already configured', schema: ref('Error') },
      },
      handler: async (req, res) => {
        const { workspaceId, actor } = callerOf(res);
        const input = req.body as ChannelInput;
        await checkFlow(workspaceId, input.flowId);
        const created = await deps.channels.create(workspaceId, input, now());
        if (!created) throw new HttpError(409, `WhatsApp number ${input.phoneNumberId} is already configured`, { path: 'phoneNumberId' });
        await deps.audit.record(
          workspaceId,
          'channel.create',
          { actor, phoneNumberId: created.phoneNumberId, flowId: created.flowId, hasAppSecret: created.hasAppSecret },
          created.createdAt,
        );
        res.status(201).json(channelView(created));
      },
    },
    {
      method: 'get',
      path: '/channels/:id',
      tag: 'channels',
      summary: 'Get a WhatsApp number',
      responses: { 200: { description: 'The channel, without secrets', schema: ref('Channel') }, 404: notFound },
      handler: async (req, res) => {
        const found = await deps.channels.get(callerOf(res).workspaceId, param(req, 'id'));
        if (!found) throw new HttpError(404, `channel "${param(req, 'id')}" not found`, { path: 'id' });
        res.json(channelView(found));
      },
    },
    {
      method: 'put',
      path: '/channels/:id',
      tag: 'channels',
      summary: "Change a number's token, app secret or flow",
      body: ref('ChannelUpdate'),
      responses: {
        200: { description: 'The channel, without secrets', schema: ref('Channel') },
        400: { description: 'Invalid', schema: ref('Error') },
        404: notFound,
      },
      handler: async (req, res) => {
        const { workspaceId, actor } = callerOf(res);
        const change = req.body as Parameters<ChannelRepository['update']>[2];
        await checkFlow(workspaceId, change.flowId);
        const updated = await deps.channels.update(workspaceId, param(req, 'id'), change, now());
        if (!updated) throw new HttpError(404, `channel "${param(req, 'id')}" not found`, { path: 'id' });
        // Which fields changed, never their values.
        await deps.audit.record(
          workspaceId,
          'channel.update',
          { actor, phoneNumberId: updated.phoneNumberId, changed: Object.keys(change) },
          updated.updatedAt,
        );
        res.json(channelView(updated));
      },
    },
    {
      method: 'delete',
      path: '/channels/:id',
      tag: 'channels',
      summary: 'Remove a WhatsApp number and its secrets',
      responses: { 204: { description: 'Removed' }, 404: notFound },
      handler: async (req, res) => {
        const { workspaceId, actor } = callerOf(res);
        if (!(await deps.channels.delete(workspaceId, param(req, 'id')))) {
          throw new HttpError(404, `channel "${param(req, 'id')}" not found`, { path: 'id' });
        }
        await deps.audit.record(workspaceId, 'channel.delete', { actor, phoneNumberId: param(req, 'id') }, now());
        res.status(204).end();
      },
    },
  ];
}

function channelView(channel: ChannelView) {
  return { ...channel, createdAt: iso(channel.createdAt), updatedAt: iso(channel.updatedAt) };
}
