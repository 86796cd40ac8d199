import { chmod, mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Data folders claimed by this process, so opening one twice is caught as well. */
const claimedHere = new Set<string>();

/**
 * Claims `dataDir` for this process with a `server.pid` file. The embedded stores keep their data
 * in memory and append to files, so two processes on one folder would silently overwrite each
 * other's writes; the second one is refused instead. A claim left by a process that is gone (a
 * crash, a container restart) is taken over.
 *
 * @returns a function that gives the claim up
 * @example
 * const release = await claimDataDir('./data');
 */
export async function claimDataDir(dataDir: string): Promise<() => Promise<void>> {
  if (claimedHere.has(dataDir)) throw new Error(`DATA_DIR ${dataDir} is already open in this process; close its stores first`);
  // Customers' numbers and words live here: owner-only, for what exists and (umask) what comes.
  process.umask(0o077);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await ownerOnly(dataDir);
  const path = join(dataDir, 'server.pid');
  const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
  if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) {
    throw new Error(`DATA_DIR ${dataDir} is in use by another server process (pid ${holder}); stop it or use another DATA_DIR`);
  }
  await rm(path, { force: true });
  // 'wx' fails if another process created the file since we removed the stale one.
  const file = await open(path, 'wx').catch(() => {
    throw new Error(`DATA_DIR ${dataDir} was just claimed by another server process; use another DATA_DIR`);
  });
  await file.writeFile(String(process.pid));
  await file.close();
  claimedHere.add(dataDir);
  return async () => {
    claimedHere.delete(dataDir);
    await rm(path, { force: true });
  };
}

async function ownerOnly(dir: string): Promise<void> {
  await chmod(dir, 0o700);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await ownerOnly(path);
    else if (entry.isFile()) await chmod(path, 0o600);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return error instanceof Error && Reflect.get(error, 'code') === 'EPERM';
  }
}
