/** A short message in the corner: what just happened, or what went wrong. */
export interface Toast {
  id: number;
  kind: 'success' | 'error' | 'info';
  text: string;
}

const LIFETIME_MS = { success: 3500, info: 4500, error: 8000 };

let list: readonly Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

/** The app-wide toast list; toasts leave by themselves after a few seconds. */
export const toasts = {
  getAll: (): readonly Toast[] => list,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  show(kind: Toast['kind'], text: string): void {
    const toast = { id: nextId++, kind, text };
    list = [...list, toast];
    emit();
    setTimeout(() => toasts.dismiss(toast.id), LIFETIME_MS[kind]);
  },
  dismiss(id: number): void {
    list = list.filter((toast) => toast.id !== id);
    emit();
  },
};
