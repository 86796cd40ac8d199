import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionStore } from '../ports/session-store';

/**
 * Opens a session store over the storage named `space`. Opening the same space again (after
 * closing, or at the same time when `sharedByProcesses`) must show the same data; different spaces
 * must not see each other's data.
 */
export type OpenSessionStore = (space: string) => Promise<SessionStore>;

export interface SessionStoreContractOptions {
  /**
   * The store is shared by server processes (Redis): two stores open on one space at once must see
   * each other's locks, queues and timers.
   */
  sharedByProcesses?: boolean;
}

/**
 * The behaviour every `SessionStore` implementation owes the server. Call it inside a test file
 * with a way to open the implementation; it declares one `describe` block. Expiry is checked with
 * short real waits (about 1.2 s for the whole-second TTLs), as Redis keeps its own clock.
 *
 * @example
 * sessionStoreContract('MemorySessionStore', (space) => MemorySessionStore.open(join(root, space)));
 */
export function sessionStoreContract(name: string, openStore: OpenSessionStore, options: SessionStoreContractOptions = {}): void {
  describe(`${name} fulfils the SessionStore contract`, () => {
    const opened: SessionStore[] = [];

    async function open(space: string = randomUUID()): Promise<SessionStore> {
      const store = await openStore(space);
      opened.push(store);
      return store;
    }

    /** Closes a store in the middle of a test (the restart of a server). */
    async function closeOne(store: SessionStore): Promise<void> {
      opened.splice(opened.indexOf(store), 1);
      await store.close();
    }

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    describe('sessions', () => {
      it('stores, replaces and deletes a snapshot', async () => {
        const store = await open();
        expect(await store.getSession('w1:c1')).toBeUndefined();
        await store.setSession('w1:c1', '{"state":"menu"}', 60);
        await store.setSession('w1:c2', 'other', 60);
        expect(await store.getSession('w1:c1')).toBe('{"state":"menu"}');
        await store.setSession('w1:c1', '{"state":"done"}', 60);
        expect(await store.getSession('w1:c1')).toBe('{"state":"done"}');
        await store.deleteSession('w1:c1');
        expect(await store.getSession('w1:c1')).toBeUndefined();
        expect(await store.getSession('w1:c2')).toBe('other');
        await store.deleteSession('never-stored');
      });

      it('deletes the snapshots, dedup marks and queues of a key prefix, and nothing else', async () => {
        const store = await open();
        await store.setSession('w1:c1', 'one', 60);
        await store.setSession('w10:c1', 'other workspace', 60);
        await store.remember('w1:wamid-1', 60);
        await store.enqueue('w1:c1', 'queued');
        await store.enqueue('w2:c1', 'kept');
        await store.deletePrefix('w1:');
        expect(await store.getSession('w1:c1')).toBeUndefined();
        expect(await store.getSession('w10:c1')).toBe('other workspace');
        expect(await store.remember('w1:wamid-1', 60)).toBe(true);
        expect(await store.peek('w1:c1')).toBeUndefined();
        expect(await store.readyQueues(10)).toEqual(['w2:c1']);
      });

      it('keeps large snapshots and any characters intact', async () => {
        const store = await open();
        const snapshot = JSON.stringify({ text: 'ñandú 🦤 "quoted"\n\\', filler: 'x'.repeat(200_000) });
        await store.setSession('w1:big', snapshot, 60);
        expect(await store.getSession('w1:big')).toBe(snapshot);
      });

      it('expires snapshots and dedup marks after their TTL unless rewritten, and not before', async () => {
        // Margins are wide (the waits only ever overshoot) so a busy machine cannot make this flaky.
        const store = await open();
        await store.setSession('idle', 'a', 1);
        await store.setSession('active', 'b', 1);
        expect(await store.remember('msg-1', 1)).toBe(true);
        expect(await store.getSession('idle')).toBe('a');
        expect(await store.remember('msg-1', 1)).toBe(false);
        await sleep(500);
        await store.setSession('active', 'b2', 2);
        await sleep(700);
        expect(await store.getSession('idle')).toBeUndefined();
        expect(await store.getSession('active')).toBe('b2');
        expect(await store.remember('msg-1', 1)).toBe(true);
      });

      it('rejects a TTL that is not positive', async () => {
        const store = await open();
        await expect(store.setSession('k', 'v', 0)).rejects.toThrow(RangeError);
        await expect(store.remember('k', -1)).rejects.toThrow(RangeError);
        await expect(store.tryLock('k', Number.NaN)).rejects.toThrow(RangeError);
      });
    });

    describe('dedup', () => {
      it('remembers a key once: true the first time, false while it is remembered', async () => {
        const store = await open();
        expect(await store.remember('wamid.1', 60)).toBe(true);
        expect(await store.remember('wamid.1', 60)).toBe(false);
        expect(await store.remember('wamid.2', 60)).toBe(true);
      });

      it('gives exactly one of many concurrent callers the first time', async () => {
        const store = await open();
        const answers = await Promise.all(Array.from({ length: 20 }, () => store.remember('wamid.same', 60)));
        expect(answers.filter(Boolean)).toHaveLength(1);
      });

      it('enqueues with rememberAndEnqueue once per key, in line with plain enqueues, and marks the queue ready', async () => {
        const store = await open();
        expect(await store.rememberAndEnqueue('wamid.1', 60, 'q1', 'first')).toBe(true);
        await store.enqueue('q1', 'second');
        const again = await Promise.all(Array.from({ length: 5 }, () => store.rememberAndEnqueue('wamid.1', 60, 'q1', 'copy')));
        expect(again).toEqual([false, false, false, false, false]);
        expect(await store.remember('wamid.1', 60)).toBe(false);
        expect(await store.readyQueues(10)).toContain('q1');
        expect(await store.peek('q1')).toBe('first');
        await store.ack('q1');
        expect(await store.peek('q1')).toBe('second');
        await store.ack('q1');
        expect(await store.peek('q1')).toBeUndefined();
      });
    });

    describe('locks', () => {
      it('gives a key to one holder at a time, and to the next once released', async () => {
        const store = await open();
        const first = await store.tryLock('conv-1', 5000);
        expect(first).toBeDefined();
        expect(await store.tryLock('conv-1', 5000)).toBeUndefined();
        expect(await store.tryLock('conv-2', 5000)).toBeDefined();
        await first?.release();
        const second = await store.tryLock('conv-1', 5000);
        expect(second).toBeDefined();
        await first?.release();
        expect(await store.tryLock('conv-1', 5000)).toBeUndefined();
      });

      it('lets exactly one of many concurrent callers take a lock', async () => {
        const store = await open();
        const locks = await Promise.all(Array.from({ length: 20 }, () => store.tryLock('conv-1', 5000)));
        expect(locks.filter((lock) => lock !== undefined)).toHaveLength(1);
      });

      it('frees a lock that is neither released nor extended after its TTL', async () => {
        const store = await open();
        const lost = await store.tryLock('conv-1', 80);
        await sleep(150);
        const next = await store.tryLock('conv-1', 5000);
        expect(next).toBeDefined();
        expect(await lost?.extend(5000)).toBe(false);
        await lost?.release();
        expect(await store.tryLock('conv-1', 5000)).toBeUndefined();
      });

      it('keeps an extended lock past its first TTL', async () => {
        const store = await open();
        const lock = await store.tryLock('conv-1', 500);
        await sleep(50);
        expect(await lock?.extend(2000)).toBe(true);
        await sleep(550);
        expect(await store.tryLock('conv-1', 1000)).toBeUndefined();
        await lock?.release();
        expect(await store.tryLock('conv-1', 1000)).toBeDefined();
      });

      it('reports an expired lock as lost even when nobody took it', async () => {
        const store = await open();
        const lock = await store.tryLock('conv-1', 50);
        await sleep(100);
        expect(await lock?.extend(1000)).toBe(false);
      });
    });

    describe('queues', () => {
      it('hands out items in the order they arrived, removing each on ack', async () => {
        const store = await open();
        expect(await store.peek('q1')).toBeUndefined();
        for (const item of ['m1', 'm2', 'm3']) await store.enqueue('q1', item);
        await store.enqueue('q2', 'other');
        expect(await store.peek('q1')).toBe('m1');
        expect(await store.peek('q1')).toBe('m1');
        const seen: string[] = [];
        for (let item = await store.peek('q1'); item !== undefined; item = await store.peek('q1')) {
          seen.push(item);
          await store.ack('q1');
        }
        expect(seen).toEqual(['m1', 'm2', 'm3']);
        await store.ack('q1');
        expect(await store.peek('q2')).toBe('other');
      });

      it('keeps the order of items enqueued concurrently', async () => {
        const store = await open();
        await Promise.all(Array.from({ length: 50 }, (_, index) => store.enqueue('q1', `m${index}`)));
        const seen: string[] = [];
        for (let item = await store.peek('q1'); item !== undefined; item = await store.peek('q1')) {
          seen.push(item);
          await store.ack('q1');
        }
        expect(seen).toEqual(Array.from({ length: 50 }, (_, index) => `m${index}`));
      });

      it('lists queues holding items, oldest-ready first, up to the limit', async () => {
        const store = await open();
        expect(await store.readyQueues(10)).toEqual([]);
        await store.enqueue('q1', 'a');
        await store.enqueue('q2', 'b');
        await store.enqueue('q1', 'c');
        await store.enqueue('q3', 'd');
        expect(await store.readyQueues(10)).toEqual(['q1', 'q2', 'q3']);
        expect(await store.readyQueues(2)).toEqual(['q1', 'q2']);
        await store.ack('q2');
        expect(await store.readyQueues(10)).toEqual(['q1', 'q3']);
      });

      it('moves a queue acked with items left behind the other ready queues', async () => {
        const store = await open();
        await store.enqueue('busy', 'a');
        await store.enqueue('busy', 'b');
        await store.enqueue('quiet', 'c');
        await store.ack('busy');
        expect(await store.readyQueues(10)).toEqual(['quiet', 'busy']);
        await store.ack('busy');
        expect(await store.readyQueues(10)).toEqual(['quiet']);
        await store.enqueue('busy', 'd');
        expect(await store.readyQueues(10)).toEqual(['quiet', 'busy']);
      });
    });

    describe('timers', () => {
      it('returns only due timers, earliest first, up to the limit, and each only once', async () => {
        const store = await open();
        await store.scheduleTimer('t-late', 5000, 'late');
        await store.scheduleTimer('t-2', 2000, 'second');
        await store.scheduleTimer('t-1', 1000, 'first');
        await store.scheduleTimer('t-3', 3000, 'third');
        expect(await store.claimDueTimers(500, 10)).toEqual([]);
        expect(await store.claimDueTimers(3000, 2)).toEqual([
          { id: 't-1', payload: 'first' },
          { id: 't-2', payload: 'second' },
        ]);
        expect(await store.claimDueTimers(3000, 10)).toEqual([{ id: 't-3', payload: 'third' }]);
        expect(await store.claimDueTimers(3000, 10)).toEqual([]);
        expect(await store.claimDueTimers(10_000, 10)).toEqual([{ id: 't-late', payload: 'late' }]);
      });

      it('reschedules a timer with the same id, replacing its due time and payload', async () => {
        const store = await open();
        await store.scheduleTimer('t-1', 1000, 'old');
        await store.scheduleTimer('t-1', 4000, 'new');
        expect(await store.claimDueTimers(2000, 10)).toEqual([]);
        expect(await store.claimDueTimers(4000, 10)).toEqual([{ id: 't-1', payload: 'new' }]);
      });

      it('never fires a cancelled timer', async () => {
        const store = await open();
        await store.scheduleTimer('t-1', 1000, 'a');
        await store.scheduleTimer('t-2', 1000, 'b');
        await store.cancelTimer('t-1');
        await store.cancelTimer('unknown');
        expect(await store.claimDueTimers(2000, 10)).toEqual([{ id: 't-2', payload: 'b' }]);
      });

      it('gives each due timer to exactly one of many concurrent claimers', async () => {
        const store = await open();
        await Promise.all(Array.from({ length: 60 }, (_, index) => store.scheduleTimer(`t-${index}`, 1000 + index, `p-${index}`)));
        const batches = await Promise.all(Array.from({ length: 8 }, () => store.claimDueTimers(5000, 7)));
        const ids = batches.flat().map((timer) => timer.id);
        const rest = await store.claimDueTimers(5000, 100);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.length + rest.length).toBe(60);
        expect(new Set([...ids, ...rest.map((timer) => timer.id)]).size).toBe(60);
      });
    });

    describe('rate limits', () => {
      it('allows `limit` hits per window, per key, and a fresh count in the next window', async () => {
        const store = await open();
        const hits = [];
        for (let index = 0; index < 5; index += 1) hits.push(await store.hit('ip:1', 3, 1000));
        expect(hits).toEqual([true, true, true, false, false]);
        expect(await store.hit('ip:2', 3, 1000)).toBe(true);
        await sleep(1100);
        expect(await store.hit('ip:1', 3, 1000)).toBe(true);
      });

      it('counts concurrent hits exactly', async () => {
        const store = await open();
        const answers = await Promise.all(Array.from({ length: 30 }, () => store.hit('token:1', 10, 5000)));
        expect(answers.filter(Boolean)).toHaveLength(10);
      });
    });

    it('keeps sessions, dedup marks, queues and timers across a restart', async () => {
      const space = randomUUID();
      const before = await open(space);
      await before.setSession('w1:c1', 'snapshot', 60);
      await before.setSession('w1:gone', 'deleted', 60);
      await before.deleteSession('w1:gone');
      await before.remember('wamid.1', 60);
      for (const item of ['m1', 'm2', 'm3']) await before.enqueue('q1', item);
      await before.enqueue('q2', 'x');
      await before.ack('q1'); // q1 keeps items, so it moves behind q2
      await before.scheduleTimer('t-1', 1000, 'remind');
      await before.scheduleTimer('t-2', 2000, 'cancelled');
      await before.cancelTimer('t-2');
      await closeOne(before);

      const after = await open(space);
      expect(await after.getSession('w1:c1')).toBe('snapshot');
      expect(await after.getSession('w1:gone')).toBeUndefined();
      expect(await after.remember('wamid.1', 60)).toBe(false);
      expect(await after.readyQueues(10)).toEqual(['q2', 'q1']);
      expect(await after.peek('q1')).toBe('m2');
      await after.ack('q1');
      expect(await after.peek('q1')).toBe('m3');
      expect(await after.claimDueTimers(5000, 10)).toEqual([{ id: 't-1', payload: 'remind' }]);
    });

    it('keeps spaces apart', async () => {
      const a = await open();
      const b = await open();
      await a.setSession('k', 'a', 60);
      await a.enqueue('q', 'a');
      await a.scheduleTimer('t', 1, 'a');
      expect(await b.getSession('k')).toBeUndefined();
      expect(await b.readyQueues(10)).toEqual([]);
      expect(await b.claimDueTimers(10, 10)).toEqual([]);
      expect(await b.remember('k', 60)).toBe(true);
      expect(await a.remember('k', 60)).toBe(true);
    });

    // Declared only for shared stores: an in-process store has no second process to agree with.
    if (options.sharedByProcesses) describeShared();

    function describeShared(): void {
      describe('shared by server processes', () => {
        it('sees one lock, one queue and one dedup mark from every process', async () => {
          const space = randomUUID();
          const one = await open(space);
          const two = await open(space);
          const lock = await one.tryLock('conv-1', 5000);
          expect(lock).toBeDefined();
          expect(await two.tryLock('conv-1', 5000)).toBeUndefined();
          await lock?.release();
          expect(await two.tryLock('conv-1', 5000)).toBeDefined();
          await one.enqueue('q1', 'from-one');
          await two.enqueue('q1', 'from-two');
          expect(await two.readyQueues(10)).toEqual(['q1']);
          expect(await two.peek('q1')).toBe('from-one');
          await two.ack('q1');
          expect(await one.peek('q1')).toBe('from-two');
          expect(await one.remember('wamid.1', 60)).toBe(true);
          expect(await two.remember('wamid.1', 60)).toBe(false);
        });

        it('gives each timer to exactly one process when several claim at once', async () => {
          const space = randomUUID();
          const processes = await Promise.all([open(space), open(space), open(space)]);
          await Promise.all(
            Array.from({ length: 90 }, (_, index) => processes[index % 3]?.scheduleTimer(`t-${index}`, index, `p-${index}`)),
          );
          const batches = await Promise.all(processes.flatMap((store) => [store.claimDueTimers(1000, 10), store.claimDueTimers(1000, 10)]));
          const rest = await processes[0]?.claimDueTimers(1000, 100);
          const ids = [...batches.flat(), ...(rest ?? [])].map((timer) => timer.id);
          expect(ids).toHaveLength(90);
          expect(new Set(ids).size).toBe(90);
        });
      });
    }
  });
}
