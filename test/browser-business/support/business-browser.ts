import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { ensureBuilderBuilt } from '../../browser/support/ensure-builder-built';
import { type LaunchedChromium, launchChromium } from '../../browser/support/launch-chromium';
import { resultsDir, saveScreenshot } from '../../browser/support/open-builder';
import { reportCspViolations } from '../../browser/support/report-csp-violations';
import { type BusinessWorld, startBusinessWorld } from '../../business/business-fixtures';

export interface BusinessBrowser {
  /** The real server, the fake Graph API it sends WhatsApp messages to, and an admin API client. */
  world: BusinessWorld;
  browser: LaunchedChromium;
  page: Page;
  /** Opens the builder at `hash`, signed in with the ADMIN_TOKEN. */
  openAsAdmin(hash: string): Promise<void>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A fresh build of the builder served by the real server (fake Graph and Anthropic APIs behind
 * it), and a chromium page on it. The page's uncaught errors fail `close`.
 */
export async function openBusinessBrowser(env: Record<string, string> = {}): Promise<BusinessBrowser> {
  await ensureBuilderBuilt();
  const world = await startBusinessWorld(env);
  const browser = await launchChromium({ width: 1440, height: 900 });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  // Well under the test's own timeout, so a step that never happens names itself in the failure.
  page.setDefaultTimeout(8_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
  reportCspViolations(page, errors);
  mkdirSync(resultsDir, { recursive: true });
  return {
    world,
    browser,
    page,
    async openAsAdmin(hash) {
      await page.goto(`${world.server.url}/`);
      await page.evaluate((token) => localStorage.setItem('chatflow.adminToken', token), world.server.adminToken);
      // Only the hash differs from the page open now, so going there would not load the app again.
      await page.evaluate((to) => {
        window.location.hash = to;
      }, hash);
      await page.reload();
    },
    screenshot: (name) => saveScreenshot(page, name),
    async close() {
      await browser.close();
      await world.close();
      if (errors.length > 0) throw new Error(`the page threw: ${errors.join('; ')}`);
    },
  };
}
