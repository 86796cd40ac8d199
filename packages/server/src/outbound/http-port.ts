import type { HttpPort, HttpRequest, HttpResponse, MediaFile } from '@chatflow/engine';
import type { TurnScope } from '../ai/turn-scope';
import type { MediaStore } from '../media/media-store';
import { mimeEssence, whatsappMedia } from '../whatsapp/media-rules';
import { isBinaryType } from './content-kind';
import type { HttpClient } from './http-client';
import { OutboundError } from './outbound-error';

/** WhatsApp's largest media size (documents, 100 MB): a service's file larger than that could never be sent on. */
export const RESPONSE_MEDIA_LIMIT = Math.max(...Object.values(whatsappMedia).map((rules) => rules.maxBytes));

export interface HttpPortDeps {
  client: HttpClient;
  /** Where media parts are read from and media answers stored; without one, requests with media fail. */
  media?: MediaStore | undefined;
  /** The conversation whose turn is running: media is read and stored in its workspace. */
  scope: () => TurnScope | undefined;
}

/**
 * The engine's HTTP port over the host client: writes multipart bodies from stored media, stores a
 * binary answer the node asked for as media, and hands JSON or text back as text for the node to
 * parse. Every failure is an `OutboundError` whose message the test chat and the record show.
 */
export function createHttpPort(deps: HttpPortDeps): HttpPort {
  return {
    async request(request) {
      const scope = deps.scope();
      const { headers, body } = await encodeBody(request, scope);
      const answer = await deps.client.send({
        method: request.method,
        url: request.url,
        headers,
        ...(body !== undefined ? { body } : {}),
        timeoutMs: request.timeoutMs,
        ...(request.responseMedia ? { binaryLimit: RESPONSE_MEDIA_LIMIT } : {}),
      });
      const response: HttpResponse = { status: answer.status, headers: answer.headers, body: undefined };
      if (!isBinaryType(answer.contentType)) return { ...response, body: answer.bytes.toString('utf8') };
      if (!request.responseMedia || answer.status < 200 || answer.status >= 300) return response;
      const { store, workspaceId, contactId } = mediaIn(deps, scope);
      // The type as the service gave it, parameters too: `audio/ogg; codecs=opus` is what WhatsApp needs to know.
      const mimeType = answer.headers['content-type'] ?? answer.contentType;
      const media = await store.put(workspaceId, answer.bytes, { mimeType, contactId }).catch(() => {
        throw new OutboundError('the file answer could not be stored');
      });
      return { ...response, media };
    },
  };

  async function encodeBody(
    request: HttpRequest,
    scope: TurnScope | undefined,
  ): Promise<{ headers: Record<string, string>; body?: Buffer | string }> {
    if (!request.parts) return { headers: request.headers, ...(request.body !== undefined ? { body: request.body } : {}) };
    const form = new FormData();
    for (const part of request.parts) {
      if ('value' in part) form.append(part.name, part.value);
      else {
        const file = await readMedia(part.media, scope);
        form.append(part.name, new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }), file.filename);
      }
    }
    // The platform's own encoder writes the boundary and escapes names and file names.
    const encoded = new Response(form);
    const contentType = encoded.headers.get('content-type') ?? 'multipart/form-data';
    const body = Buffer.from(await encoded.arrayBuffer());
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== 'content-type'));
    return { headers: { ...headers, 'Content-Type': contentType }, body };
  }

  async function readMedia(file: MediaFile, scope: TurnScope | undefined) {
    const { store, workspaceId } = mediaIn(deps, scope);
    const stored = await store.get(workspaceId, file.id).catch(() => undefined);
    if (!stored) throw new OutboundError('a media file to send is no longer stored');
    const mimeType = stored.file.mimeType;
    return { bytes: stored.bytes, mimeType, filename: stored.file.filename ?? `${file.id}${extension(mimeType)}` };
  }
}

/** The media store and the turn's workspace and contact, which every media read and write needs. */
function mediaIn(deps: HttpPortDeps, scope: TurnScope | undefined): { store: MediaStore } & TurnScope {
  if (!deps.media || !scope) throw new OutboundError('media files cannot be stored on this server');
  return { store: deps.media, ...scope };
}

const EXTENSIONS: Record<string, string> = {
  'audio/ogg': '.ogg',
  'audio/mpeg': '.mp3',
  'audio/mp4': '.m4a',
  'audio/aac': '.aac',
  'audio/amr': '.amr',
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'video/mp4': '.mp4',
  'video/3gpp': '.3gp',
  'application/pdf': '.pdf',
  'text/plain': '.txt',
};

/** A file name extension for a file that came without a name, so services that sniff by name cope. */
function extension(mimeType: string): string {
  return EXTENSIONS[mimeEssence(mimeType)] ?? '.bin';
}
