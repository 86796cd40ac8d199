import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createContactRepository } from '../records/contact-repository';
import { EmbeddedDocumentStore } from '../stores/embedded-document-store';
import { createSegmentRepository } from './segment-repository';
import { createAudienceResolver, UnknownSegmentError } from './segments';

let dir: string;
let documents: EmbeddedDocumentStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatflow-segments-'));
  documents = new EmbeddedDocumentStore(dir);
});
afterEach(async () => {
  await documents.close();
  await rm(dir, { recursive: true, force: true });
});

it('resolves tags within a segment, across pages, in one workspace and on WhatsApp only', async () => {
  const contacts = createContactRepository(documents);
  const segments = createSegmentRepository(documents);
  const audiences = createAudienceResolver(documents, segments, () => 1_000);
  const whatsapp = { kind: 'whatsapp' as const, phoneNumberId: '1' };
  const people: [string, string[], boolean][] = [
    ['a', ['vip', 'de'], true],
    ['b', ['vip'], true],
    ['c', ['de'], true],
    ['d', ['vip', 'de'], false],
    ['e', ['us'], true],
  ];
  for (const [address, tags, optedIn] of people) {
    const contact = await contacts.ensure('w1', whatsapp, address, 0, address);
    await contacts.correct('w1', contact.id, { tags, optedIn }, 0);
  }
  const stranger = await contacts.ensure('w2', whatsapp, 'x', 0);
  await contacts.correct('w2', stranger.id, { tags: ['vip'], optedIn: true }, 0);
  const visitor = await contacts.ensure('w1', { kind: 'web', sessionId: 's' }, 'v', 0);
  await contacts.correct('w1', visitor.id, { tags: ['vip'], optedIn: true }, 0);

  const optedIn = await segments.create('w1', { name: 'Opted in', rules: { optedIn: true } }, 0);
  const names = async (audience: Parameters<typeof audiences.resolveAudience>[1]) =>
    (await audiences.resolveAudience('w1', audience)).map((c) => c.name).sort();
  expect(await names({ tags: ['vip'] })).toEqual(['a', 'b', 'd']);
  expect(await names({ tags: ['vip', 'us'], segment: optedIn!.id })).toEqual(['a', 'b', 'e']);
  expect(await names({ segment: optedIn!.id })).toEqual(['a', 'b', 'c', 'e']);

  const pages: number[] = [];
  for await (const page of audiences.pages('w1', { segment: optedIn!.id }, 2)) pages.push(page.length);
  expect(pages.reduce((a, b) => a + b, 0)).toBe(4);
  await expect(audiences.resolveAudience('w1', { segment: 'nope' })).rejects.toBeInstanceOf(UnknownSegmentError);
  await expect(audiences.resolveAudience('w2', { segment: optedIn!.id })).rejects.toBeInstanceOf(UnknownSegmentError);
});
