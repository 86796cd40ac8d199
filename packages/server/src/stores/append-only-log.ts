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
 * in flight go out together in the next write (group commit), and each append resolves once its
 * line is in the file: handed to the OS, as nedb and Redis' default AOF do, not fsynced.
 *
 * A rewrite replaces the file atomically (temporary file, fsync, rename) with lines the owner
 * takes from its state at the moment it asks; lines appended after that go to the new file.
 */
export class AppendOnlyLog {
  private tail: Promise<unknown> = Promise.resolve();
  private batch: Batch | undefined;
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
    const line = `${JSON.stringify(record)}\n`;
    this.lineCount += 1;
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

  /** Replaces the file with `records` (the owner's state now); appends made later land after them. */
  rewrite(records: readonly unknown[]): Promise<void> {
    const text = records.map((record) => `${JSON.stringify(record)}\n`).join('');
    this.batch = undefined;
    this.lineCount = records.length;
    const done = this.tail.then(async () => {
      const temporary = `${this.path}.tmp`;
      const file = await open(temporary, 'w');
      try {
        await file.writeFile(text);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, this.path);
      await this.handle.close();
      this.handle = await open(this.path, 'a+');
    });
    this.tail = done.catch(() => undefined);
    return done;
  }

  async close(): Promise<void> {
    await this.tail;
    await this.handle.close();
  }
}

async function endsWithNewline(handle: FileHandle, size: number): Promise<boolean> {
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  return last[0] === 0x0a;
}
