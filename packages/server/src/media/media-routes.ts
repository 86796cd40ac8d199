import { type Request, type Response, Router } from 'express';
import type { MediaLinks } from './media-link';
import type { MediaStore } from './media-store';

/**
 * `GET /media/:workspace/:id?exp=&sig=`: the bytes of a stored file to whoever holds its signed
 * link (a processing service, the test chat). A bad signature is 403, an expired one 403, an
 * unknown, swept or erased file 404; the content type is the stored one and never sniffed.
 */
export function mediaRoutes(deps: { media: MediaStore; links: MediaLinks }): Router {
  const router = Router();
  router.get('/media/:workspace/:id', async (req: Request, res: Response) => {
    const { workspace, id } = req.params as { workspace: string; id: string };
    const query = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined);
    res.set('X-Content-Type-Options', 'nosniff').set('Cache-Control', 'private, no-store');
    const verdict = deps.links.verify(workspace, id, query('exp'), query('sig'));
    if (verdict !== 'ok') {
      res.status(403).json({ error: verdict === 'expired' ? 'this media link has expired' : 'this media link is not valid' });
      return;
    }
    const found = await deps.media.get(workspace, id);
    if (!found) {
      res.status(404).json({ error: 'no such media file (it may have been deleted)' });
      return;
    }
    // `attachment` guesses a type from the name; the stored type is set after it and wins.
    if (found.file.filename) res.attachment(found.file.filename);
    res.status(200).type(found.file.mimeType).set('Content-Length', String(found.bytes.byteLength));
    res.end(Buffer.from(found.bytes.buffer, found.bytes.byteOffset, found.bytes.byteLength));
  });
  return router;
}
