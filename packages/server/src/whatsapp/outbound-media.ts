import type { OutboundMessage } from '@chatflow/engine';
import type { MediaUploads } from '../media/media-uploads';
import { GraphMediaError } from './graph-media';
import { mediaProblem } from './media-rules';

type MediaMessage = Extract<OutboundMessage, { kind: 'media' }>;

/**
 * A media message ready for the Cloud API: a stored file becomes its WhatsApp media id (uploaded
 * once), after WhatsApp's type and size rules are checked. Returns the reason when it cannot go.
 */
export async function withMediaId(
  message: MediaMessage,
  uploads: MediaUploads | undefined,
  target: { workspaceId: string; phoneNumberId: string; token: string },
  fresh = false,
): Promise<MediaMessage | string> {
  if (message.mediaId || message.url) return message;
  if (!message.file) return `${message.media ?? 'the media item'} holds no file to send`;
  const problem = mediaProblem(message.mediaType, message.file);
  if (problem) return problem;
  if (!uploads) return 'this server cannot upload media to WhatsApp';
  try {
    const { file: _sentById, ...rest } = message;
    return { ...rest, mediaId: await uploads.mediaId(target, message.file, fresh) };
  } catch (error) {
    return error instanceof GraphMediaError ? error.message : 'the media could not be uploaded to WhatsApp';
  }
}

type TemplateMessage = Extract<OutboundMessage, { kind: 'template' }>;

/** A template whose media header holds a stored file, with that file uploaded as for a media message. */
export async function withHeaderMediaId(
  message: TemplateMessage,
  uploads: MediaUploads | undefined,
  target: { workspaceId: string; phoneNumberId: string; token: string },
  fresh = false,
): Promise<TemplateMessage | string> {
  const header = message.header;
  if (!header || header.type === 'text') return message;
  const { type, ...media } = header;
  const ready = await withMediaId({ kind: 'media', mediaType: type, ...media }, uploads, target, fresh);
  if (typeof ready === 'string') return `the template's header: ${ready}`;
  const { kind: _, mediaType: __, caption: ___, ...sent } = ready;
  return { ...message, header: { type, ...sent } };
}
