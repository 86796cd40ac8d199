import { createReadStream } from 'node:fs';
import { type FileHandle, mkdir, open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';

interface Batch {
  lines: string[];
  written: Promise<void>;
}

/**
 * A file of JSON lines that only grows until it is rewritten whole. Appends made while a write is
 * in flight go out together in the next write (group commit, one write on an open handle for every
 * line queued meanwhile), and each append resolves once its line is in the file: handed to the OS,
 * as nedb and Redis' default AOF do, not fsynced.
 *
 * A rewrite replaces the file atomically (temporary file, fsync, rename) with lines the owner
 * takes from its state at the moment it asks, and does not hold appends up while it writes them:
 * as Redis rewrites its AOF, lines appended meanwhile still go to the old file (so a crash at any
 * point leaves one complete file) and are also carried into the new one just before the rename.
 */
export class AppendOnlyLog {
  private tail: Promise<unknown> = Promise.resolve();
  private batch: Batch | undefined;
  /** While a rewrite writes its temporary file: the lines appended since it began. */
  private carried: string[] | undefined;
  private rewriting: Promise<void> | undefined;
  /** Lines in the file once every queued write is done. */
  lineCount: number;

  private constructor(
    private readonly path: string,
    private handle: FileHandle,
    lineCount: number,
  ) {
    this.lineCount = lineCount;
  }

  /**
   * Opens (creating) the log and passes every line to `replay`, oldest first. A line that is not
   * JSON (the torn end of a crash) is skipped; `damaged` in the result says whether any was.
   */
  static async open(path: string, replay: (record: unknown) => void): Promise<{ log: AppendOnlyLog; damaged: boolean }> {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(path, 'a+');
    let lines = 0;
    let damaged = false;
    const reader = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of reader) {
      if (line === '') continue;
      lines += 1;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        damaged = true;
        continue;
      }
      replay(record);
    }
    // A torn last line without its newline would swallow the next append; the owner rewrites.
    const { size } = await handle.stat();
    if (size > 0 && !damaged) damaged = !(await endsWithNewline(handle, size));
    return { log: new AppendOnlyLog(path, handle, lines), damaged };
  }

  append(record: unknown): Promise<void> {
    return this.appendJson(JSON.stringify(record));
  }

  /** Appends a record already serialised as one line of JSON (no newline in it). */
  appendJson(json: string): Promise<void> {
    const line = `${json}\n`;
    this.lineCount += 1;
    this.carried?.push(line);
    if (this.batch) {
      this.batch.lines.push(line);
      return this.batch.written;
    }
    const batch: Batch = { lines: [line], written: Promise.resolve() };
    batch.written = this.tail.then(async () => {
      // From here on, new appends start the next batch.
      if (this.batch === batch) this.batch = undefined;
      await this.handle.appendFile(batch.lines.join(''));
    });
    this.batch = batch;
    this.tail = batch.written.catch(() => undefined);
    return batch.written;
  }

  /**
   * Replaces the file with `records` (the owner's state now) plus whatever is appended until the
   * new file takes over. A rewrite asked for while one runs joins it: that one ends up as complete.
   */
  rewrite(records: readonly unknown[]): Promise<void> {
    if (this.rewriting) return this.rewriting;
    const text = records.map((record) => `${JSON.stringify(record)}\n`).join('');
    const carried: string[] = [];
    this.carried = carried;
    const dropped = this.lineCount - records.length;
    this.lineCount = records.length;
    const rewriting = this.writeAndSwap(text, carried)
      .catch((error: unknown) => {
        // The old file, still complete, stays in place.
        this.lineCount += dropped;
        throw error;
      })
      .finally(() => {
        this.carried = undefined;
        this.rewriting = undefined;
      });
    this.rewriting = rewriting;
    return rewriting;
  }

  private async writeAndSwap(text: string, carried: string[]): Promise<void> {
    const temporary = `${this.path}.tmp`;
    const file = await open(temporary, 'w');
    try {
      // The slow part (the whole state, fsynced) runs beside the appends.
      await file.writeFile(text);
      await file.sync();
      // The swap is one step of the append queue: every batch queued before it has gone to the
      // old file (and into `carried`), every later one goes to the new file.
      this.carried = undefined;
      this.batch = undefined;
      const swap = this.tail.then(async () => {
        if (carried.length > 0) {
          await file.write(carried.join(''));
          await file.sync();
        }
        await rename(temporary, this.path);
        await syncDirectory(dirname(this.path));
        const previous = this.handle;
        this.handle = await open(this.path, 'a+');
        await previous.close();
      });
      this.tail = swap.catch(() => undefined);
      await swap;
    } finally {
      await file.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.rewriting?.catch(() => undefined);
    await this.tail;
    await this.handle.close();
  }
}

/** Makes a rename durable: the directory entry is flushed too (best effort where directories cannot be opened). */
async function syncDirectory(path: string): Promise<void> {
  let directory: FileHandle | undefined;
  try {
    directory = await open(path, 'r');
    await directory.sync();
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  } finally {
    await directory?.close();
  }
}

async function endsWithNewline(handle: FileHandle, size: number): Promise<boolean> {
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  return last[0] === 0x0a;
}
