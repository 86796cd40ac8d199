import { formatBytes } from './graph-media';

export type WhatsAppMediaType = 'image' | 'document' | 'audio' | 'video' | 'sticker';

const MB = 1024 * 1024;

/** What WhatsApp accepts per kind of media (reference §2, "Supported media types and sizes"). */
export const whatsappMedia: Record<WhatsAppMediaType, { mimeTypes: string[]; maxBytes: number }> = {
  audio: { mimeTypes: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'], maxBytes: 16 * MB },
  document: {
    mimeTypes: [
      'text/plain',
      'application/pdf',
      'application/msword',
      'application/vnd.ms-excel',
      'application/vnd.ms-powerpoint',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ],
    maxBytes: 100 * MB,
  },
  image: { mimeTypes: ['image/jpeg', 'image/png'], maxBytes: 5 * MB },
  sticker: { mimeTypes: ['image/webp'], maxBytes: 500 * 1024 },
  video: { mimeTypes: ['video/mp4', 'video/3gpp'], maxBytes: 16 * MB },
};

/** `audio/ogg; codecs=opus` → `audio/ogg`. */
export function mimeEssence(mimeType: string): string {
  return (mimeType.split(';')[0] ?? '').trim().toLowerCase();
}

/** Why WhatsApp would refuse this file as this kind of media, or undefined when it takes it. */
export function mediaProblem(mediaType: WhatsAppMediaType, file: { mimeType: string; size: number }): string | undefined {
  const rules = whatsappMedia[mediaType];
  const essence = mimeEssence(file.mimeType);
  if (!rules.mimeTypes.includes(essence)) {
    return `WhatsApp does not take ${essence || 'a file without a type'} as ${mediaType} (it takes ${rules.mimeTypes.join(', ')})`;
  }
  if (file.size > rules.maxBytes)
    return `the ${mediaType} is ${formatBytes(file.size)}, over WhatsApp's ${formatBytes(rules.maxBytes)} limit`;
  return undefined;
}
