import type { FlowDocument } from '@chatflow/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { node } from './support/canvas';
import { type BuilderSession, openBuilder } from './support/open-builder';

const at = (x: number) => ({ x, y: 0 });

/** Asks for a photo and a voice note and shows each back as the bot's media message. */
const mediaEcho: FlowDocument = {
  schemaVersion: 1,
  id: 'media-echo',
  name: 'Media echo',
  start: 'ask-photo',
  nodes: [
    {
      id: 'ask-photo',
      type: 'question',
      version: 1,
      position: at(0),
      data: { text: 'Send a photo', variable: 'photo', answerType: 'media', mediaTypes: ['image'] },
    },
    {
      id: 'show-photo',
      type: 'message',
      version: 1,
      position: at(340),
      data: { text: 'Here is your photo', messages: [{ type: 'image', media: '{{photo}}', caption: 'Your photo' }] },
    },
    {
      id: 'ask-voice',
      type: 'question',
      version: 1,
      position: at(680),
      data: { text: 'Send a voice note', variable: 'voice', answerType: 'media', mediaTypes: ['audio'] },
    },
    {
      id: 'play-voice',
      type: 'message',
      version: 1,
      position: at(1020),
      data: {
        text: 'Here is your voice note',
        messages: [
          { type: 'audio', media: '{{voice}}' },
          { type: 'video', media: '{{voice}}' },
        ],
      },
    },
  ],
  edges: [
    { id: 'e1', source: 'ask-photo', sourceHandle: 'next', target: 'show-photo' },
    { id: 'e2', source: 'show-photo', sourceHandle: 'next', target: 'ask-voice' },
    { id: 'e3', source: 'ask-voice', sourceHandle: 'next', target: 'play-voice' },
  ],
};

/** A 2×2 PNG. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

/** A quarter second of silence as 8 kHz mono 16-bit WAV, which every browser decodes. */
function silentWav(): Buffer {
  const samples = 2000;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples * 2, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples * 2, 40);
  return Buffer.concat([header, Buffer.alloc(samples * 2)]);
}

describe('media in the test chat', () => {
  let session: BuilderSession;
  const page = () => session.page;

  beforeAll(async () => {
    session = await openBuilder();
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  it('sends the tester’s photo and voice note through the flow and shows the image and players', async () => {
    await session.api('POST', '/api/flows/import', mediaEcho);
    await page().goto(`${session.server.url}/#/flows/media-echo`);
    await node(page(), 'ask-photo').waitFor();
    // The message item's form, generated from the node's schema, holds the media variable.
    await node(page(), 'show-photo').click();
    expect(await page().locator('#node-show-photo-messages-0-media').inputValue()).toBe('{{photo}}');
    await page().getByRole('button', { name: '▶ Test' }).click();
    const chat = page().getByTestId('chat');
    await chat.getByText('Send a photo').waitFor();

    const attach = page().getByLabel('Attach a file');
    await attach.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png });
    const shown = chat.getByTestId('chat-out').getByRole('img', { name: 'Your photo' });
    await shown.waitFor();
    // The bot's image is the stored file on its signed link, and the browser could load it.
    await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(2);
    expect(await shown.getAttribute('src')).toMatch(/\/media\/default\/[0-9a-f]{32}\?exp=\d+&sig=/);
    await chat.getByTestId('chat-in').getByRole('img').waitFor();

    await chat.getByText('Send a voice note').waitFor();
    await attach.setInputFiles({ name: 'voice.wav', mimeType: 'audio/wav', buffer: silentWav() });
    const audio = chat.getByTestId('chat-out').locator('audio');
    await audio.waitFor();
    await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => element.readyState >= 1 && element.duration)).toBe(0.25);
    const video = chat.getByTestId('chat-out').locator('video');
    expect(await video.getAttribute('src')).toBe(await audio.getAttribute('src'));
    await page().getByTestId('live-variables').getByText('voice', { exact: true }).waitFor();
    await session.screenshot('builder-simulator-media');
  });
});
