import { HttpError } from '../api/http-error';
import { iso, type RouteSpec } from '../api/route-spec';
import { hashToken } from '../security/local-secrets';
import { bearerToken } from './authenticate';
import { STREAM_TICKET_TTL_SECONDS, type StreamTickets } from './stream-tickets';

/** `POST /api/auth/stream-tickets`: a single-use ticket for opening one live stream. */
export function streamTicketRoutes(tickets: StreamTickets): RouteSpec[] {
  return [
    {
      method: 'post',
      path: '/auth/stream-tickets',
      tag: 'auth',
      summary: `A ticket for one opening of a live stream (\`GET <stream>?ticket=\`) within ${STREAM_TICKET_TTL_SECONDS} s; asked for with your bearer token`,
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['stream'],
        properties: {
          stream: {
            type: 'string',
            maxLength: 300,
            pattern: '^/api/[A-Za-z0-9/._~-]+$',
            description: 'The path of the stream, e.g. `/api/inbox/events`',
          },
        },
      },
      responses: {
        201: {
          description: 'The ticket',
          schema: {
            type: 'object',
            required: ['ticket', 'expiresAt'],
            properties: { ticket: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } },
          },
        },
      },
      handler: async (req, res) => {
        const token = bearerToken(req);
        if (!token) throw new HttpError(401, 'ask for a stream ticket with your bearer token');
        const { ticket, expiresAt } = await tickets.issue(hashToken(token), (req.body as { stream: string }).stream);
        res.status(201).json({ ticket, expiresAt: iso(expiresAt) });
      },
    },
  ];
}
