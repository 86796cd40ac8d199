import { Worker } from 'node:worker_threads';
import { GraphMediaError } from '../whatsapp/graph-media';

/** What a worker is asked: download `url` with `token` into the new file `path`, at most `maxBytes`. */
export interface DownloadJob {
  id: number;
  url: string;
  token: string;
  maxBytes: number;
  path: string;
}

/** What a worker answers; `reason` is a GraphMediaError's message (none for an unexpected failure). */
export type DownloadOutcome = { id: number; ok: true; sha256: string; size: number } | { id: number; ok: false; reason?: string };

export interface DownloadPool {
  /** Downloads into `job.path` on a worker thread; the file is removed when it fails. */
  run(job: Omit<DownloadJob, 'id'>): Promise<{ sha256: string; size: number }>;
  /** Stops the workers; downloads in progress fail. */
  close(): Promise<void>;
}

interface Running {
  worker: Worker;
  jobs: Map<number, { resolve(stored: { sha256: string; size: number }): void; reject(error: Error): void }>;
}

// The build (build.mjs) emits dist/download-worker.js beside dist/main.js. From source (tsx,
// vitest) the worker is TypeScript: Node 20 does not pass a loader to worker threads, so a
// bootstrap registers tsx in the worker first.
const fromSource = import.meta.url.endsWith('.ts');
const script = new URL(fromSource ? './download-worker.ts' : './download-worker.js', import.meta.url);
const spawn = (): Worker =>
  fromSource
    ? new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(script.href)}); });`,
        { eval: true },
      )
    : new Worker(script);

/**
 * Worker threads that take customers' media downloads off the main thread. One by default: it
 * takes many downloads at once (the wait is I/O, the cost copying and hashing), and a second one
 * measured worse on two cores (`pnpm bench media`: ack p99 279-725 ms against 108-137 ms), since
 * it competes with the main thread for the CPU. Started on the first download; a worker
 * that dies fails its downloads and is replaced at the next one.
 */
export function createDownloadPool(size = 1): DownloadPool {
  const workers: Running[] = [];
  let nextId = 0;

  function start(): Running {
    const worker = spawn();
    worker.unref();
    const running: Running = { worker, jobs: new Map() };
    worker.on('message', (outcome: DownloadOutcome) => {
      const job = running.jobs.get(outcome.id);
      running.jobs.delete(outcome.id);
      if (!job) return;
      if (outcome.ok) job.resolve({ sha256: outcome.sha256, size: outcome.size });
      else job.reject(outcome.reason ? new GraphMediaError(outcome.reason) : new Error('the download worker failed'));
    });
    const fail = () => {
      const at = workers.indexOf(running);
      if (at >= 0) workers.splice(at, 1);
      for (const job of running.jobs.values()) job.reject(new Error('the download worker stopped'));
      running.jobs.clear();
    };
    worker.once('error', fail);
    worker.once('exit', fail);
    workers.push(running);
    return running;
  }

  /** The least busy worker, starting another while there are fewer than `size`. */
  function pick(): Running {
    const idle = workers.find((w) => w.jobs.size === 0);
    if (idle) return idle;
    if (workers.length < size) return start();
    return workers.reduce((least, w) => (w.jobs.size < least.jobs.size ? w : least));
  }

  return {
    run(job) {
      const running = pick();
      nextId += 1;
      const id = nextId;
      return new Promise((resolve, reject) => {
        running.jobs.set(id, { resolve, reject });
        running.worker.postMessage({ ...job, id } satisfies DownloadJob);
      });
    },
    async close() {
      await Promise.all(workers.splice(0).map((w) => w.worker.terminate()));
    },
  };
}
