import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The browser-facing security headers on every answer. The builder is a Vite build with no inline
 * script, so scripts come from this origin only. It validates flows in the browser with the
 * engine's ajv, which compiles each JSON Schema into a function: hence `'unsafe-eval'` (no inline
 * or foreign script runs; precompiled validators would lift it). React Flow positions nodes with inline style
 * attributes, hence `style-src 'unsafe-inline'` (styles cannot run code). Pictures and media may
 * come from anywhere over https (product images, a flow's media URLs) and from `publicUrl`, the
 * origin of stored files' signed links (`http://localhost:<port>` when unset); they cannot run code
 * either. No page may frame the
 * builder (clickjacking), content types are never sniffed, and no URL leaks as a referrer.
 * The headers do not depend on the request, so helmet's chain runs once, at start, and every
 * answer gets the list it set (a dozen middleware calls less per webhook).
 */
export function securityHeaders(publicUrl?: string): RequestHandler {
  const media = ["'self'", 'data:', 'blob:', 'https:', publicUrl ? new URL(publicUrl).origin : 'http://localhost:*'];
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: media,
        mediaSrc: media,
        objectSrc: ["'none'"],
        scriptSrc: ["'self'", "'unsafe-eval'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        workerSrc: ["'self'", 'blob:'],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  const fixed = headersOf(headers);
  return (req, res, next) => {
    for (const [name, value] of fixed) res.setHeader(name, value);
    res.removeHeader('X-Powered-By');
    // Signed media links are for other origins too: services, a builder reached by another host name.
    if (req.path.startsWith('/media/')) res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    next();
  };
}

/** The headers a request-independent middleware sets, captured from one run of it. */
function headersOf(middleware: ReturnType<typeof helmet>): [string, string][] {
  const set: [string, string][] = [];
  const res = { setHeader: (name: string, value: unknown) => set.push([name, String(value)]), removeHeader: () => {} };
  let failed: unknown;
  middleware({} as IncomingMessage, res as unknown as ServerResponse, (error?: unknown) => {
    failed = error;
  });
  if (failed) throw failed;
  return set;
}
