import { createHash, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { MediaStore } from './media-store';

/** A media store over fresh storage, with a clock the test moves; `close` releases that storage. */
export type OpenMediaStore = (clock: () => number) => Promise<{ media: MediaStore; close(): Promise<void> }>;

const HOUR = 3_600_000;
const bytes = (text: string) => new TextEncoder().encode(text);
const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The behaviour every media store owes its callers, for a store with a 24-hour retention. Call it
 * inside a test file with a way to open the implementation; it declares one `describe` block.
 *
 * @example
 * mediaStoreContract('files under DATA_DIR', async (clock) => openFileMediaStore(clock));
 */
export function mediaStoreContract(name: string, open: OpenMediaStore): void {
  describe(`${name} fulfils the MediaStore contract`, () => {
    let now = Date.parse('2026-12-03T08:00:00Z');
    const opened: { close(): Promise<void> }[] = [];
    async function store(): Promise<MediaStore> {
      const handle = await open(() => now);
      opened.push(handle);
      return handle.media;
    }
    afterEach(async () => {
      for (const handle of opened.splice(0)) await handle.close();
    });

    it('gives back the same bytes with their sha256, size, type and a link', async () => {
      const media = await store();
      const file = await media.put('w1', bytes('voice note'), { mimeType: 'audio/ogg', filename: 'note.ogg', contactId: 'c1' });
      expect(file).toMatchObject({ mimeType: 'audio/ogg', size: 10, sha256: digest('voice note'), filename: 'note.ogg' });
      expect(file.url).toContain(file.id);
      const found = await media.get('w1', file.id);
      expect(new TextDecoder().decode(found?.bytes)).toBe('voice note');
      expect(found?.file).toEqual(file);
    });

    it('keeps files to their workspace: an id from another workspace is not found', async () => {
      const media = await store();
      const file = await media.put('w1', bytes('private'), { mimeType: 'text/plain' });
      expect(await media.get('w2', file.id)).toBeUndefined();
      expect(await media.get('w1', randomUUID())).toBeUndefined();
    });

    it('answers the same bytes put twice for a contact with the same reference', async () => {
      const media = await store();
      const first = await media.put('w1', bytes('same'), { mimeType: 'image/png', contactId: 'c1' });
      const second = await media.put('w1', bytes('same'), { mimeType: 'image/png', contactId: 'c1' });
      expect(second.id).toBe(first.id);
    });

    it('erases a contact’s files and keeps another contact’s copy of the same bytes', async () => {
      const media = await store();
      const mine = await media.put('w1', bytes('shared photo'), { mimeType: 'image/jpeg', contactId: 'c1' });
      const theirs = await media.put('w1', bytes('shared photo'), { mimeType: 'image/jpeg', contactId: 'c2' });
      const other = await media.put('w1', bytes('only mine'), { mimeType: 'image/jpeg', contactId: 'c1' });
      await media.deleteForContact('w1', 'c1');
      expect(await media.get('w1', mine.id)).toBeUndefined();
      expect(await media.get('w1', other.id)).toBeUndefined();
      expect(new TextDecoder().decode((await media.get('w1', theirs.id))?.bytes)).toBe('shared photo');
    });

    it('sweeps files older than the retention period and keeps newer ones', async () => {
      const media = await store();
      const old = await media.put('w1', bytes('old'), { mimeType: 'text/plain' });
      now += 20 * HOUR;
      const fresh = await media.put('w2', bytes('fresh'), { mimeType: 'text/plain' });
      now += 5 * HOUR;
      expect(await media.get('w1', old.id)).toBeUndefined();
      expect(await media.sweep()).toBe(1);
      expect(await media.sweep()).toBe(0);
      expect(new TextDecoder().decode((await media.get('w2', fresh.id))?.bytes)).toBe('fresh');
      // Gone for good: putting the bytes again stores them anew.
      const again = await media.put('w1', bytes('old'), { mimeType: 'text/plain' });
      expect(new TextDecoder().decode((await media.get('w1', again.id))?.bytes)).toBe('old');
    });
  });
}
