import type { Page } from 'playwright-core';

/**
 * Adds every Content-Security-Policy violation the page logs to `errors`: the server's policy must
 * let the builder work, so a test whose page hit one fails.
 */
export function reportCspViolations(page: Page, errors: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) errors.push(message.text());
  });
}
