import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDownloadPool } from './download-pool';
import { fileBlobs } from './file-blobs';
import { workerDownloads } from './media-downloads';

const file = Buffer.from(`%PDF-1.7 ${'scan '.repeat(50_000)}`);
const digest = createHash('sha256').update(file).digest('hex');
/** Serves `file` with a Bearer token; `/slow` sends half of it and then nothing. */
const server = createServer((req, res) => {
  if (req.headers.authorization !== 'Bearer t0ken') return void res.writeHead(401).end();
  res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': file.byteLength });
  if (req.url === '/slow') res.write(file.subarray(0, file.byteLength / 2));
  else res.end(file);
});
let base: string;
let dataDir: string;
const pool = createDownloadPool(2);
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dataDir = await mkdtemp(join(tmpdir(), 'chatflow-downloads-'));
});
afterAll(async () => {
  await pool.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dataDir, { recursive: true, force: true });
});

const blobs = () => fileBlobs(dataDir);
const filesOf = async () => {
  const folders = await readdir(join(dataDir, 'media')).catch(() => [] as string[]);
  return (await Promise.all(folders.map((f) => readdir(join(dataDir, 'media', f))))).flat();
};

describe('downloads on worker threads into DATA_DIR', () => {
  it('streams the file to disk under its sha256, with its size', async () => {
    const downloads = workerDownloads(blobs(), pool);
    const results = await Promise.all(
      [1, 2, 3].map(() => downloads.fetch('w1', `${base}/doc`, 't0ken', { maxBytes: 1e6, sha256: digest })),
    );
    expect(results).toEqual([1, 2, 3].map(() => ({ sha256: digest, size: file.byteLength })));
    expect(await filesOf()).toEqual([digest]);
    expect(await blobs().read('w1', digest)).toEqual(file);
  });

  it('refuses a file over the limit, a digest that differs and a refused token, keeping nothing of them', async () => {
    const downloads = workerDownloads(blobs(), pool);
    await rm(join(dataDir, 'media'), { recursive: true, force: true });
    await expect(downloads.fetch('w1', `${base}/doc`, 't0ken', { maxBytes: 1000 })).rejects.toThrow(/larger than WhatsApp's/);
    await expect(downloads.fetch('w1', `${base}/doc`, 't0ken', { maxBytes: 1e6, sha256: 'f'.repeat(64) })).rejects.toThrow(
      'the downloaded file does not match the sha256 WhatsApp gave for it',
    );
    await expect(downloads.fetch('w1', `${base}/doc`, 'wrong', { maxBytes: 1e6 })).rejects.toThrow(
      'downloading the media failed with HTTP 401',
    );
    expect(await filesOf()).toEqual([]);
  });

  it('fails a download in progress when the pool stops, leaving no partial file, and starts again at the next', async () => {
    const own = createDownloadPool(1);
    const downloads = workerDownloads(blobs(), own);
    await rm(join(dataDir, 'media'), { recursive: true, force: true });
    const stalled = downloads.fetch('w2', `${base}/slow`, 't0ken', { maxBytes: 1e6 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await own.close();
    await expect(stalled).rejects.toThrow('the download worker stopped');
    expect(await filesOf()).toEqual([]);
    const again = await downloads.fetch('w2', `${base}/doc`, 't0ken', { maxBytes: 1e6 });
    expect(await readFile(join(dataDir, 'media', (await readdir(join(dataDir, 'media')))[0] as string, again.sha256))).toEqual(file);
    await own.close();
  });
});
