// A worker thread of `download-pool.ts`: downloads customers' files straight to disk, so their
// bytes (copying, hashing, writing 10 MB at a time) never hold the main thread, where every other
// conversation's webhook is answered. It takes many jobs at once; each answers with its id.
import { open, rm } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { GraphMediaError, openDownload } from '../whatsapp/graph-media';
import type { DownloadJob, DownloadOutcome } from './download-pool';

async function download(job: DownloadJob): Promise<{ sha256: string; size: number }> {
  const { chunks, digest } = await openDownload(job.url, job.token, job.maxBytes);
  const file = await open(job.path, 'wx', 0o600);
  let size = 0;
  try {
    for await (const chunk of chunks) {
      await file.write(chunk);
      size += chunk.byteLength;
    }
  } finally {
    await file.close();
  }
  return { sha256: digest(), size };
}

parentPort?.on('message', (job: DownloadJob) => {
  download(job).then(
    (stored): void => parentPort?.postMessage({ id: job.id, ok: true, ...stored } satisfies DownloadOutcome),
    async (error: unknown) => {
      await rm(job.path, { force: true });
      const reason = error instanceof GraphMediaError ? error.message : undefined;
      parentPort?.postMessage({ id: job.id, ok: false, ...(reason ? { reason } : {}) } satisfies DownloadOutcome);
    },
  );
});
