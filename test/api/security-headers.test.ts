import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/start-server';

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | null): Map<string, string[]> {
  return new Map(
    (header ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name = '', ...values]) => [name, values]),
  );
}

describe('security headers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ app: { examplesDir: '/nonexistent' } });
  });
  afterAll(() => server.stop());

  it('keeps the builder out of frames and foreign scripts out of the builder', async () => {
    for (const path of ['/', '/flows/x', '/api/openapi.json', '/api/flows', '/healthz']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      const csp = directives(response.headers.get('content-security-policy'));
      expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(csp.get('default-src'), path).toEqual(["'self'"]);
      expect(csp.get('object-src'), path).toEqual(["'none'"]);
      expect(csp.get('script-src-attr'), path).toEqual(["'none'"]);
      // No inline script and no script from elsewhere.
      expect(csp.get('script-src'), path).not.toContain("'unsafe-inline'");
      expect(
        csp.get('script-src')?.filter((source) => !source.startsWith("'")),
        path,
      ).toEqual([]);
    }
  });
});
