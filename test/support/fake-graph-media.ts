import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { metaSchemaViolation } from './meta-schema';

/** One `POST /{phone-number-id}/media` the fake received. */
export interface GraphUpload {
  id: string;
  phoneNumberId: string;
  authorization: string | undefined;
  /** The multipart `type` field. */
  type: string | undefined;
  /** The content type of the multipart `file` part. */
  fileType: string;
  filename: string | undefined;
  bytes: Buffer;
}

export interface FakeGraphMedia {
  /**
   * Makes a customer's file available as Meta would (resolve with `GET /{media-id}`, then download
   * with the token) and returns its media id for a webhook. `claims` overrides what the lookup
   * says, to script a corrupted file (another sha256) or an oversize one; `delayMs` holds the
   * download's first byte back that long (a slow network).
   */
  add(bytes: Uint8Array, mimeType: string, claims?: { sha256?: string; fileSize?: number; delayMs?: number }): string;
  /** Forgets a customer's file, as Meta does after its retention: its id is then unknown. */
  forget(mediaId: string): void;
  /** `GET /{media-id}` calls, in order. */
  lookups: { mediaId: string; authorization: string | undefined }[];
  /** Download calls, in order (the ones refused for a missing token too). */
  downloads: { mediaId: string; authorization: string | undefined }[];
  uploads: GraphUpload[];
  /** Forgets every uploaded id, as Meta does after 30 days: a send that uses one answers 131053. */
  expireUploads(): void;
  /** Answers a media request; false when the request is not one. */
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): boolean;
  /** The media id of a message send that Meta would refuse (an expired upload), if any. */
  unusableMediaId(body: Record<string, unknown>): string | undefined;
}

type Reply = (res: ServerResponse, status: number, body: unknown) => void;

/**
 * The media half of the fake Graph API: `GET /vNN.N/{media-id}` answering Meta's documented shape
 * (`file_size` a string, `sha256` in base64), the download URL on the same host (Bearer token
 * required, like Meta's), and `POST /vNN.N/{phone-number-id}/media` (multipart; answers `{ id }`).
 */
export function fakeGraphMedia(origin: string, reply: Reply): FakeGraphMedia {
  const files = new Map<string, { bytes: Uint8Array; mimeType: string; sha256: string; fileSize: number; delayMs: number }>();
  const uploaded = new Set<string>();
  const expired = new Set<string>();
  const lookups: FakeGraphMedia['lookups'] = [];
  const downloads: FakeGraphMedia['downloads'] = [];
  const uploads: GraphUpload[] = [];
  let counter = 0;
  const unauthorized = (res: ServerResponse) =>
    reply(res, 401, { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } });

  async function upload(req: IncomingMessage, res: ServerResponse, phoneNumberId: string, body: Buffer): Promise<void> {
    const authorization = req.headers.authorization;
    if (!authorization?.startsWith('Bearer ')) return unauthorized(res);
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(body), { headers: { 'content-type': String(req.headers['content-type']) } }).formData();
    } catch {
      return reply(res, 400, { error: { message: '(#100) The request is not multipart/form-data', type: 'OAuthException', code: 100 } });
    }
    const fields = Object.fromEntries([...form].map(([name, value]) => [name, typeof value === 'string' ? value : value.name]));
    const violation = metaSchemaViolation('mediaUploadForm', fields);
    if (violation)
      return reply(res, 400, { error: { message: `(#100) Invalid parameter: ${violation}`, type: 'OAuthException', code: 100 } });
    const file = form.get('file');
    if (form.get('messaging_product') !== 'whatsapp' || !(file instanceof Blob)) {
      return reply(res, 400, { error: { message: '(#100) Param file is required', type: 'OAuthException', code: 100 } });
    }
    counter += 1;
    const id = `${900000 + counter}`;
    uploaded.add(id);
    const type = form.get('type');
    uploads.push({
      id,
      phoneNumberId,
      authorization,
      type: typeof type === 'string' ? type : undefined,
      fileType: file.type,
      filename: file instanceof File ? file.name : undefined,
      bytes: Buffer.from(await file.arrayBuffer()),
    });
    reply(res, 200, { id });
  }

  return {
    add(bytes, mimeType, claims = {}) {
      counter += 1;
      const id = `${1000000000 + counter}`;
      const sha256 = claims.sha256 ?? createHash('sha256').update(bytes).digest('base64');
      files.set(id, { bytes, mimeType, sha256, fileSize: claims.fileSize ?? bytes.byteLength, delayMs: claims.delayMs ?? 0 });
      return id;
    },
    forget: (mediaId) => void files.delete(mediaId),
    lookups,
    downloads,
    uploads,
    expireUploads() {
      for (const id of uploaded) expired.add(id);
    },
    handle(req, res, body) {
      const path = new URL(req.url ?? '/', origin).pathname;
      const authorization = req.headers.authorization;
      const download = /^\/download\/([^/]+)$/.exec(path);
      if (req.method === 'GET' && download) {
        const mediaId = download[1] as string;
        downloads.push({ mediaId, authorization });
        const file = files.get(mediaId);
        if (!authorization?.startsWith('Bearer ')) unauthorized(res);
        else if (!file) reply(res, 404, { error: { message: 'Not found', code: 100 } });
        else {
          setTimeout(() => {
            res.writeHead(200, { 'content-type': file.mimeType, 'content-length': file.bytes.byteLength });
            // In 64 KB pieces as the socket takes them, like a network peer, not 10 MB in one write.
            Readable.from(pieces(file.bytes)).pipe(res);
          }, file.delayMs);
        }
        return true;
      }
      const lookup = /^\/v\d+\.\d+\/(\d+)$/.exec(path);
      if (req.method === 'GET' && lookup) {
        const mediaId = lookup[1] as string;
        lookups.push({ mediaId, authorization });
        const file = files.get(mediaId);
        if (!authorization?.startsWith('Bearer ')) unauthorized(res);
        else if (!file)
          reply(res, 400, { error: { message: `(#100) Unsupported get request. Object ${mediaId} does not exist`, code: 100 } });
        else {
          reply(res, 200, {
            messaging_product: 'whatsapp',
            url: `${origin}/download/${mediaId}`,
            mime_type: file.mimeType,
            sha256: file.sha256,
            file_size: String(file.fileSize),
            id: mediaId,
          });
        }
        return true;
      }
      const media = /^\/v\d+\.\d+\/([^/]+)\/media$/.exec(path);
      if (req.method === 'POST' && media) {
        void upload(req, res, media[1] as string, body);
        return true;
      }
      return false;
    },
    unusableMediaId(body) {
      const type = typeof body.type === 'string' ? body.type : '';
      const object = body[type] as { id?: unknown } | undefined;
      return typeof object?.id === 'string' && expired.has(object.id) ? object.id : undefined;
    },
  };
}

function* pieces(bytes: Uint8Array): Generator<Uint8Array> {
  for (let offset = 0; offset < bytes.byteLength; offset += 64 * 1024) yield bytes.subarray(offset, offset + 64 * 1024);
}
