import { iso, param, type RouteSpec } from '../api/route-spec';
import type { JsonSchema } from '../api/schema-checker';
import { openSseStream } from '../simulator/sse-stream';
import { userOf } from '../users/authenticate';
import type { InboxEvents } from './inbox-events';
import type { ConversationDetail, InboxService, QueueItem, TranscriptEntry } from './inbox-service';
import { visibleTo } from './inbox-visibility';

const error = { $ref: '#/components/schemas/Error' };
const queueItemProperties = {
  id: { type: 'string' },
  contactId: { type: 'string' },
  contactName: { type: 'string' },
  department: { type: 'string' },
  note: { type: 'string', description: "The handoff node's note for the agent" },
  state: { enum: ['waiting', 'assigned'] },
  assignedTo: {
    type: 'object',
    properties: { id: { type: 'string' }, name: { type: 'string' }, at: { type: 'string', format: 'date-time' } },
  },
  lastActivityAt: { type: 'string', format: 'date-time' },
  windowClosesAt: { type: 'string', format: 'date-time', description: "When WhatsApp's 24-hour window for plain replies closes" },
};
const queueItemSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'contactId', 'state', 'lastActivityAt'],
  properties: queueItemProperties,
};
const transcriptEntrySchema: JsonSchema = {
  type: 'object',
  required: ['direction', 'text', 'at'],
  properties: {
    direction: { enum: ['in', 'out'] },
    text: { type: 'string' },
    at: { type: 'string', format: 'date-time' },
    by: { enum: ['bot', 'agent'] },
    agentName: { type: 'string', description: 'Who wrote an agent reply, when known' },
    status: { type: 'string' },
  },
};
const detailSchema: JsonSchema = {
  type: 'object',
  properties: {
    ...queueItemProperties,
    status: { type: 'string' },
    nodeId: { type: 'string' },
    flowId: { type: 'string' },
    vars: { type: 'object' },
    transcript: { type: 'array', items: transcriptEntrySchema },
  },
};

function queueView(q: QueueItem) {
  return {
    ...q,
    ...(q.assignedTo ? { assignedTo: { ...q.assignedTo, at: iso(q.assignedTo.at) } } : {}),
    lastActivityAt: iso(q.lastActivityAt),
    ...(q.windowClosesAt !== undefined ? { windowClosesAt: iso(q.windowClosesAt) } : {}),
  };
}

const entryView = (entry: TranscriptEntry) => ({ ...entry, at: iso(entry.at) });

function detailView(detail: ConversationDetail) {
  return {
    ...queueView(detail),
    status: detail.status,
    nodeId: detail.nodeId,
    flowId: detail.flowId,
    vars: detail.vars,
    transcript: detail.transcript.map(entryView),
  };
}

