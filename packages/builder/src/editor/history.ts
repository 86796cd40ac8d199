/**
 * Undo and redo over immutable snapshots. Edits that share a key within `coalesceMs` of each other
 * (typing in one field, one drag) become a single step, so undo goes back a word or a move at a time.
 */
export class History<T> {
  private past: T[] = [];
  private future: T[] = [];
  private lastKey: string | undefined;
  private lastAt = 0;

  constructor(
    private readonly limit = 200,
    private readonly coalesceMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** Remembers `previous` (the state before an edit) as an undo step. */
  record(previous: T, key?: string): void {
    const at = this.now();
    this.future = [];
    if (key !== undefined && key === this.lastKey && at - this.lastAt < this.coalesceMs) {
      this.lastAt = at;
      return;
    }
    this.past.push(previous);
    if (this.past.length > this.limit) this.past.shift();
    this.lastKey = key;
    this.lastAt = at;
  }

  /** Ends the current run of coalesced edits: the next edit is a new step even with the same key. */
  seal(): void {
    this.lastKey = undefined;
  }

  undo(current: T): T | undefined {
    const previous = this.past.pop();
    if (previous === undefined) return undefined;
    this.future.push(current);
    this.seal();
    return previous;
  }

  redo(current: T): T | undefined {
    const next = this.future.pop();
    if (next === undefined) return undefined;
    this.past.push(current);
    this.seal();
    return next;
  }
}
