import type { FlowDocument, Problem, UserMessage } from '@chatflow/engine';
import type { Request } from 'express';
import { HttpError } from '../api/http-error';
import { param, type RouteSpec } from '../api/route-spec';
import { callerOf } from '../security/require-auth';
import type { Simulator } from './simulator';
import type { SimulatorSessions } from './simulator-sessions';
import { openSseStream } from './sse-stream';

export interface SimulatorRouteDeps {
  simulator: Simulator;
  sessions: SimulatorSessions;
  validate(document: unknown): Problem[];
  heartbeatMs?: number;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const notFound = { description: 'No simulator session with this id (they close after an idle hour)', schema: ref('Error') };
const invalid = { description: 'The draft has errors; `error.problems` lists them', schema: ref('Error') };

/** The simulator: the web channel over HTTP and server-sent events. */
export function simulatorRoutes(deps: SimulatorRouteDeps): RouteSpec[] {
  const { simulator, sessions } = deps;
  const existing = (req: Request, workspaceId: string) => {
    const session = sessions.get(workspaceId, param(req, 'id'));
    if (!session) throw new HttpError(404, `simulator session "${param(req, 'id')}" not found`, { path: 'id' });
    return session;
  };
  const runnable = (document: FlowDocument): FlowDocument => {
    const problems = deps.validate(document);
    const errors = problems.filter((p) => p.severity === 'error').length;
    if (errors > 0) throw new HttpError(422, `the draft has ${errors} error${errors === 1 ? '' : 's'}; fix them to run it`, { problems });
    return document;
  };
  return [
    {
      method: 'post',
      path: '/simulator/sessions',
      tag: 'simulator',
      summary: 'Open a simulator session on a draft; the flow starts at once',
      body: ref('SimulatorStartBody'),
      responses: {
        201: { description: 'The session', schema: ref('SimulatorSession') },
        400: { description: 'Invalid body', schema: ref('Error') },
        422: invalid,
      },
      handler: async (req, res) => {
        const body = req.body as { document: FlowDocument; contactName?: string };
        const session = await simulator.open(callerOf(res).workspaceId, runnable(body.document), body.contactName);
        res.status(201).json({ sessionId: session.id, contactName: session.contactName });
      },
    },
    {
      method: 'get',
      path: '/simulator/sessions/:id/events',
      tag: 'simulator',
      summary:
        'Follow a session: SSE events `message` {direction, message}, `state` {nodeId, vars, status, timerPending}, `error` {message}',
      stream: true,
      responses: {
        200: {
          description: 'A server-sent events stream; reconnecting with Last-Event-ID resumes it',
          contentType: 'text/event-stream',
          schema: { type: 'string' },
        },
        404: notFound,
      },
      handler: (req, res) => {
        const session = existing(req, callerOf(res).workspaceId);
        const last = Number(req.get('last-event-id'));
        sessions.subscribe(session.id, openSseStream(req, res, deps.heartbeatMs), Number.isInteger(last) ? last : undefined);
      },
    },
    {
      method: 'post',
      path: '/simulator/sessions/:id/messages',
      tag: 'simulator',
      summary: 'Send a visitor message',
      body: ref('SimulatorMessageBody'),
      responses: {
        202: { description: 'Accepted; replies arrive on the event stream' },
        400: { description: 'Invalid message', schema: ref('Error') },
        404: notFound,
      },
      handler: async (req, res) => {
        const session = existing(req, callerOf(res).workspaceId);
        await simulator.send(session, fromVisitor((req.body as { message: UserMessage }).message));
        res.status(202).end();
      },
    },
    {
      method: 'post',
      path: '/simulator/sessions/:id/timers/fire',
      tag: 'simulator',
      summary: 'Fire the pending timer now',
      responses: {
        202: { description: 'The timer fires; its effects arrive on the event stream' },
        404: { description: 'No such session, or no timer is pending', schema: ref('Error') },
      },
      handler: async (req, res) => {
        const session = existing(req, callerOf(res).workspaceId);
        if (!(await simulator.fireTimer(session))) throw new HttpError(404, 'no timer is pending in this conversation', { path: 'timer' });
        res.status(202).end();
      },
    },
    {
      method: 'post',
      path: '/simulator/sessions/:id/restart',
      tag: 'simulator',
      summary: 'Start again with a new visitor, optionally on a new draft',
      body: ref('SimulatorRestartBody'),
      responses: {
        202: { description: 'Restarted; the flow starts at once' },
        400: { description: 'Invalid body', schema: ref('Error') },
        404: notFound,
        422: invalid,
      },
      handler: async (req, res) => {
        const session = existing(req, callerOf(res).workspaceId);
        const document = (req.body as { document?: FlowDocument } | undefined)?.document;
        await simulator.restart(session, document ? runnable(document) : undefined);
        res.status(202).end();
      },
    },
  ];
}

/** A visitor's message as typed: a stored file comes only from an upload to this server, never from the body. */
function fromVisitor(message: UserMessage): UserMessage {
  if (message.kind !== 'media') return message;
  const { file: _file, error: _error, ...rest } = message;
  return rest;
}
