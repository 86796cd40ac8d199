import { useSyncExternalStore } from 'react';
import { type Toast, toasts } from '../notifications/toasts';

export function useToasts(): readonly Toast[] {
  return useSyncExternalStore(toasts.subscribe, toasts.getAll);
}
