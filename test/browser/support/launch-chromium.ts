import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export interface LaunchedChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Debian's chromium, headless, quiet (no background traffic), with a fresh profile each time. */
export async function launchChromium(options: { width?: number; height?: number } = {}): Promise<LaunchedChromium> {
  const profile = await mkdtemp(join(tmpdir(), 'chatflow-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
    viewport: { width: options.width ?? 1600, height: options.height ?? 960 },
    acceptDownloads: true,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
