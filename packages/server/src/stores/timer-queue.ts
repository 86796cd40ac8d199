interface Entry {
  id: string;
  dueAt: number;
  /** Tells a current entry from one left behind by a reschedule or a cancel. */
  version: number;
}

export interface Timer {
  dueAt: number;
  payload: string;
}

/**
 * In-memory timers ordered by due time: a binary min-heap over (dueAt, order scheduled) beside a
 * map of the current timers. Rescheduling or cancelling leaves the old heap entry in place, to be
 * skipped when it surfaces, and the heap is rebuilt once such leftovers outnumber the live timers,
 * so claiming the due timers costs O(k log n) however many conversations are waiting.
 */
export class TimerQueue {
  private readonly timers = new Map<string, Timer & { version: number }>();
  private heap: Entry[] = [];
  private nextVersion = 0;

  get size(): number {
    return this.timers.size;
  }

  schedule(id: string, dueAt: number, payload: string): void {
    const version = this.nextVersion++;
    this.timers.set(id, { dueAt, payload, version });
    this.push({ id, dueAt, version });
    if (this.heap.length > 2 * this.timers.size + 1024) this.rebuild();
  }

  cancel(id: string): boolean {
    return this.timers.delete(id);
  }

  /** Removes and returns up to `limit` timers due at `now`, earliest first. */
  claimDue(now: number, limit: number): { id: string; payload: string }[] {
    const claimed: { id: string; payload: string }[] = [];
    while (claimed.length < limit && this.heap.length > 0) {
      const top = this.heap[0]!;
      const current = this.timers.get(top.id);
      if (current?.version !== top.version) {
        this.pop();
        continue;
      }
      if (top.dueAt > now) break;
      this.pop();
      this.timers.delete(top.id);
      claimed.push({ id: top.id, payload: current.payload });
    }
    return claimed;
  }

  /** Every live timer, in no particular order. */
  *entries(): IterableIterator<[string, Timer]> {
    for (const [id, { dueAt, payload }] of this.timers) yield [id, { dueAt, payload }];
  }

  private rebuild(): void {
    this.heap = [];
    for (const [id, { dueAt, version }] of this.timers) this.push({ id, dueAt, version });
  }

  private push(entry: Entry): void {
    const heap = this.heap;
    heap.push(entry);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(heap[index]!, heap[parent]!)) break;
      [heap[index], heap[parent]] = [heap[parent]!, heap[index]!];
      index = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === index) return;
      [heap[index], heap[smallest]] = [heap[smallest]!, heap[index]!];
      index = smallest;
    }
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.version < b.version);
}
