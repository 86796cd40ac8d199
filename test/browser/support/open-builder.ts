import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { type StartServerOptions, startServer, type TestServer } from '../../support/start-server';
import { ensureBuilderBuilt } from './ensure-builder-built';
import { type LaunchedChromium, launchChromium } from './launch-chromium';
import { reportCspViolations } from './report-csp-violations';

/** Where screenshots go: test-results/ at the repository root (gitignored). */
export const resultsDir = resolve(import.meta.dirname, '../../../test-results');

/** Saves a screenshot of the page under test-results/ and answers its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const path = join(resultsDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

export interface BuilderSession {
  server: TestServer;
  browser: LaunchedChromium;
  page: Page;
  /** Calls the REST API directly, as a test's own check of what the builder did. */
  api<T>(method: string, path: string, body?: unknown): Promise<T>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real server serving a fresh build of the builder, and a chromium page on it. With
 * `signedIn` the admin token is already in localStorage, as after the login screen.
 */
export async function openBuilder(options: { signedIn?: boolean; server?: StartServerOptions } = {}): Promise<BuilderSession> {
  await ensureBuilderBuilt();
  const server = await startServer(options.server);
  const browser = await launchChromium();
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  // Well inside the test timeout, so a missing element fails with its own message.
  page.setDefaultTimeout(8000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  reportCspViolations(page, errors);
  if (options.signedIn !== false) {
    await page.addInitScript((token) => {
      if (!localStorage.getItem('chatflow.adminToken')) localStorage.setItem('chatflow.adminToken', token);
    }, server.adminToken);
  }
  await page.goto(server.url);
  mkdirSync(resultsDir, { recursive: true });
  return {
    server,
    browser,
    page,
    async api<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${server.adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (response.status === 204 ? undefined : await response.json()) as T;
    },
    screenshot: (name) => saveScreenshot(page, name),
    async close() {
      await browser.close();
      await server.stop();
      if (errors.length > 0) throw new Error(`the page threw: ${errors.join('; ')}`);
    },
  };
}
