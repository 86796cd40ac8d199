import type { FlowDocument } from '@chatflow/engine';

/** What the save indicator shows. */
export type SaveStatus =
  | { state: 'saved' }
  | { state: 'pending' }
  | { state: 'saving' }
  | { state: 'failed'; message: string /** When the next automatic try happens; none for a refused draft. */; retryAt?: number };

export interface AutosaveOptions {
  /** Quiet time after the last edit before saving. */
  debounceMs?: number;
  /** Waits between tries after failures: 1 s, 2 s, 4 s... capped at the last. */
  backoffMs?: readonly number[];
}

/** A save failure: `retryable` when the network or server failed rather than the draft itself. */
export interface SaveFailure {
  message: string;
  retryable: boolean;
}

/**
 * Saves the draft a moment after each edit, one save at a time, and never drops an edit: a
 * save that fails is retried with backoff, and edits made during a save are saved after it.
 */
export class Autosave {
  private savedRevision: number;
  private saving: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private current: SaveStatus = { state: 'saved' };
  private readonly listeners = new Set<() => void>();
  private readonly debounceMs: number;
  private readonly backoffMs: readonly number[];

  constructor(
    private readonly latest: () => { revision: number; document: FlowDocument },
    private readonly save: (document: FlowDocument) => Promise<void>,
    private readonly describeError: (error: unknown) => SaveFailure,
    options: AutosaveOptions = {},
  ) {
    this.savedRevision = latest().revision;
    this.debounceMs = options.debounceMs ?? 800;
    this.backoffMs = options.backoffMs ?? [1000, 2000, 4000, 8000, 15000, 30000];
  }

  readonly getStatus = (): SaveStatus => this.current;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Whether some edit is not on the server yet. */
  get dirty(): boolean {
    return this.latest().revision !== this.savedRevision;
  }

  /** Call after every edit. */
  changed(): void {
    if (!this.dirty) return;
    if (!this.saving && this.current.state !== 'failed') this.setStatus({ state: 'pending' });
    if (this.current.state !== 'failed' || this.current.retryAt === undefined) this.schedule(this.debounceMs);
  }

  /** Saves now (waiting for a save under way); resolves true once every edit is saved. */
  async flush(): Promise<boolean> {
    this.cancel();
    if (this.saving) await this.saving;
    if (this.dirty) await this.run();
    return !this.dirty;
  }

  private schedule(delay: number): void {
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, delay);
  }

  private cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private run(): Promise<void> {
    if (this.saving) return this.saving;
    const { revision, document } = this.latest();
    if (revision === this.savedRevision) return Promise.resolve();
    this.setStatus({ state: 'saving' });
    this.saving = this.save(document).then(
      () => {
        this.saving = undefined;
        this.savedRevision = revision;
        this.failures = 0;
        if (this.dirty) {
          this.setStatus({ state: 'pending' });
          this.schedule(this.debounceMs);
        } else this.setStatus({ state: 'saved' });
      },
      (error: unknown) => {
        this.saving = undefined;
        const failure = this.describeError(error);
        if (!failure.retryable) {
          this.setStatus({ state: 'failed', message: failure.message });
          return;
        }
        const delay = this.backoffMs[Math.min(this.failures, this.backoffMs.length - 1)] ?? 1000;
        this.failures += 1;
        this.setStatus({ state: 'failed', message: failure.message, retryAt: Date.now() + delay });
        this.schedule(delay);
      },
    );
    return this.saving;
  }

  private setStatus(status: SaveStatus): void {
    this.current = status;
    for (const listener of this.listeners) listener();
  }
}