/** The agent inbox; agents and admins both reach these routes. */
export function inboxRoutes(inbox: InboxService, events: InboxEvents, options: { heartbeatMs?: number } = {}): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/inbox/conversations',
      tag: 'inbox',
      summary: 'Handed-off conversations in your departments: waiting ones first, oldest first',
      query: {
        department: { schema: { type: 'string', minLength: 1 }, description: 'Only this department' },
        state: { schema: { enum: ['waiting', 'assigned', 'mine'] }, description: 'Only waiting, assigned, or assigned to you' },
      },
      responses: { 200: { description: 'The queue', schema: { type: 'array', items: queueItemSchema } } },
      handler: async (req, res) => {
        const { department, state } = req.query as { department?: string; state?: 'waiting' | 'assigned' | 'mine' };
        const items = await inbox.queue(userOf(req), { ...(department ? { department } : {}), ...(state ? { state } : {}) });
        res.json(items.map(queueView));
      },
    },
    {
      method: 'get',
      path: '/inbox/departments',
      tag: 'inbox',
      summary: 'Waiting and assigned conversations per department',
      responses: {
        200: {
          description: 'Counts',
          schema: {
            type: 'array',
            items: {
              type: 'object',
              properties: { department: { type: 'string' }, waiting: { type: 'integer' }, assigned: { type: 'integer' } },
            },
          },
        },
      },
      handler: async (req, res) => {
        res.json(await inbox.departments(userOf(req)));
      },
    },
    {
      method: 'get',
      path: '/inbox/events',
      tag: 'inbox',
      summary:
        'Live inbox updates (SSE): `waiting`, `message`, `assigned`, `released`, `closed`, `resumed` (the bot answered after a hand-back), each with `conversationId`',
      stream: true,
      responses: { 200: { description: 'A server-sent events stream', contentType: 'text/event-stream', schema: { type: 'string' } } },
      handler: (req, res) => {
        const user = userOf(req);
        const stream = openSseStream(req, res, options.heartbeatMs);
        let id = 0;
        const unsubscribe = events.subscribe(user.workspaceId, (event, audience) => {
          // The same rule as the REST routes; read per event, since the stream guard refreshes the user.
          if (!visibleTo(userOf(req), audience)) return;
          id += 1;
          const { type, ...data } = event;
          stream.send({ id, event: type, data: { ...data, at: iso(event.at) } });
        });
        stream.onClose(unsubscribe);
      },
    },
    {
      method: 'get',
      path: '/inbox/conversations/:id',
      tag: 'inbox',
      summary: 'A handed-off conversation: its variables and transcript',
      responses: {
        200: { description: 'The conversation', schema: detailSchema },
        404: { description: 'Not in your inbox', schema: error },
      },
      handler: async (req, res) => {
        res.json(detailView(await inbox.detail(userOf(req), param(req, 'id'))));
      },
    },
    {
      method: 'post',
      path: '/inbox/conversations/:id/take',
      tag: 'inbox',
      summary: 'Take the conversation over (assign it to you); admins may take it from another agent with `force`',
      body: { type: ['object', 'null'], additionalProperties: false, properties: { force: { type: 'boolean' } } },
      responses: {
        200: { description: 'Assigned to you', schema: queueItemSchema },
        404: { description: 'Not in your inbox', schema: error },
        409: { description: 'Someone else has it, or it is not handed off', schema: error },
      },
      handler: async (req, res) => {
        const body = (req.body ?? {}) as { force?: boolean };
        res.json(queueView(await inbox.take(userOf(req), param(req, 'id'), body.force === true)));
      },
    },
    {
      method: 'post',
      path: '/inbox/conversations/:id/messages',
      tag: 'inbox',
      summary: "Reply to the customer on the conversation's channel (WhatsApp: within 24 hours of their last message)",
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['text'],
        properties: {
          text: { type: 'string', minLength: 1, maxLength: 4096 },
          clientMessageId: {
            type: 'string',
            minLength: 1,
            maxLength: 100,
            description: 'Your id for this message: a retried request with it is sent once',
          },
        },
      },
      responses: {
        201: { description: 'Sent', schema: transcriptEntrySchema },
        404: { description: 'Not in your inbox', schema: error },
        409: { description: 'Not yours, or outside the 24-hour window', schema: error },
        502: { description: 'The channel refused it', schema: error },
      },
      handler: async (req, res) => {
        const body = req.body as { text: string; clientMessageId?: string };
        res.status(201).json(entryView(await inbox.reply(userOf(req), param(req, 'id'), body.text, body.clientMessageId)));
      },
    },
    {
      method: 'post',
      path: '/inbox/conversations/:id/release',
      tag: 'inbox',
      summary: "Hand the conversation back to the bot: the flow continues at the handoff node's `released` exit",
      body: { type: ['object', 'null'], additionalProperties: false, properties: { note: { type: 'string', maxLength: 1000 } } },
      responses: {
        202: { description: 'Handed back; the bot answers next' },
        404: { description: 'Not in your inbox', schema: error },
        409: { description: 'Not yours', schema: error },
      },
      handler: async (req, res) => {
        const body = (req.body ?? {}) as { note?: string };
        await inbox.release(userOf(req), param(req, 'id'), body.note);
        res.status(202).end();
      },
    },
    {
      method: 'post',
      path: '/inbox/conversations/:id/close',
      tag: 'inbox',
      summary: "End the conversation without the bot; the customer's next message starts a new one",
      responses: {
        204: { description: 'Closed' },
        404: { description: 'Not in your inbox', schema: error },
        409: { description: 'Not yours, or it ended already', schema: error },
        503: { description: 'A turn of the bot did not finish in time; try again', schema: error },
      },
      handler: async (req, res) => {
        await inbox.close(userOf(req), param(req, 'id'));
        res.status(204).end();
      },
    },
  ];
}
