import type { ImageBlockParam, TextBlockParam } from '@anthropic-ai/sdk/resources/messages';
import type { AiMedia, AiRequest } from '@chatflow/engine';
import type { MediaStore } from '../media/media-store';
import { mimeEssence } from '../whatsapp/media-rules';

type AiMessage = AiRequest['messages'][number];
export type MediaBlock = ImageBlockParam | TextBlockParam;

/** The image types Anthropic's Messages API accepts, and its limit per image. */
const imageTypes = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const;
type ImageType = (typeof imageTypes)[number];
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

const sent: Record<AiMedia['mediaType'], string> = {
  image: 'a photo',
  audio: 'a voice note',
  video: 'a video',
  document: 'a document',
  sticker: 'a sticker',
};

/**
 * The blocks the model gets for the customer's media in each message of a request (empty for a
 * message without media): a stored photo of a type and size Claude accepts as a base64 image,
 * anything else as a short note such as `[the customer sent a voice note]`. A file that retention
 * already deleted becomes a note too. The caption stays in the message's text.
 *
 * @example
 * const blocks = await mediaBlocks(request.messages, (id) => store.get(workspaceId, id));
 */
export async function mediaBlocks(
  messages: readonly AiMessage[],
  load: ((id: string) => ReturnType<MediaStore['get']>) | undefined,
): Promise<MediaBlock[][]> {
  return Promise.all(
    messages.map((message) =>
      message.role === 'user' && message.media ? Promise.all(message.media.map((media) => mediaBlock(media, load))) : [],
    ),
  );
}

async function mediaBlock(media: AiMedia, load: ((id: string) => ReturnType<MediaStore['get']>) | undefined): Promise<MediaBlock> {
  const file = media.file;
  if (media.mediaType !== 'image' || !load) return note(media, '');
  if (!file) return note(media, ' that could not be downloaded');
  const mimeType = mimeEssence(file.mimeType);
  if (!isImageType(mimeType)) return note(media, ` (${mimeType}, which cannot be shown here)`);
  if (file.size > MAX_IMAGE_BYTES) return note(media, ' (too large to be shown here)');
  const stored = await load(file.id);
  if (!stored) return note(media, ' that is no longer available');
  return { type: 'image', source: { type: 'base64', media_type: mimeType, data: Buffer.from(stored.bytes).toString('base64') } };
}

function note(media: AiMedia, detail: string): TextBlockParam {
  return { type: 'text', text: `[the customer sent ${sent[media.mediaType]}${detail}]` };
}

function isImageType(mimeType: string): mimeType is ImageType {
  return (imageTypes as readonly string[]).includes(mimeType);
}
