import type { UserMessage } from '@chatflow/engine';
import express, { type Request, type Response } from 'express';
import { HttpError } from '../api/http-error';
import { param, type RouteSpec } from '../api/route-spec';
import { conversationKeys } from '../conversation/conversation-keys';
import { parseSessionState } from '../conversation/session-state';
import type { MediaStore } from '../media/media-store';
import type { SessionStore } from '../ports/session-store';
import { callerOf } from '../security/require-auth';
import { formatBytes } from '../whatsapp/graph-media';
import { type WhatsAppMediaType, whatsappMedia } from '../whatsapp/media-rules';
import type { Simulator } from './simulator';
import type { SimulatorSessions } from './simulator-sessions';

export interface SimulatorMediaDeps {
  simulator: Simulator;
  sessions: SimulatorSessions;
  store: Pick<SessionStore, 'getSession'>;
  media: MediaStore;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const readBytes = express.raw({ type: () => true, limit: whatsappMedia.document.maxBytes });

/** The kind of WhatsApp message a file of this type arrives as. */
function mediaTypeOf(mimeType: string): WhatsAppMediaType {
  if (mimeType === 'image/webp') return 'sticker';
  const top = mimeType.split('/')[0];
  return top === 'image' || top === 'audio' || top === 'video' ? top : 'document';
}

/**
 * `POST /simulator/sessions/:id/media`: the tester sends a file (the raw bytes, with its content
 * type) as the visitor; it is stored like a WhatsApp customer's file and the flow gets the same
 * media message, with the same `file`.
 */
export function simulatorMediaRoute(deps: SimulatorMediaDeps): RouteSpec {
  return {
    method: 'post',
    path: '/simulator/sessions/:id/media',
    tag: 'simulator',
    summary: 'Send a file as the visitor (the body is the file, `Content-Type` its type)',
    query: {
      filename: { schema: { type: 'string', maxLength: 255 }, description: 'The file name, shown for documents' },
      caption: { schema: { type: 'string', maxLength: 1024 }, description: 'A caption, as WhatsApp lets a customer add' },
    },
    responses: {
      202: { description: 'Accepted; the message and the replies arrive on the event stream', schema: ref('MediaFile') },
      400: { description: 'No file, or one over WhatsApp’s size limit for its kind', schema: ref('Error') },
      404: { description: 'No simulator session with this id', schema: ref('Error') },
    },
    handler: async (req: Request, res: Response) => {
      const { workspaceId } = callerOf(res);
      const session = deps.sessions.get(workspaceId, param(req, 'id'));
      if (!session) throw new HttpError(404, `simulator session "${param(req, 'id')}" not found`, { path: 'id' });
      await new Promise<void>((resolve, reject) => readBytes(req, res, (error?: unknown) => (error ? reject(error) : resolve())));
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const mimeType = (req.get('content-type') ?? '').trim().toLowerCase();
      if (bytes.length === 0 || !mimeType) throw new HttpError(400, 'send the file as the body, with its Content-Type', { path: '(body)' });
      const mediaType = mediaTypeOf(mimeType.split(';')[0] ?? '');
      const { maxBytes } = whatsappMedia[mediaType];
      if (bytes.length > maxBytes) {
        throw new HttpError(400, `the file is larger than WhatsApp's ${formatBytes(maxBytes)} limit for ${mediaType}`, { path: '(body)' });
      }
      const query = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined);
      const filename = query('filename');
      const caption = query('caption');
      const keys = conversationKeys(workspaceId, { kind: 'web', sessionId: session.id }, session.address);
      const contactId = parseSessionState(await deps.store.getSession(keys.session))?.contactId;
      const file = await deps.media.put(workspaceId, bytes, {
        mimeType,
        ...(filename ? { filename } : {}),
        ...(contactId ? { contactId } : {}),
      });
      const message: UserMessage = {
        kind: 'media',
        mediaType,
        mimeType,
        file,
        ...(caption ? { caption } : {}),
        ...(filename ? { filename } : {}),
      };
      await deps.simulator.send(session, message);
      res.status(202).json(file);
    },
  };
}
