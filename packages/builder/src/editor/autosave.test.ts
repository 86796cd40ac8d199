import type { FlowDocument } from '@chatflow/engine';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosave } from './autosave';

const doc = (name: string): FlowDocument => ({ schemaVersion: 1, id: 'f', name, start: 's', nodes: [], edges: [] });

function setup(save: (document: FlowDocument) => Promise<void>, retryable = true) {
  const draft = { revision: 0, document: doc('v0') };
  const autosave = new Autosave(
    () => draft,
    save,
    (error) => ({ message: String(error), retryable }),
    { debounceMs: 100, backoffMs: [1000, 2000] },
  );
  const edit = (name: string) => {
    draft.revision += 1;
    draft.document = doc(name);
    autosave.changed();
  };
  return { autosave, edit };
}

describe('Autosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves the latest draft once the edits pause', async () => {
    const saved: string[] = [];
    const { autosave, edit } = setup(async (d) => {
      saved.push(d.name);
    });
    edit('a');
    edit('ab');
    expect(autosave.getStatus()).toEqual({ state: 'pending' });
    await vi.advanceTimersByTimeAsync(150);
    expect(saved).toEqual(['ab']);
    expect(autosave.getStatus()).toEqual({ state: 'saved' });
    expect(autosave.dirty).toBe(false);
  });

  it('retries a failed save with backoff and keeps the edit', async () => {
    let calls = 0;
    const { autosave, edit } = setup(async () => {
      calls += 1;
      if (calls < 3) throw new Error('offline');
    });
    edit('a');
    await vi.advanceTimersByTimeAsync(100);
    expect(autosave.getStatus()).toMatchObject({ state: 'failed', message: 'Error: offline' });
    expect(autosave.dirty).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(3);
    expect(autosave.getStatus()).toEqual({ state: 'saved' });
  });

  it('saves edits made during a save right after it', async () => {
    const saved: string[] = [];
    let finish: () => void = () => {};
    const { autosave, edit } = setup(
      (d) =>
        new Promise<void>((resolve) => {
          saved.push(d.name);
          finish = resolve;
        }),
    );
    edit('a');
    await vi.advanceTimersByTimeAsync(150);
    edit('ab');
    finish();
    await vi.advanceTimersByTimeAsync(150);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(saved).toEqual(['a', 'ab']);
    expect(autosave.dirty).toBe(false);
  });

  it('does not retry a draft the server refused until the next edit or flush', async () => {
    let calls = 0;
    const { autosave, edit } = setup(async () => {
      calls += 1;
      throw new Error('bad draft');
    }, false);
    edit('a');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(1);
    expect(autosave.getStatus()).toEqual({ state: 'failed', message: 'Error: bad draft' });
    expect(await autosave.flush()).toBe(false);
    expect(calls).toBe(2);
  });
});
