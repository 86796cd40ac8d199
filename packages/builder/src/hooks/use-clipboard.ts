import type { XYPosition } from '@xyflow/react';
import { useCallback, useEffect } from 'react';
import { type ClipboardPayload, parseClipboard, serializeClipboard } from '../editor/clipboard-payload';
import { toasts } from '../notifications/toasts';
import { useEditor } from './use-editor';
import { isTyping } from './use-keyboard-shortcuts';

const STORAGE_KEY = 'chatflow.clipboard';

/**
 * Copy, cut and paste of nodes through the system clipboard, with localStorage as a second copy
 * so nodes also travel between flows where the clipboard is not readable. `pastePosition` says
 * where pasted nodes go (the pointer on the canvas).
 */
export function useClipboard(pastePosition: () => XYPosition | undefined): { copy: () => void; cut: () => void; paste: () => void } {
  const { editor } = useEditor();

  const store = useCallback((payload: ClipboardPayload, clipboard?: DataTransfer | null) => {
    const text = serializeClipboard(payload);
    localStorage.setItem(STORAGE_KEY, text);
    if (clipboard) clipboard.setData('text/plain', text);
    else void navigator.clipboard?.writeText(text).catch(() => {});
    toasts.show('info', `Copied ${payload.nodes.length} node${payload.nodes.length === 1 ? '' : 's'}`);
  }, []);

  const pasteText = useCallback(
    (text: string | undefined) => {
      const payload = parseClipboard(text) ?? parseClipboard(localStorage.getItem(STORAGE_KEY));
      if (payload) editor.paste(payload, pastePosition());
    },
    [editor, pastePosition],
  );

  const copy = useCallback(() => {
    const payload = editor.copySelection();
    if (payload) store(payload);
  }, [editor, store]);

  const cut = useCallback(() => {
    const payload = editor.copySelection();
    if (!payload) return;
    store(payload);
    editor.deleteSelection();
  }, [editor, store]);

  const paste = useCallback(() => pasteText(undefined), [pasteText]);

  useEffect(() => {
    const onCopy = (event: ClipboardEvent) => {
      if (isTyping(event.target) || window.getSelection()?.toString()) return;
      const payload = editor.copySelection();
      if (!payload) return;
      event.preventDefault();
      store(payload, event.clipboardData);
    };
    const onCut = (event: ClipboardEvent) => {
      if (isTyping(event.target) || editor.readOnly) return;
      const payload = editor.copySelection();
      if (!payload) return;
      event.preventDefault();
      store(payload, event.clipboardData);
      editor.deleteSelection();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTyping(event.target) || editor.readOnly) return;
      event.preventDefault();
      pasteText(event.clipboardData?.getData('text/plain'));
    };
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCut);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCut);
      document.removeEventListener('paste', onPaste);
    };
  }, [editor, store, pasteText]);

  return { copy, cut, paste };
}
