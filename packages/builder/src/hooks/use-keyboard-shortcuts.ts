import { useEffect, useRef } from 'react';
import { actionFor, type ShortcutAction } from '../editor/shortcuts';

/** True when a key press is typing: it belongs to the field, not to the editor. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Runs the editor's keyboard shortcuts (see editor/shortcuts.ts), except while typing in a field. */
export function useKeyboardShortcuts(handlers: Partial<Record<ShortcutAction, () => void>>): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const action = actionFor(event);
      if (!action) return;
      if (isTyping(event.target) && action !== 'save' && action !== 'escape') return;
      const handler = latest.current[action];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
