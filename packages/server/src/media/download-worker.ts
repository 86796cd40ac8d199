// A worker thread of `download-pool.ts`: downloads customers' files straight to disk, so their
// bytes (copying, hashing, writing 10 MB at a time) never hold the main thread, where every other
// conversation's webhook is answered. It takes many jobs at once; each answers with its id.
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { GraphMediaError, openDownload } from '../whatsapp/graph-media';
import type { DownloadJob, DownloadOutcome } from './download-pool';

/**
 * The file is written synchronously: that holds only this thread, while asynchronous writes would
 * queue in libuv's thread pool, which the whole process shares, ahead of the main thread's own
 * file work (the embedded store's appends that a webhook's answer waits for).
 */
async function download(job: DownloadJob): Promise<{ sha256: string; size: number }> {
  const { chunks, digest } = await openDownload(job.url, job.token, job.maxBytes);
  const file = openSync(job.path, 'wx', 0o600);
  let size = 0;
  try {
    for await (const chunk of chunks) {
      for (let written = 0; written < chunk.byteLength; ) written += writeSync(file, chunk, written);
      size += chunk.byteLength;
    }
  } finally {
    closeSync(file);
  }
  return { sha256: digest(), size };
}

// A download is background work: on Linux a thread's nice value is its own, so this thread yields
// the CPU to the main thread (the webhooks' answers) when both want it. Elsewhere it would lower
// the whole process, so it is left alone.
if (process.platform === 'linux') setPriority(10);

parentPort?.on('message', (job: DownloadJob) => {
  download(job).then(
    (stored): void => parentPort?.postMessage({ id: job.id, ok: true, ...stored } satisfies DownloadOutcome),
    (error: unknown) => {
      rmSync(job.path, { force: true });
      const reason = error instanceof GraphMediaError ? error.message : undefined;
      parentPort?.postMessage({ id: job.id, ok: false, ...(reason ? { reason } : {}) } satisfies DownloadOutcome);
    },
  );
});
